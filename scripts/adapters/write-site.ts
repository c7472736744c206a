/**
 * Writes a site so that no reader and no crash ever sees a half-built tree,
 * and only into an output the tool owns (`output-owner.ts`).
 *
 * The output path is a symbolic link to a complete build in a folder beside
 * it (`dist` -> `.dist.builds/<id>`). A new build is prepared in full in
 * another folder, then the link is replaced with one `rename`, which is atomic:
 * at any moment the output is the old complete tree or the new one.
 *
 * Two build folders are kept: the published one and the one it replaced. The
 * next build brings that spare up to date in place (`build-folder.ts`),
 * touching only the files that differ; its manifest (`site-manifest.ts`) is
 * deleted first and written again only once the folder is complete, so a
 * build killed half-way leaves a spare that is known to be unusable and is
 * made afresh. Nothing in the published folder is ever changed by a build;
 * what was changed in it by hand (deleted, edited) is found by
 * `verifyPublished` and published again.
 */

import { mkdir, readdir, readlink, rename, rm, rmdir, symlink } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import type { OutputArgs } from '../core/diagnostic.js';
import type { Site } from '../core/site.js';
import { materialize, type Plan, update } from './build-folder.js';
import { type Layout, layoutOf, type Ownership, ownership, refuseForeignEntries } from './output-owner.js';
import {
  deleteManifest,
  emptyManifest,
  hashBytes,
  manifestByReading,
  manifestPath,
  readManifest,
  readManifestColumns,
  writeManifest,
} from './site-manifest.js';
import { checkAll, type Verified, verifyPublished } from './verify-published.js';

export interface WriteResult {
  /** Files of the site written anew: new, changed, or published again after a change by hand. */
  readonly written: number;
  readonly unchanged: number;
  readonly removed: number;
}

export interface WriteOptions {
  /** Names the input the site was built from, so that a later build of the same input can skip writing. */
  readonly source?: string;
  /** How messages name the output; by default `--out` and its absolute path. */
  readonly label?: OutputArgs;
}

/**
 * When the published site was built from this very input and every one of its
 * files still holds what its manifest says (one lstat per file), what writing
 * it again would report, found without emitting the site; else null. Reads
 * only, so it needs no lock.
 */
export async function publishedFrom(out: string, source: string, label?: OutputArgs): Promise<WriteResult | null> {
  const layout = layoutOf(out);
  const build = ourBuild(layout);
  const stored = build === null ? null : await readManifestColumns(build);
  if (build === null || stored === null) return null;
  refuseForeignEntries(build, stored.paths, label ?? { option: '--out', folder: layout.target });
  if (stored.source !== source) return null;
  if (checkAll(build, stored) === 'damaged') return null;
  return { written: 0, unchanged: stored.paths.length, removed: 0 };
}

/** The published build folder, when the output is a link to one of ours; else null (nothing is refused here). */
function ourBuild(layout: Layout): string | null {
  try {
    const owned = ownership(layout, { option: '--out', folder: layout.target });
    return owned.kind === 'ours' ? owned.build : null;
  } catch {
    return null;
  }
}

/**
 * What writing would report when the published build already holds exactly
 * these files, from `source`, all passing their check (none merely touched);
 * else null. Reads only: a write with nothing to do never waits for the lock
 * and never loads it.
 */
async function unchangedSince(
  layout: Layout,
  source: string | null,
  hashes: ReadonlyMap<string, string>,
  label: OutputArgs,
): Promise<WriteResult | null> {
  const build = ourBuild(layout);
  const stored = build === null ? null : await readManifestColumns(build);
  if (build === null || stored === null) return null;
  refuseForeignEntries(build, stored.paths, label);
  if (stored.source !== source || stored.paths.length !== hashes.size) return null;
  for (let i = 0; i < stored.paths.length; i++) {
    if (hashes.get(stored.paths[i] as string) !== stored.hashes[i]) return null;
  }
  // A file only touched is published as it is, but its manifest must learn its new time: not here.
  if (checkAll(build, stored) !== 'intact') return null;
  return { written: 0, unchanged: hashes.size, removed: 0 };
}

/**
 * Publishes `site` at `out` (an absolute path) and returns what it wrote.
 * Errors: `OutputRefusedError` when `out` is not the tool's (nothing is
 * created then), `LockTimeoutError`, `LockLostError`, file-system errors.
 */
