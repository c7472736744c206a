/**
 * Writes a site so that no reader and no crash ever sees a half-built tree.
 *
 * The output path is a symbolic link to a complete build in a folder beside
 * it (`dist` -> `.dist.builds/<id>`). A new build is prepared in full in
 * another folder, then the link is replaced with one `rename`, which is atomic:
 * at any moment the output is the old complete tree or the new one. Files whose
 * bytes did not change are hard links to the published build's files, so they
 * keep their modification time (and cost no copy).
 *
 * Two build folders are kept: the published one and the one it replaced. The
 * next build brings that spare up to date in place, touching only the files
 * that differ, instead of making thousands of folders and links again; its
 * manifest (`site-manifest.ts`) is deleted first and written again only once
 * the folder is complete, so a build killed half-way leaves a spare that is
 * known to be unusable and is made afresh. Nothing in the published folder is
 * ever changed.
 */

import { mkdirSync } from 'node:fs';
import { link, lstat, mkdir, readdir, readlink, rename, rm, rmdir, symlink, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { Site } from '../core/site.js';
import { withLock } from './lock.js';
import {
  deleteManifest,
  hashBytes,
  type Manifest,
  manifestByReading,
  manifestPath,
  readManifest,
  readManifestHead,
  writeManifest,
} from './site-manifest.js';

export interface WriteResult {
  readonly written: number;
  readonly unchanged: number;
  readonly removed: number;
}

export interface WriteOptions {
  /** Names the input the site was built from, so that a later build of the same input can skip writing. */
  readonly source?: string;
}

export class OutputError extends Error {}

interface Layout {
  readonly target: string;
  readonly parent: string;
  readonly name: string;
  readonly builds: string;
}

function layoutOf(out: string): Layout {
  const target = resolve(out);
  const parent = dirname(target);
  const name = basename(target);
  return { target, parent, name, builds: join(parent, `.${name}.builds`) };
}

/**
 * When the published site was built from this very input, what writing it
 * again would report, found without emitting or reading the site; else null.
 */
export async function publishedFrom(out: string, source: string): Promise<WriteResult | null> {
  const layout = layoutOf(out);
  const current = await currentBuild(layout.target).catch(() => null);
  if (current === null || dirname(current) !== layout.builds) return null;
  const head = await readManifestHead(current);
  return head?.source === source ? { written: 0, unchanged: head.count, removed: 0 } : null;
}

export async function writeSite(out: string, site: Site, options: WriteOptions = {}): Promise<WriteResult> {
  const layout = layoutOf(out);
  await mkdir(layout.builds, { recursive: true });
  return withLock(join(layout.parent, `.${layout.name}.lock`), () => publish(layout, site, options.source ?? null));
}

async function publish(layout: Layout, site: Site, source: string | null): Promise<WriteResult> {
  const current = await currentBuild(layout.target);
  const ours = current !== null && dirname(current) === layout.builds;
  const known = ours ? await readManifest(current) : null;
  const old = known ?? (current === null ? emptyManifest : await manifestByReading(current, await listFiles(current)));
  const hashes = new Map([...site].map(([path, bytes]) => [path, hashBytes(bytes)]));
  const unchanged = [...hashes].filter(([path, hash]) => old.files.get(path) === hash).length;
  const result = {
    written: site.size - unchanged,
    unchanged,
    removed: [...old.files.keys()].filter((p) => !site.has(p)).length,
  };
  let published = current;
  if (result.written > 0 || result.removed > 0 || !ours) {
    const spare = known === null ? null : await usableSpare(layout, current);
    const next = spare?.folder ?? join(layout.builds, `${Date.now().toString(36)}-${process.pid}`);
    await deleteManifest(next);
    await (spare === null
      ? materialize(next, site, hashes, current, old)
      : update(next, spare.manifest, site, hashes, current as string, old));
    await writeManifest(next, { source, files: hashes });
    await swap(layout, next, current);
    published = next;
  } else if (known === null || known.source !== source) {
    // Same bytes from another input (a comment changed, say): the manifest learns the new input.
    await writeManifest(current as string, { source, files: hashes });
  }
  // The build just replaced is the next spare; with nothing replaced, the spare stays.
  const spare = published === current ? ((await usableSpare(layout, current))?.folder ?? null) : current;
  await prune(layout, published, spare);
  return result;
}

const emptyManifest: Manifest = { source: null, files: new Map() };

/** The folder the output currently shows: the link's target, the folder itself, or none. */
async function currentBuild(target: string): Promise<string | null> {
  const stat = await lstat(target).catch(() => null);
  if (stat === null) return null;
  if (stat.isSymbolicLink()) return resolve(dirname(target), await readlink(target));
  if (stat.isDirectory()) return target;
  throw new OutputError(`the output ${target} exists and is not a folder; move it away first`);
}

/** The build folder that the published one replaced, when its manifest says exactly what it holds. */
async function usableSpare(layout: Layout, current: string | null) {
  for (const entry of await readdir(layout.builds)) {
    const folder = join(layout.builds, entry);
    if (folder === current || entry.endsWith('.manifest') || entry.includes('.manifest.')) continue;
    const manifest = await readManifest(folder);
    if (manifest !== null) return { folder, manifest };
  }
  return null;
}

async function listFiles(root: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(join(root, prefix), { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    const rel = prefix === '' ? e.name : `${prefix}/${e.name}`;
    if (e.isDirectory()) out.push(...(await listFiles(root, rel)));
    else out.push(rel);
  }
  return out;
}

/** A new folder with every file: links to the published build's unchanged files, the rest written. */
async function materialize(
  dir: string,
  site: Site,
  hashes: ReadonlyMap<string, string>,
  current: string | null,
  old: Manifest,
): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  // Synchronous: thousands of folders, each needing its parent, cost a thread-pool round trip each otherwise.
  const folders = new Set([...site.keys()].map((p) => dirname(join(dir, p))));
  for (const folder of [...folders].sort()) mkdirSync(folder, { recursive: true });
  await inPool([...site], ([path, bytes]) =>
    place(dir, path, bytes, current !== null && old.files.get(path) === hashes.get(path) ? current : null),
  );
}

/**
 * Brings the spare folder from what its manifest lists to the new site: files
 * the new site does not have go, files equal to the published build's become
 * links to them (unless they already are: same hash in both manifests means
 * same file, since the published build was made from the spare), and files
 * that changed are written anew, so that they get a new modification time.
 */
async function update(
  dir: string,
  before: Manifest,
  site: Site,
  hashes: ReadonlyMap<string, string>,
  current: string,
  old: Manifest,
): Promise<void> {
  const gone = [...before.files.keys()].filter((p) => !site.has(p));
  await inPool(gone, (p) => unlink(join(dir, p)).catch(() => {}));
  for (const folder of new Set(gone.map((p) => dirname(p)))) await removeEmptyFolders(dir, folder);
  const work = [...site].filter(([path]) => {
    const hash = hashes.get(path);
    return !(before.files.get(path) === hash && old.files.get(path) === hash);
  });
  const made = new Set<string>();
  for (const [path] of work) {
    const folder = dirname(join(dir, path));
    if (!made.has(folder)) await mkdir(folder, { recursive: true });
    made.add(folder);
  }
  await inPool(work, async ([path, bytes]) => {
    await unlink(join(dir, path)).catch(() => {});
    await place(dir, path, bytes, old.files.get(path) === hashes.get(path) ? current : null);
  });
}

/**
 * Runs `work` on every item, a bounded number at a time: enough to keep the
 * file system's thread pool busy, few enough to stay far below the limit of
 * open files.
 */
async function inPool<T>(items: readonly T[], work: (item: T) => Promise<unknown>, width = 32): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}

