/**
 * Reads a published copy of a site for `verify`: from a folder (every file in
 * it, so that extra files are found too) or over HTTP(S) with Node's `fetch`
 * (only what the manifest lists can be asked for, and only the files every
 * host serves at their own URL: see `NOT_SERVED_EVERYWHERE`).
 */
import { lstat, readdir, readFile, realpath } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { servedEverywhere } from '../core/hosting/policy.js';
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
  /** Files listed but not looked at (over HTTP: those some hosts never serve). */
  readonly skipped: number;
}

/** Whether `source` is read over HTTP(S) rather than from a folder. */
export const isUrl = (source: string): boolean => /^https?:\/\//i.test(source);

const manifestFiles = (bytes: Uint8Array, shown: string): ManifestFile[] => {
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
  return { copy: { manifest, signature, files: found, unlisted }, files, skipped: 0 };
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

/** How many files are fetched at once. */
const PARALLEL = 8;

/** The copy at `base` (an http or https URL of the site's root). */
export async function fetchCopy(base: string): Promise<ReadCopy> {
  const root = base.endsWith('/') ? base : `${base}/`;
  const get = async (path: string): Promise<Found> => {
    try {
      const r = await fetch(new URL(path, root), { redirect: 'follow' });
      if (!r.ok) return { missing: `HTTP ${r.status}` };
      return { bytes: new Uint8Array(await r.arrayBuffer()) };
    } catch (e) {
      return { missing: (e as Error).message };
    }
  };
  const shown = root + manifestPath();
  const got = await get(manifestPath());
  if ('missing' in got) throw new CopyUnreadableError(shown, got.missing);
  const files = manifestFiles(got.bytes, shown);
  const asked = files.filter((f) => servedEverywhere(f.path));
  const found = new Map<string, Found>();
  for (let i = 0; i < asked.length; i += PARALLEL) {
    const slice = asked.slice(i, i + PARALLEL);
    const answers = await Promise.all(slice.map((f) => get(f.path)));
    for (const [j, f] of slice.entries()) found.set(f.path, answers[j] as Found);
  }
  const signature = await get(signaturePath());
  return {
    copy: {
      manifest: got.bytes,
      signature: 'bytes' in signature ? signature.bytes : null,
      files: found,
      unlisted: new Map(),
    },
    files,
    skipped: files.length - asked.length,
  };
}

/** A lstat that says whether a path is a folder (for the command's usage check). */
export const isFolder = async (path: string): Promise<boolean> =>
  (await lstat(path).catch(() => null))?.isDirectory() === true;
