/**
 * A build's manifest: for every file of a build folder, the hash of its bytes
 * and what lstat said of it once written (size, modification time, inode),
 * and the input the build was made from. It lies beside the build
 * (`.dist.builds/<id>.manifest`), never inside the served tree, and lets a
 * build know what the published files hold without reading them: a file whose
 * lstat still gives the recorded size, time and inode is taken to hold the
 * recorded bytes (see `verify-published.ts`).
 *
 * A manifest is written only once its folder is complete, and deleted before
 * its folder is changed, so one that exists describes its folder; one that is
 * missing, unreadable, of another format or names another folder is ignored
 * and the folder is read instead.
 */
import { createHash } from 'node:crypto';
import { lstatSync } from 'node:fs';
import { lstat, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

/**
 * 3: the head also holds the output's clock and when the input was read, and the
 * columns each folder and its time. 2: one JSON line of columns (paths, hashes,
 * sizes, times, inodes) after the head, still read (its folders unknown). 1 had hashes alone.
 */
const FORMAT = 3;

/** What a build folder holds at one path. */
export interface FileRecord {
  /** `hashBytes` of the bytes. */
  readonly hash: string;
  /** In bytes, as lstat gives it. */
  readonly size: number;
  /** Modification time in milliseconds since the epoch, as lstat's `mtimeMs` gives it. */
  readonly mtimeMs: number;
  readonly ino: number;
}

export interface Manifest {
  /** The input the build was made from (see `CatalogRun.key`), when known. */
  readonly source: string | null;
  /** Every file, by path relative to the folder (with `/`). */
  readonly files: ReadonlyMap<string, FileRecord>;
  /**
   * Every folder of the build (relative, `` for the build itself) and its
   * modification time (ms) once the build was complete: a folder whose time
   * changed since had entries added or removed by hand. Null when not recorded
   * (a manifest of format 2): every folder is then read.
   */
  readonly folders: ReadonlyMap<string, number> | null;
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
  /** Null as `Manifest.folders`; else index by index with `folderTimes`. */
  readonly folders: readonly string[] | null;
  readonly folderTimes: readonly number[];
  readonly paths: readonly string[];
  readonly hashes: readonly string[];
  readonly sizes: readonly number[];
  readonly mtimes: readonly number[];
  readonly inos: readonly number[];
}

export const emptyManifest: Manifest = { source: null, files: new Map(), folders: new Map(), clock: 0, readAt: null };

export const manifestPath = (folder: string): string => `${folder}.manifest`;

/** SHA-1 of the bytes, in base64: tells files apart, not a security measure. */
export const hashBytes = (bytes: Uint8Array): string => createHash('sha1').update(bytes).digest('base64');

/** The record of a file from its hash and its lstat. */
export const recordOf = (hash: string, stat: { size: number; mtimeMs: number; ino: number }): FileRecord => ({
  hash,
  size: stat.size,
  mtimeMs: stat.mtimeMs,
  ino: stat.ino,
});

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
    if (head.format !== FORMAT && head.format !== 2) return null;
    if (head.id !== basename(folder) || typeof head.count !== 'number') return null;
    const c = JSON.parse(text.slice(newline + 1)) as Columns;
    const whole =
      columnOf(c.paths, head.count, 'string') &&
      columnOf(c.hashes, head.count, 'string') &&
      columnOf(c.sizes, head.count, 'number') &&
      columnOf(c.mtimes, head.count, 'number') &&
      columnOf(c.inos, head.count, 'number');
    if (!whole) return null;
    if (head.format === 2) return { ...c, source: head.source, clock: 0, readAt: null, folders: null, folderTimes: [] };
    const folders = Array.isArray(c.folders) ? c.folders.length : -1;
    const timed = columnOf(c.folders, folders, 'string') && columnOf(c.folderTimes, folders, 'number');
    const clock = head.clock;
    const readAt = head.readAt;
    if (!timed || typeof clock !== 'number' || (readAt !== null && typeof readAt !== 'number')) return null;
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
      ino: c.inos[i] as number,
    });
  }
  const folders = c.folders === null ? null : new Map(c.folders.map((f, i) => [f, c.folderTimes[i] as number]));
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
    inos: records.map((r) => r.ino),
    folders: [...(manifest.folders ?? new Map()).keys()],
    folderTimes: [...(manifest.folders ?? new Map()).values()],
  };
  const tmp = `${manifestPath(folder)}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(head)}\n${JSON.stringify(columns)}\n`);
  await rename(tmp, manifestPath(folder));
}

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

/** Each folder of `paths` in `root` (absolute) with its modification time now (ms), for `Manifest.folders`. */
export function folderTimes(root: string, paths: Iterable<string>): Map<string, number> {
  return new Map(foldersOf(paths).map((f) => [f, lstatSync(f === '' ? root : join(root, f)).mtimeMs]));
}