/** One file: a hard link to the same file of `linkFrom` when given, else its bytes. */
async function place(dir: string, path: string, bytes: Uint8Array, linkFrom: string | null): Promise<void> {
  if (linkFrom !== null) {
    try {
      return await link(join(linkFrom, path), join(dir, path));
    } catch {
      // A file system without hard links: fall back to a copy of the bytes.
    }
  }
  await writeFile(join(dir, path), bytes);
}

async function removeEmptyFolders(root: string, folder: string): Promise<void> {
  for (let f = folder; f !== '.' && f !== ''; f = dirname(f)) {
    if (
      !(await rmdir(join(root, f)).then(
        () => true,
        () => false,
      ))
    )
      return;
  }
}

async function swap(layout: Layout, next: string, current: string | null): Promise<void> {
  const tmp = join(layout.parent, `.${layout.name}.link-${process.pid}`);
  await rm(tmp, { force: true });
  await symlink(relative(layout.parent, next), tmp);
  if (current === layout.target) {
    // A real folder from before: moving it aside cannot be atomic with the link,
    // so this one-time step keeps it as a build until the link is in place.
    await rename(layout.target, join(layout.builds, `previous-${process.pid}`));
  }
  await rename(tmp, layout.target);
}

/**
 * Deletes every build but the published one and the spare (with their
 * manifests kept), and links left by killed builds.
 */
async function prune(layout: Layout, published: string | null, spare: string | null): Promise<void> {
  const keep = new Set([published, spare].filter((f): f is string => f !== null && dirname(f) === layout.builds));
  for (const f of [...keep]) keep.add(manifestPath(f));
  for (const entry of await readdir(layout.builds)) {
    const path = join(layout.builds, entry);
    if (!keep.has(path)) await rm(path, { recursive: true, force: true });
  }
  for (const entry of await readdir(layout.parent)) {
    if (entry.startsWith(`.${layout.name}.link-`)) await rm(join(layout.parent, entry), { force: true });
  }
}
