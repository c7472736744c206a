/**
 * A build's manifest: for every file of a build folder, the hash of its bytes
 * and what lstat said of it once written (size, modification and change
 * times, inode),
 * and the input the build was made from. It lies beside the build
 * (`.dist.builds/<id>.manifest`), never inside the served tree, and lets a
 * build know what the published files hold without reading them: a file whose
 * lstat still gives the recorded size, times and inode is taken to hold the
 * recorded bytes (see `verify-published.ts`). The change time (ctime) is what
 * no user can set: `touch -d`, `cp -a`, `rsync -a` and tar restore a
 * modification time, never a change time (POSIX `utimensat`, `stat`).
 *
 * A manifest is written only once its folder is complete, and deleted before
 * its folder is changed, so one that exists describes its folder; one that is
 * missing, unreadable, of another format, names another folder or lists a
 * path that is not a site path (`site-path.ts`: `../x` would lead out of the
 * folder) is ignored and the folder is read instead.
 */
import { createHash } from 'node:crypto';
import { lstatSync } from 'node:fs';
import { lstat, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { isSitePath } from '../core/model/site-path.js';

/**
 * 4: the columns also hold each file's and each folder's change time. 3 (read,
 * its change times unknown: every file is hashed once, every folder read): the head also holds the output's clock and when the input was read, and the
 * columns each folder and its time. 2: one JSON line of columns (paths, hashes,
 * sizes, times, inodes) after the head, still read (its folders unknown). 1 had hashes alone.
 */
const FORMAT = 4;

/** What a build folder holds at one path. */
export interface FileRecord {
  /** `hashBytes` of the bytes. */
  readonly hash: string;
  /** In bytes, as lstat gives it. */
  readonly size: number;
  /** Modification time in milliseconds since the epoch, as lstat's `mtimeMs` gives it. */
  readonly mtimeMs: number;
  /** Change time (ms), as lstat's `ctimeMs` gives it; -1 when not recorded (an older manifest). */
  readonly ctimeMs: number;
  readonly ino: number;
}

/** A folder's modification and change times (ms) once its build was complete. */
export interface FolderTime {
  readonly mtimeMs: number;
  readonly ctimeMs: number;
}

export interface Manifest {
  /** The input the build was made from (see `CatalogRun.key`), when known. */
  readonly source: string | null;
  /** Every file, by path relative to the folder (with `/`). */
  readonly files: ReadonlyMap<string, FileRecord>;
  /**
   * Every folder of the build (relative, `` for the build itself) and its
   * times once the build was complete: a folder whose change time (or
   * modification time) changed since had entries added or removed by hand.
   * Null when not recorded (a manifest of format 2 or 3): every folder is then read.
   */
  readonly folders: ReadonlyMap<string, FolderTime> | null;
  /**
   * The latest whole second (seconds since the epoch) that any build of this
   * output gave a file it wrote, carried from build to build (see `build-folder.ts`).
   */
  readonly clock: number;
  /** When the build started reading the input it was made from (ms since the epoch), or null when unknown. */
  readonly readAt: number | null;
}

/**
 * The records as stored: one array per field, index by index. Reading them
 * costs a fraction of building a record per file, which a build with nothing
 * to do never needs.
 */
export interface ManifestColumns {
  readonly source: string | null;
  readonly clock: number;
  readonly readAt: number | null;
  /** Null as `Manifest.folders`; else index by index with `folderTimes` and `folderChanges`. */
  readonly folders: readonly string[] | null;
  readonly folderTimes: readonly number[];
  readonly folderChanges: readonly number[];
  readonly paths: readonly string[];
  readonly hashes: readonly string[];
  readonly sizes: readonly number[];
  readonly mtimes: readonly number[];
  /** Change times (ms); -1 each when not recorded. */
  readonly ctimes: readonly number[];
  readonly inos: readonly number[];
}

/** The manifest of a folder nothing is known of: no source, no files, clock 0. */
export const emptyManifest: Manifest = { source: null, files: new Map(), folders: new Map(), clock: 0, readAt: null };

/** Where a build folder's manifest is: beside it, `<folder>.manifest`. */
export const manifestPath = (folder: string): string => `${folder}.manifest`;

/** SHA-1 of the bytes, in base64: tells files apart, not a security measure. */
export const hashBytes = (bytes: Uint8Array): string => createHash('sha1').update(bytes).digest('base64');

/** The record of a file from its hash and its lstat. */
export const recordOf = (hash: string, stat: Omit<FileRecord, 'hash'>): FileRecord => ({
  hash,
  size: stat.size,
  mtimeMs: stat.mtimeMs,
  ctimeMs: stat.ctimeMs,
  ino: stat.ino,
});

/** Whether lstat's `stat` still gives what `record` says of a file: size, both times and inode. */
export const sameStat = (stat: Omit<FileRecord, 'hash'>, record: Omit<FileRecord, 'hash'>): boolean =>
  stat.size === record.size &&
  stat.mtimeMs === record.mtimeMs &&
  stat.ctimeMs === record.ctimeMs &&
  stat.ino === record.ino;

interface Head {
  readonly format: number;
  readonly id: string;
  readonly source: string | null;
  readonly count: number;
  readonly clock?: number;
  readonly readAt?: number | null;
}

const columnOf = (value: unknown, count: number, type: 'string' | 'number'): boolean =>
  Array.isArray(value) && value.length === count && value.every((v) => typeof v === type);

type Columns = Omit<ManifestColumns, 'source' | 'clock' | 'readAt'>;

/** The manifest of a build folder as stored, or null when it has none that is whole and of this format. */
export async function readManifestColumns(folder: string): Promise<ManifestColumns | null> {
  try {
    const text = await readFile(manifestPath(folder), 'utf8');
    const newline = text.indexOf('\n');
    const head = JSON.parse(text.slice(0, newline)) as Head;
    if (head.format !== FORMAT && head.format !== 3 && head.format !== 2) return null;
    if (head.id !== basename(folder) || typeof head.count !== 'number') return null;
    let c = JSON.parse(text.slice(newline + 1)) as Columns;
    const whole =
      columnOf(c.paths, head.count, 'string') &&
      columnOf(c.hashes, head.count, 'string') &&
      columnOf(c.sizes, head.count, 'number') &&
      columnOf(c.mtimes, head.count, 'number') &&
      columnOf(c.inos, head.count, 'number');
    // Paths are joined to the folder and unlinked: one that is not a site path could name a file outside it.
    if (!whole || !c.paths.every(isSitePath)) return null;
    const unknown = { ctimes: c.paths.map(() => -1), folders: null, folderTimes: [], folderChanges: [] };
    if (head.format === 2) return { ...c, ...unknown, source: head.source, clock: 0, readAt: null };
    if (head.format === 3) c = { ...c, ...unknown };
    else if (!columnOf(c.ctimes, head.count, 'number')) return null;
    const folders = Array.isArray(c.folders) ? c.folders.length : -1;
    const timed =
      c.folders === null ||
      (columnOf(c.folders, folders, 'string') &&
        columnOf(c.folderTimes, folders, 'number') &&
        columnOf(c.folderChanges, folders, 'number'));
    const clock = head.clock;
    const readAt = head.readAt;
    if (!timed || typeof clock !== 'number' || (readAt !== null && typeof readAt !== 'number')) return null;
    if (c.folders !== null && !c.folders.every((f) => f === '' || isSitePath(f))) return null;
    return { ...c, source: head.source, clock, readAt: readAt ?? null };
  } catch {
    return null;
  }
}

/** The manifest of a build folder, a record per path, or null as `readManifestColumns`. */
export async function readManifest(folder: string): Promise<Manifest | null> {
  const c = await readManifestColumns(folder);
  if (c === null) return null;
  const files = new Map<string, FileRecord>();
  for (let i = 0; i < c.paths.length; i++) {
    files.set(c.paths[i] as string, {
      hash: c.hashes[i] as string,
      size: c.sizes[i] as number,
      mtimeMs: c.mtimes[i] as number,
      ctimeMs: c.ctimes[i] as number,
      ino: c.inos[i] as number,
    });
  }
  const folders =
    c.folders === null
      ? null
      : new Map(
          c.folders.map((f, i) => [f, { mtimeMs: c.folderTimes[i] as number, ctimeMs: c.folderChanges[i] as number }]),
        );
  return { source: c.source, files, folders, clock: c.clock, readAt: c.readAt };
}

/** Writes the manifest beside the folder, atomically (a temporary file renamed over it). */
export async function writeManifest(folder: string, manifest: Manifest): Promise<void> {
  const { source, clock, readAt } = manifest;
  const head = { format: FORMAT, id: basename(folder), source, count: manifest.files.size, clock, readAt };
  const records = [...manifest.files.values()];
  const columns = {
    paths: [...manifest.files.keys()],
    hashes: records.map((r) => r.hash),
    sizes: records.map((r) => r.size),
    mtimes: records.map((r) => r.mtimeMs),
    ctimes: records.map((r) => r.ctimeMs),
    inos: records.map((r) => r.ino),
    folders: manifest.folders === null ? null : [...manifest.folders.keys()],
    folderTimes: [...(manifest.folders?.values() ?? [])].map((t) => t.mtimeMs),
    folderChanges: [...(manifest.folders?.values() ?? [])].map((t) => t.ctimeMs),
  };
  const tmp = `${manifestPath(folder)}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(head)}\n${JSON.stringify(columns)}\n`);
  await rename(tmp, manifestPath(folder));
}

