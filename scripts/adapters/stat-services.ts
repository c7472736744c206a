/**
 * What lstat says of the services folder, without reading a file: enough for a
 * run to tell that nothing changed since the last one.
 */
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compareCodePoints } from '../core/diagnostic.js';
import { displayPath, folderError, SERVICE_FILE } from './read-services.js';

/**
 * The folder's service entries as lstat sees them (name, type, size, inode,
 * modification and change times), as one string, without reading a file: when
 * it equals the listing of a run whose results are kept, nothing changed since.
 * Null when a time is too recent to tell a later change in the same clock tick
 * apart (the "racy" case): then the files are read.
 */
export function statServices(dir: string, cwd: string): string | null {
  const startedAt = Date.now();
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => SERVICE_FILE.test(n));
  } catch (e) {
    throw folderError(dir, e);
  }
  names.sort(compareCodePoints);
  const parts = [dir, displayPath(dir, cwd)];
  for (const name of names) {
    const s = lstatSync(join(dir, name), { throwIfNoEntry: false });
    if (s === undefined) return null;
    if (Math.max(s.mtimeMs, s.ctimeMs) > startedAt - RACY_MS) return null;
    parts.push(`${name}\0${s.mode}\0${s.size}\0${s.ino}\0${s.mtimeMs}\0${s.ctimeMs}`);
  }
  return parts.join('\n');
}

// Changes closer than this to a listing might share a clock tick with it.
const RACY_MS = 2000;