export async function writeSite(out: string, site: Site, options: WriteOptions = {}): Promise<WriteResult> {
  const layout = layoutOf(out);
  const label = options.label ?? { option: '--out', folder: layout.target };
  const source = options.source ?? null;
  ownership(layout, label);
  // Hashed before taking the lock: hashing blocks the event loop, which keeps the lock fresh.
  const hashes = new Map([...site].map(([path, bytes]) => [path, hashBytes(bytes)]));
  const unchanged = await unchangedSince(layout, source, hashes, label);
  if (unchanged !== null) return unchanged;
  // The folder that holds the output, its builds and its lock.
  await mkdir(layout.parent, { recursive: true });
  const { withLock } = await import('./lock.js');
  return withLock(layout.lock, async (held) => {
    // Judged again: the output may have changed while this build waited.
    const owned = ownership(layout, label);
    await mkdir(layout.builds, { recursive: true });
    return publish(layout, owned, { site, hashes, source, label }, held);
  });
}

interface Input {
  readonly site: Site;
  readonly hashes: ReadonlyMap<string, string>;
  readonly source: string | null;
  readonly label: OutputArgs;
}

const nothingVerified: Verified = { files: new Map(), damaged: [], damagedTimes: new Map(), restated: false };

async function publish(layout: Layout, owned: Ownership, input: Input, held: () => void): Promise<WriteResult> {
  const { site, hashes, source } = input;
  const current = owned.kind === 'ours' ? owned.build : null;
  const known = current === null ? null : await readManifest(current);
  if (current !== null && known !== null) refuseForeignEntries(current, [...known.files.keys()], input.label);
  const recorded =
    known ?? (current === null ? emptyManifest : await manifestByReading(current, await listFiles(current)));
  const verified = current === null ? nothingVerified : await verifyPublished(current, recorded);
  const trusted = verified.files;
  const unchanged = [...hashes].filter(([path, hash]) => trusted.get(path)?.hash === hash).length;
  const result = {
    written: site.size - unchanged,
    unchanged,
    removed: [...recorded.files.keys()].filter((p) => !site.has(p)).length,
  };
  let published = current;
  if (result.written > 0 || result.removed > 0 || current === null) {
    const spare = await usableSpare(layout, current);
    const next = spare?.folder ?? join(layout.builds, `${Date.now().toString(36)}-${process.pid}`);
    const shownTimes = new Map([...trusted].map(([path, r]) => [path, r.mtimeMs]));
    for (const [path, time] of verified.damagedTimes) shownTimes.set(path, time);
    const plan: Plan = { site, hashes, current, trusted, shownTimes };
    await deleteManifest(next);
    const files = await (spare === null ? materialize(next, plan) : update(next, spare.manifest, plan));
    await writeManifest(next, { source, files });
    held();
    await swap(layout, next, owned, input.label);
    published = next;
  } else if (known === null || known.source !== source || verified.restated) {
    // Same bytes from another input (a comment changed, say), or files touched without a change:
    // the manifest learns the new input and times.
    await writeManifest(current as string, { source, files: trusted });
  }
  held();
  // The build just replaced is the next spare; with nothing replaced, the spare stays.
  const spare = published === current ? ((await usableSpare(layout, current))?.folder ?? null) : current;
  await prune(layout, published, spare);
  return result;
}

/** A build folder other than the published one whose manifest says what it holds. */
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

/**
 * Points the output at `next` with one atomic rename of a new link over it.
 * An empty folder in its place (the only kind of folder taken) is removed first.
 */
async function swap(layout: Layout, next: string, owned: Ownership, label: OutputArgs): Promise<void> {
  const tmp = join(layout.parent, `.${layout.name}.link-${process.pid}`);
  await rm(tmp, { force: true });
  await symlink(relative(layout.parent, next), tmp);
  try {
    if (owned.kind === 'empty') await rmdir(layout.target);
    await rename(tmp, layout.target);
  } catch (e) {
    await rm(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    // Something was put at the output meanwhile: it is not ours, and stays as it is.
    if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'EISDIR') ownership(layout, label);
    throw e;
  }
}

/**
 * Deletes every build but the published one and the spare (with their
 * manifests kept), and links left beside the output by killed builds.
 */
async function prune(layout: Layout, published: string | null, spare: string | null): Promise<void> {
  const keep = new Set([published, spare].filter((f): f is string => f !== null && dirname(f) === layout.builds));
  for (const f of [...keep]) keep.add(manifestPath(f));
  for (const entry of await readdir(layout.builds)) {
    const path = join(layout.builds, entry);
    if (!keep.has(path)) await rm(path, { recursive: true, force: true });
  }
  const leftover = new RegExp(`^\\.${layout.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.link-\\d+$`);
  for (const entry of await readdir(layout.parent)) {
    if (!leftover.test(entry)) continue;
    // Only links: that is all a build leaves there.
    const target = await readlink(join(layout.parent, entry)).catch(() => null);
    if (target !== null) await rm(join(layout.parent, entry), { force: true });
  }
}