/** Deletes a build folder's manifest; a missing one is not an error. */
export async function deleteManifest(folder: string): Promise<void> {
  await unlink(manifestPath(folder)).catch(() => {});
}

/** The manifest a folder would have, from reading every file: for folders without a valid one. */
export async function manifestByReading(folder: string, paths: readonly string[]): Promise<Manifest> {
  const files = new Map<string, FileRecord>();
  for (const path of paths) {
    const stat = await lstat(join(folder, path)).catch(() => null);
    const bytes = stat?.isFile() ? await readFile(join(folder, path)).catch(() => null) : null;
    if (stat !== null && bytes !== null) files.set(path, recordOf(hashBytes(bytes), stat));
  }
  return { source: null, files, folders: null, clock: 0, readAt: null };
}

/** Every folder that holds a file of `paths`, with the build itself (``), parents before children. */
export function foldersOf(paths: Iterable<string>): string[] {
  const folders = new Set<string>(['']);
  for (const path of paths) {
    for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1)) folders.add(path.slice(0, i));
  }
  return [...folders].sort();
}

/** Each folder of `paths` in `root` (absolute) with its times now (ms), for `Manifest.folders`. */
export function folderTimes(root: string, paths: Iterable<string>): Map<string, FolderTime> {
  return new Map(
    foldersOf(paths).map((f) => {
      const { mtimeMs, ctimeMs } = lstatSync(f === '' ? root : join(root, f));
      return [f, { mtimeMs, ctimeMs }];
    }),
  );
}
