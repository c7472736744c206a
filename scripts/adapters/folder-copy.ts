/**
 * Reads a published copy of a site for `verify` from a folder: the manifest,
 * its signature, every file the manifest lists and every entry it does not,
 * so that extra files are found too (over HTTP(S): `http-copy.ts`).
 *
 * Only regular files are read. Each path is looked at with lstat first, each
 * of its folders too, and a regular file is opened without following a link
 * and without waiting (`O_NOFOLLOW | O_NONBLOCK`, so a FIFO put there since
 * cannot block) and checked again once open; a symbolic link, FIFO, socket or
 * device is reported as what it is, never opened or followed. Files are
 * hashed as they are read (`digest.ts`), so their size costs no memory.
 */
import { constants, type Dirent, type Stats } from 'node:fs';
import { type FileHandle, lstat, open, readdir, readlink, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { compareCodePoints, type FileFacts } from '../core/diagnostics/diagnostic.js';
import { copyOf } from '../core/emit/compress.js';
import { manifestPath, signaturePath } from '../core/model/site.js';
import {
  type EntryKind,
  type Found,
  type ManifestFile,
  META_LIMIT,
  type MetaFound,
  type PublishedCopy,
} from '../core/sync/verify.js';
import { type CopyReader, CopyUnreadableError, pool } from './copy-reader.js';
import { decodeLimit, digest } from './digest.js';

/** How many files are read at once. */
const PARALLEL = 8;

/** The reader of the copy in `folder` (its link followed, none below), shown as `shown` (`dist`). */
export async function folderReader(folder: string, shown: string): Promise<CopyReader> {
  const root = await realpath(folder).catch((e: NodeJS.ErrnoException) => {
    throw new CopyUnreadableError(shown, `the folder cannot be read (${e.code})`);
  });
  const folders = new Map<string, Promise<Exclude<Found, { facts: FileFacts }> | null>>();
  const opener = (path: string) => openRegular(root, path, folders);
  return {
    where: (path) => ({ file: `${shown}/${path}`, line: 1, column: 1 }),
    meta: (path) => readMeta(opener, path),
    files: async (files) => ({
      copy: await readFiles(root, files, opener),
      skipped: [],
      unfetched: 0,
      deadlineSeconds: 0,
    }),
    close: () => {},
  };
}

type Opened = { readonly handle: FileHandle; readonly size: number } | Exclude<Found, { facts: FileFacts }>;
type Opener = (path: string) => Promise<Opened>;

/** What stands at `stat`, when it is not a regular file. */
const kindOf = (stat: Stats): EntryKind =>
  stat.isSymbolicLink()
    ? 'symbolic link'
    : stat.isDirectory()
      ? 'folder'
      : stat.isFIFO()
        ? 'FIFO'
        : stat.isSocket()
          ? 'socket'
          : stat.isBlockDevice() || stat.isCharacterDevice()
            ? 'device'
            : 'other';

const errno = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? String(e);

/** What stands at `full` (lstat), when not a regular file: missing, unreadable, or its kind (a link with its target). */
async function irregular(
  full: string,
  stat: Stats | null,
  error: unknown,
): Promise<Exclude<Found, { facts: FileFacts }>> {
  if (stat === null)
    return errno(error) === 'ENOENT' || errno(error) === 'ENOTDIR'
      ? { missing: 'no such file' }
      : { unreadable: errno(error) };
  const kind = kindOf(stat);
  if (kind !== 'symbolic link') return { kind };
  return { kind, target: await readlink(full).catch(() => '') };
}

/**
 * Opens the regular file at site path `path` of `root`: every folder on the
 * way lstat-ed once (`folders` caches them), then the path, then opened
 * without following or waiting and checked with fstat. Anything else is
 * returned as what it is.
 */
async function openRegular(
  root: string,
  path: string,
  folders: Map<string, Promise<Exclude<Found, { facts: FileFacts }> | null>>,
): Promise<Opened> {
  const parts = path.split('/');
  for (let i = 1; i < parts.length; i++) {
    const folder = parts.slice(0, i).join('/');
    let check = folders.get(folder);
    if (check === undefined) {
      check = folderProblem(root, folder);
      folders.set(folder, check);
    }
    const problem = await check;
    if (problem !== null) return problem;
  }
  const full = join(root, path);
  let stat: Stats | null = null;
  try {
    stat = await lstat(full);
  } catch (e) {
    return irregular(full, null, e);
  }
  if (!stat.isFile()) return irregular(full, stat, null);
  let handle: FileHandle;
  try {
    handle = await open(full, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return errno(e) === 'ELOOP' ? { kind: 'symbolic link' } : irregular(full, null, e);
  }
  const now = await handle.stat();
  if (now.isFile()) return { handle, size: now.size };
  await handle.close();
  return { kind: kindOf(now) };
}

/** Why the files below `folder` (a site path) cannot be reached, or null when it is a folder (not a link to one). */
async function folderProblem(root: string, folder: string): Promise<Exclude<Found, { facts: FileFacts }> | null> {
  try {
    const stat = await lstat(join(root, folder));
    if (stat.isDirectory()) return null;
    const kind = stat.isFile() ? 'file' : kindOf(stat);
    return { missing: `its folder ${folder} is a ${kind}, which verify does not follow` };
  } catch (e) {
    const code = errno(e);
    return code === 'ENOENT' || code === 'ENOTDIR'
      ? { missing: 'no such file' }
      : { unreadable: `${code} on its folder ${folder}` };
  }
}

/** The bytes of a regular file of at most `META_LIMIT` bytes, for the manifest and its signature. */
async function readMeta(opener: Opener, path: string): Promise<MetaFound> {
  const opened = await opener(path);
  if (!('handle' in opened)) return opened;
  try {
    if (opened.size > META_LIMIT) return { unreadable: `it is larger than ${META_LIMIT / 1024 / 1024} MiB` };
    return { bytes: new Uint8Array(await opened.handle.readFile()) };
  } catch (e) {
    return { unreadable: errno(e) };
  } finally {
    await opened.handle.close().catch(() => {});
  }
}

/** The facts of a regular file at `path`, hashed as read (decompressed by `by` for a copy, bounded by `max`). */
async function hashFile(opener: Opener, path: string, by?: 'gzip' | 'brotli', max?: number): Promise<Found> {
  const opened = await opener(path);
  if (!('handle' in opened)) return opened;
  try {
    return {
      facts: await digest(opened.handle.createReadStream({ autoClose: false, highWaterMark: 1 << 20 }), by, max),
    };
  } catch (e) {
    return { unreadable: errno(e) };
  } finally {
    await opened.handle.close().catch(() => {});
  }
}

/** What the folder holds at each listed path, and every entry it holds that is not listed. */
async function readFiles(root: string, files: readonly ManifestFile[], opener: Opener): Promise<PublishedCopy> {
  const found = new Map<string, Found>();
  await pool(
    files.map((f) => async () => void found.set(f.path, await hashFile(opener, f.path))),
    PARALLEL,
  );
  const listed = new Map(files.map((f) => [f.path, f]));
  const unlisted = new Map<string, Found | 'regular'>();
  const own = new Set([manifestPath(), signaturePath()]);
  const entries = await listEntries(root);
  await pool(
    [...entries].map(([path, entry]) => async () => {
      if (listed.has(path) || own.has(path)) return;
      if (entry !== 'regular') return void unlisted.set(path, entry);
      const copied = copyOf(path, (p) => listed.has(p));
      const of = copied === null ? undefined : listed.get(copied.of);
      unlisted.set(path, of === undefined ? 'regular' : await hashFile(opener, path, copied?.by, decodeLimit(of.size)));
    }),
    PARALLEL,
  );
  // Read in parallel: each map in its listing's order, so that the same copy gives the same report.
  return {
    files: new Map(files.map((f) => [f.path, found.get(f.path) as Found])),
    unlisted: new Map([...entries.keys()].filter((p) => unlisted.has(p)).map((p) => [p, unlisted.get(p) as Found])),
  };
}

/**
 * Every entry below `root` that is not a folder, by site path, sorted by code
 * point: `regular`, or what else stands there (links not followed), and each
 * folder that cannot be read as `unreadable` with `folder` set.
 */
async function listEntries(root: string): Promise<Map<string, Found | 'regular'>> {
  const out = new Map<string, Found | 'regular'>();
  const walk = async (dir: string, prefix: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      out.set(prefix.slice(0, -1), { unreadable: errno(e), folder: true });
      return;
    }
    for (const entry of entries) {
      const path = prefix + entry.name;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full, `${path}/`);
      else if (entry.isFile()) out.set(path, 'regular');
      else {
        const stat = await lstat(full).catch(() => null);
        out.set(path, stat?.isFile() ? 'regular' : await irregular(full, stat, null));
      }
    }
  };
  await walk(root, '');
  return new Map([...out].sort(([a], [b]) => compareCodePoints(a, b)));
}
