/**
 * What lstat says of the services folder, without reading a file: enough for a
 * run to tell that nothing changed since the last one, and for `serve --watch`
 * to tell that a file it read was still being written.
 */
import { createHash } from 'node:crypto';
import { type Dirent, lstatSync, readdirSync, type Stats } from 'node:fs';
import { sep } from 'node:path';
import { entryRole, isRead } from '../core/reading/input.js';
import { displayPath, folderError, typeOf } from './read-services.js';

/**
 * What lstat says of a service file: type, size, inode, modification and
 * change times. Writing the file (even its same bytes), truncating it or
 * replacing it by a rename changes it; so does anything `readServices` would
 * see differently, short of two writes of the same size in one clock tick.
 */
export function fingerprintOf(s: Stats): string {
  return `${s.mode}\0${s.size}\0${s.ino}\0${s.mtimeMs}\0${s.ctimeMs}`;
}

/**
 * A hash of the folder's entries that are not hidden, as lstat sees them: each
 * service file's name and fingerprint, each other entry's name and type (all
 * that its warning says), and of each sub-folder that may be a kind's folder
 * (a name that starts with `_`: see `kindFolders`), its fingerprint and its
 * entries likewise, taken without reading a file. No kind needs to be known (they
 * are loaded only when files are analyzed): a sub-folder that is no kind's
 * only makes a change in it cost a full read. When it equals the
 * one of a run whose results are kept, nothing changed since. Null when a time
 * is too recent to tell a later change in the same clock tick apart (the
 * "racy" case): then the files are read.
 *
 * It runs on every build, before anything else, so it does no more than it
 * must: entries in the order the folder lists them (the same for a folder
 * that did not change; another order only costs a full read), and a hash
 * rather than the listing itself, which would make the cache file large.
 */
export function statServices(dir: string, cwd: string): string | null {
  const startedAt = Date.now();
  const parts = [dir, displayPath(dir, cwd)];
  const prefix = dir.endsWith(sep) ? dir : dir + sep;
  let newest = Number.NEGATIVE_INFINITY;
  let fine = false;
  const stamp = (path: string): boolean => {
    const s = lstatSync(prefix + path, { throwIfNoEntry: false });
    if (s === undefined) return false;
    newest = Math.max(newest, s.mtimeMs, s.ctimeMs);
    fine ||= s.mtimeMs % 1000 !== 0 || s.ctimeMs % 1000 !== 0;
    parts.push(`${path}\0${fingerprintOf(s)}`);
    return true;
  };
  for (const entry of listNames(dir)) {
    const role = entryRole(entry.name);
    if (role === 'hidden') continue;
    if (role !== 'ignored') {
      if (!stamp(entry.name)) return null;
      continue;
    }
    parts.push(`${entry.name}\0${typeOf(entry)}`);
    if (!entry.isDirectory() || !entry.name.startsWith('_')) continue;
    // A sub-folder that may be a kind's: the files a reader would read there by their fingerprint, the
    // other entries by name and type alone (as the folder's own), so a big folder that is no kind's
    // (`_archive/`) costs a listing, not an lstat per file.
    const entries = subEntries(prefix + entry.name);
    if (entries === null || !stamp(entry.name)) return null;
    for (const sub of entries) {
      const path = `${entry.name}/${sub.name}`;
      if (isRead(entryRole(sub.name, true))) {
        if (!stamp(path)) return null;
      } else parts.push(`${path}\0${typeOf(sub)}`);
    }
  }
  if (newest > startedAt - (fine ? RACY_MS_FINE : RACY_MS_COARSE)) return null;
  return createHash('sha1').update(parts.join('\n')).digest('hex');
}

/** What `fingerprints` says of the entry `name`, as lstat describes it: a service file's fingerprint, another's type. */
export function printOf(name: string, stat: Stats): string {
  return isRead(entryRole(name)) ? fingerprintOf(stat) : typeOf(stat);
}

/**
 * Each entry of the folder that is not hidden, by name: a service file's
 * fingerprint, another entry's type. Throws `MissingFolderError` when the
 * folder cannot be listed; an entry gone since the listing is left out.
 */
export function fingerprints(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const prefix = dir.endsWith(sep) ? dir : dir + sep;
  for (const entry of listNames(dir)) {
    const role = entryRole(entry.name);
    if (role === 'ignored') out.set(entry.name, typeOf(entry));
    if (!isRead(role)) continue;
    const s = lstatSync(prefix + entry.name, { throwIfNoEntry: false });
    if (s !== undefined) out.set(entry.name, fingerprintOf(s));
  }
  return out;
}

/** The entries of a sub-folder that are not hidden, as it lists them; null when it cannot be listed. */
function subEntries(dir: string): Dirent[] | null {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((entry) => !entry.name.startsWith('.'));
  } catch {
    return null;
  }
}

function listNames(dir: string) {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    throw folderError(dir, e);
  }
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
