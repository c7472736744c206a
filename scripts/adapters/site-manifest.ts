/**
 * A build's manifest: the hash of every file of a build folder, and the input
 * it was built from. It lies beside the build (`.dist.builds/<id>.manifest`),
 * never inside the served tree, and lets a build know what the published files
 * hold without reading them. A manifest is written only once its folder is
 * complete, and deleted before its folder is changed, so one that exists
 * describes its folder; one that is missing, unreadable or names another folder
 * is ignored and the folder is read instead.
 */
import { createHash } from 'node:crypto';
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

const FORMAT = 1;

export interface Manifest {
  /** The input the build was made from (see `CatalogRun.key`), when known. */
  readonly source: string | null;
  /** Every file, by path relative to the folder, to the hash of its bytes. */
  readonly files: ReadonlyMap<string, string>;
}

export const manifestPath = (folder: string): string => `${folder}.manifest`;

export const hashBytes = (bytes: Uint8Array): string => createHash('sha1').update(bytes).digest('base64');

interface Head {
  readonly format: number;
  readonly id: string;
  readonly source: string | null;
  readonly count: number;
}

async function readHead(folder: string): Promise<{ head: Head; rest: string } | null> {
  try {
    const text = await readFile(manifestPath(folder), 'utf8');
    const newline = text.indexOf('\n');
    const head = JSON.parse(text.slice(0, newline)) as Head;
    if (head.format !== FORMAT || head.id !== basename(folder) || typeof head.count !== 'number') return null;
    return { head, rest: text.slice(newline + 1) };
  } catch {
    return null;
  }
}

/** What a build was made from and how many files it has, without listing them. */
export async function readManifestHead(folder: string): Promise<{ source: string | null; count: number } | null> {
  const read = await readHead(folder);
  return read === null ? null : { source: read.head.source, count: read.head.count };
}

/** The first line says what the manifest is for; then one `[path, hash]` a line. */
export async function readManifest(folder: string): Promise<Manifest | null> {
  const read = await readHead(folder);
  if (read === null) return null;
  try {
    const files = new Map<string, string>();
    for (const line of read.rest.split('\n')) {
      if (line === '') continue;
      const [path, hash] = JSON.parse(line) as [string, string];
      files.set(path, hash);
    }
    return files.size === read.head.count ? { source: read.head.source, files } : null;
  } catch {
    return null;
  }
}

export async function writeManifest(folder: string, manifest: Manifest): Promise<void> {
  const head = { format: FORMAT, id: basename(folder), source: manifest.source, count: manifest.files.size };
  const lines = [JSON.stringify(head), ...[...manifest.files].map((entry) => JSON.stringify(entry)), ''];
  const tmp = `${manifestPath(folder)}.${process.pid}.tmp`;
  await writeFile(tmp, lines.join('\n'));
  await rename(tmp, manifestPath(folder));
}

export async function deleteManifest(folder: string): Promise<void> {
  await unlink(manifestPath(folder)).catch(() => {});
}

/** The manifest a folder would have, from reading every file: for folders without a valid one. */
export async function manifestByReading(folder: string, paths: readonly string[]): Promise<Manifest> {
  const files = new Map<string, string>();
  for (const path of paths) {
    const bytes = await readFile(join(folder, path)).catch(() => null);
    if (bytes !== null) files.set(path, hashBytes(bytes));
  }
  return { source: null, files };
}
