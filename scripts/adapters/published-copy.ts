/**
 * Reads a published copy of a site for `verify` from a folder: every file in
 * it, so that extra files are found too (over HTTP(S): `http-copy.ts`).
 */
import { lstat, readdir, readFile, realpath } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { manifestPath, signaturePath } from '../core/model/site.js';
import { type Found, type ManifestFile, type PublishedCopy, parseManifest } from '../core/sync/verify.js';

/** The manifest cannot be read: nothing can be checked (exit 2). */
export class CopyUnreadableError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

export interface ReadCopy {
  readonly copy: PublishedCopy;
  readonly files: readonly ManifestFile[];
  /** Paths listed but not looked at (over HTTP: those some hosts never serve at their own URL). */
  readonly skipped: readonly string[];
}

/** Whether `source` is read over HTTP(S) rather than from a folder. */
export const isUrl = (source: string): boolean => /^https?:\/\//i.test(source);

/** The files a manifest's bytes list; throws `CopyUnreadableError` (at `shown`) when they cannot be read. */
export const manifestFiles = (bytes: Uint8Array, shown: string): ManifestFile[] => {
  const files = parseManifest(bytes);
  if (typeof files === 'string') throw new CopyUnreadableError(shown, files);
  return files;
};

/** Every file of `folder` (its link followed, none below), its manifest and signature apart. */
export async function readFolderCopy(folder: string, shownFolder: string): Promise<ReadCopy> {
  const shown = `${shownFolder}/${manifestPath()}`;
  const root = await realpath(folder).catch((e: NodeJS.ErrnoException) => {
    throw new CopyUnreadableError(shownFolder, `the folder cannot be read (${e.code})`);
  });
  const manifest = await readFile(join(root, manifestPath())).catch((e: NodeJS.ErrnoException) => {
    throw new CopyUnreadableError(
      shown,
      e.code === 'ENOENT' ? 'there is no such file' : `it cannot be read (${e.code})`,
    );
  });
  const files = manifestFiles(manifest, shown);
  const present = new Set(await listFiles(root));
  const found = new Map<string, Found>();
  for (const f of files) {
    const bytes = present.has(f.path) ? await readFile(join(root, f.path)).catch(() => null) : null;
    found.set(f.path, bytes === null ? { missing: 'no such file' } : { bytes });
  }
  const listed = new Set([...files.map((f) => f.path), manifestPath(), signaturePath()]);
  const signature = present.has(signaturePath()) ? await readFile(join(root, signaturePath())) : null;
  const unlisted = new Map<string, Uint8Array>();
  for (const p of present)
    if (!listed.has(p)) unlisted.set(p, await readFile(join(root, p)).catch(() => new Uint8Array()));
  return { copy: { manifest, signature, files: found, unlisted }, files, skipped: [] };
}

/** Paths (relative, `/`) of the regular files and links below `root`, sorted by code point. */
async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else out.push(relative(root, path).split(sep).join('/'));
    }
  };
  await walk(root);
  return out.sort();
}

/** A lstat that says whether a path is a folder (for the command's usage check). */
export const isFolder = async (path: string): Promise<boolean> =>
  (await lstat(path).catch(() => null))?.isDirectory() === true;
