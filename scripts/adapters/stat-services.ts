/**
 * What lstat says of the services folder, without reading a file: enough for a
 * run to tell that nothing changed since the last one.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync } from 'node:fs';
import { sep } from 'node:path';
import { displayPath, folderError, SERVICE_FILE } from './read-services.js';

/**
 * A hash of the folder's service entries as lstat sees them (name, type, size,
 * inode, modification and change times), taken without reading a file: when it
 * equals the one of a run whose results are kept, nothing changed since. Null
 * when a time is too recent to tell a later change in the same clock tick apart
 * (the "racy" case): then the files are read.
 *
 * It runs on every build, before anything else, so it does no more than it
 * must: entries in the order the folder lists them (the same for a folder
 * that did not change; another order only costs a full read), and a hash
 * rather than the listing itself, which would make the cache file large.
 */
export function statServices(dir: string, cwd: string): string | null {
  const startedAt = Date.now();
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (e) {
    throw folderError(dir, e);
  }
  const parts = [dir, displayPath(dir, cwd)];
  const prefix = dir.endsWith(sep) ? dir : dir + sep;
  let newest = Number.NEGATIVE_INFINITY;
  let fine = false;
  for (const name of names) {
    if (!SERVICE_FILE.test(name)) continue;
    const s = lstatSync(prefix + name, { throwIfNoEntry: false });
    if (s === undefined) return null;
    newest = Math.max(newest, s.mtimeMs, s.ctimeMs);
    fine ||= s.mtimeMs % 1000 !== 0 || s.ctimeMs % 1000 !== 0;
    parts.push(`${name}\0${s.mode}\0${s.size}\0${s.ino}\0${s.mtimeMs}\0${s.ctimeMs}`);
  }
  if (newest > startedAt - (fine ? RACY_MS_FINE : RACY_MS_COARSE)) return null;
  return createHash('sha1').update(parts.join('\n')).digest('hex');
}

/*
 * How close to the listing a change may be and still share a clock tick with
 * it. Linux file systems stamp times from a clock that lags the real time by at
 * most a scheduler tick (10 ms at most), and a time with a fraction of a second
 * shows such a file system. Times in whole seconds may come from one that
 * counts in seconds, or in two (FAT): then a change within two seconds is
 * doubted.
 */
const RACY_MS_FINE = 50;
const RACY_MS_COARSE = 2000;
