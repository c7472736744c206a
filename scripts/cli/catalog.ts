import { resolve } from 'node:path';
import { MissingFolderError, readServices } from '../adapters/read-services.js';
import { type Analysis, analyze } from '../core/analyze.js';
import type { Io } from './io.js';

/** Reads and validates the services folder: the first half of check, build, serve and diff. */
export async function loadCatalog(servicesDir: string, io: Io): Promise<Analysis> {
  try {
    return analyze(await readServices(resolve(io.cwd, servicesDir), io.cwd));
  } catch (e) {
    // Name the folder as the user wrote it, not as resolved.
    if (e instanceof MissingFolderError) throw new MissingFolderError(`services folder not found: ${servicesDir}`);
    throw e;
  }
}
