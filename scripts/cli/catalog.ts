import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AnalysisCache } from '../adapters/cache.js';
import { MissingFolderError, readServices } from '../adapters/read-services.js';
import { type Analysis, analyze } from '../core/analyze.js';
import { type CatalogRun, identity, runCatalog } from './cached-analysis.js';
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

/**
 * Where results are kept between runs, by the convention of Node tools:
 * `node_modules/.cache/user-services` beside the nearest `package.json` above
 * the working directory; without one, no cache.
 */
export function cacheFolder(io: Io): string | null {
  for (let dir = io.cwd; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'node_modules', '.cache', 'user-services');
    if (dirname(dir) === dir) return null;
  }
}

/** Like `loadCatalog`, using the cache (unless `useCache` is false) so that unchanged files are not parsed again. */
export async function loadCatalogRun(servicesDir: string, io: Io, useCache: boolean): Promise<CatalogRun> {
  try {
    const input = await readServices(resolve(io.cwd, servicesDir), io.cwd);
    const folder = useCache ? cacheFolder(io) : null;
    return runCatalog(input, folder === null ? null : new AnalysisCache(folder, identity));
  } catch (e) {
    if (e instanceof MissingFolderError) throw new MissingFolderError(`services folder not found: ${servicesDir}`);
    throw e;
  }
}
