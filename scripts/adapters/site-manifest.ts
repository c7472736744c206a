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
import { lstat, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

/** 2: one JSON line of columns (paths, hashes, sizes, times, inodes) after the head. 1 had hashes alone. */
const FORMAT = 2;

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
}

/**
 * The records as stored: one array per field, index by index. Reading them
 * costs a fraction of building a record per file, which a build with nothing
 * to do never needs.
 */
export interface ManifestColumns {
  readonly source: string | null;
  readonly paths: readonly string[];
  readonly hashes: readonly string[];
  readonly sizes: readonly number[];
  readonly mtimes: readonly number[];
  readonly inos: readonly number[];
}

export const emptyManifest: Manifest = { source: null, files: new Map() };

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
}

const columnOf = (value: unknown, count: number, type: 'string' | 'number'): boolean =>
  Array.isArray(value) && value.length === count && value.every((v) => typeof v === type);

/** The manifest of a build folder as stored, or null when it has none that is whole and of this format. */
export async function readManifestColumns(folder: string): Promise<ManifestColumns | null> {
  try {
    const text = await readFile(manifestPath(folder), 'utf8');
    const newline = text.indexOf('\n');
    const head = JSON.parse(text.slice(0, newline)) as Head;
    if (head.format !== FORMAT || head.id !== basename(folder) || typeof head.count !== 'number') return null;
    const c = JSON.parse(text.slice(newline + 1)) as Omit<ManifestColumns, 'source'>;
    const whole =
      columnOf(c.paths, head.count, 'string') &&
      columnOf(c.hashes, head.count, 'string') &&
      columnOf(c.sizes, head.count, 'number') &&
      columnOf(c.mtimes, head.count, 'number') &&
      columnOf(c.inos, head.count, 'number');
    return whole ? { ...c, source: head.source } : null;
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
  return { source: c.source, files };
}

/** Writes the manifest beside the folder, atomically (a temporary file renamed over it). */
export async function writeManifest(folder: string, manifest: Manifest): Promise<void> {
  const head = { format: FORMAT, id: basename(folder), source: manifest.source, count: manifest.files.size };
  const records = [...manifest.files.values()];
  const columns = {
    paths: [...manifest.files.keys()],
    hashes: records.map((r) => r.hash),
    sizes: records.map((r) => r.size),
    mtimes: records.map((r) => r.mtimeMs),
    inos: records.map((r) => r.ino),
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
  return { source: null, files };
}
