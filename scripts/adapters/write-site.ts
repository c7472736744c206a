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

import { basename, dirname, join } from 'node:path';
import type { LockIntruder, OutputArgs } from '../core/diagnostics/diagnostic.js';
import type { Site } from '../core/model/site.js';
import { isSitePath } from '../core/model/site-path.js';
import { materialize, type Plan, update } from './build-folder.js';
import { clockAfter, lastSecond, passSecond } from './output-clock.js';
import {
  asRefusal,
  type Layout,
  layoutOf,
  newBuildName,
  type Ownership,
  ownership,
  refuse,
  refuseForeignEntries,
} from './output-owner.js';
import { listFiles, makeFolders, prune, swap, usableSpare } from './publish-steps.js';
import {
  deleteManifest,
  emptyManifest,
  folderTimes,
  hashBytes,
  type Manifest,
  manifestByReading,
  readManifest,
  readManifestColumns,
  writeManifest,
} from './site-manifest.js';
import { checkAll, restamp, type Verified, verifyPublished } from './verify-published.js';

export interface WriteResult {
  /** Files of the site written anew: new, changed, or published again after a change by hand. */
  readonly written: number;
  readonly unchanged: number;
  readonly removed: number;
  /** Present when a build of newer input published meanwhile, so this one published nothing. */
  readonly superseded?: true;
}

export interface WriteOptions {
  /** Names the input the site was built from, so that a later build of the same input can skip writing. */
  readonly source?: string;
  /** How messages name the output; by default `--out` and its absolute path. */
  readonly label?: OutputArgs;
  /** The folder paths in messages are relative to (absolute); by default the one holding the output. */
  readonly cwd?: string;
  /**
   * When the build started reading its input (ms since the epoch): a build
   * whose input was read before that of the published site publishes nothing.
   */
  readonly readAt?: number;
  /** Called once, with the lock's path as messages show it, when the build has waited a second for another's lock. */
  readonly onWait?: (lock: string) => void;
}

/**
 * When the published site was built from this very input and every one of its
 * files still holds what its manifest says (one lstat per file), what writing
 * it again would report, found without emitting the site; else null. Reads
 * only, so it needs no lock. Entries put at the top of the site by hand are refused.
 */
export async function publishedFrom(out: string, source: string, label?: OutputArgs): Promise<WriteResult | null> {
  const layout = layoutOf(out);
  const build = ourBuild(layout);
  const stored = build === null ? null : await readManifestColumns(build);
  if (build === null || stored === null) return null;
  const shown = label ?? { option: '--out', folder: layout.target };
  refuseForeignEntries(build, { paths: stored.paths, folders: null }, shown, false);
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
  refuseForeignEntries(build, { paths: stored.paths, folders: null }, label, false);
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
 * Errors: `OutputRefusedError` when `out` is not the tool's or the file
 * system refuses a path of it (nothing that was there is changed),
 * `LockTimeoutError`, `LockLostError`.
 */
export async function writeSite(out: string, site: Site, options: WriteOptions = {}): Promise<WriteResult> {
  const layout = layoutOf(out);
  const label = options.label ?? { option: '--out', folder: layout.target };
  try {
    return await write(layout, site, { ...options, label });
  } catch (e) {
    throw asRefusal(e, label, options.cwd ?? layout.parent);
  }
}

async function write(layout: Layout, site: Site, options: WriteOptions & { label: OutputArgs }): Promise<WriteResult> {
  const { label } = options;
  const source = options.source ?? null;
  ownership(layout, label);
  const stray = [...site.keys()].find((path) => !isSitePath(path));
  // The emit steps make site paths only; anything else is a fault of the tool (exit 3), never written.
  if (stray !== undefined) throw new Error(`the site holds ${JSON.stringify(stray)}, which is not a site path`);
  // Hashed before taking the lock: hashing blocks the event loop, which keeps the lock fresh.
  const hashes = new Map([...site].map(([path, bytes]) => [path, hashBytes(bytes)]));
  const unchanged = await unchangedSince(layout, source, hashes, label);
  if (unchanged !== null) return unchanged;
  // The folder that holds the output, its builds and its lock.
  await makeFolders(layout.parent);
  const { withLock } = await import('./lock.js');
  const lock = join(dirname(label.folder), basename(layout.lock));
  const onIntruder = (found: LockIntruder) => refuse('output-lock-not-owned', { ...label, lock, found });
  const work = async (held: () => void) => {
    // Judged again: the output may have changed while this build waited.
    const owned = ownership(layout, label);
    await makeFolders(layout.builds);
    return publish(layout, owned, { site, hashes, source, label, readAt: options.readAt ?? null }, held);
  };
  return withLock(layout.lock, work, { onWait: () => options.onWait?.(lock), onIntruder });
}
interface Input {
  readonly site: Site;
  readonly hashes: ReadonlyMap<string, string>;
  readonly source: string | null;
  readonly label: OutputArgs;
  readonly readAt: number | null;
}

const nothingVerified: Verified = { files: new Map(), damaged: [], damagedTimes: new Map(), restated: false };

async function publish(layout: Layout, owned: Ownership, input: Input, held: () => void): Promise<WriteResult> {
  const { site, hashes, source, readAt } = input;
  const current = owned.kind === 'ours' ? owned.build : null;
  const known = current === null ? null : await readManifest(current);
  if (known !== null && newerPublished(known, readAt))
    return { written: 0, unchanged: 0, removed: 0, superseded: true };
  if (current !== null && known !== null) {
    refuseForeignEntries(current, { paths: [...known.files.keys()], folders: known.folders }, input.label, true);
  }
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
  // Every second a file of this output was given, by a build or by hand: files written now come later.
  const shown = [...verified.damagedTimes.values(), ...[...trusted.values()].map((r) => r.mtimeMs)];
  const last = lastSecond(recorded, shown);
  let published = current;
  if (result.written > 0 || result.removed > 0 || current === null) {
    const spare = await usableSpare(layout, current, input.label);
    const next = spare?.folder ?? join(layout.builds, newBuildName());
    const after = result.written > 0 ? await passSecond(last) : last;
    const plan: Plan = { site, hashes, current, trusted, after };
    await deleteManifest(next);
    const files = await (spare === null ? materialize(next, plan) : update(next, spare.manifest, plan));
    const folders = folderTimes(next, files.keys());
    await writeManifest(next, { source, files, folders, clock: clockAfter(last, files.values()), readAt });
    held();
    await swap(layout, next, owned, input.label);
    published = next;
  } else if (known === null || known.source !== source || verified.restated) {
    // Same bytes from another input (a comment changed, say), or files touched without a change:
    // the manifest learns the new input and times. Its folders were checked above.
    const folders = known?.folders ?? folderTimes(current as string, trusted.keys());
    const clock = clockAfter(last, trusted.values());
    await writeManifest(current as string, {
      source,
      files: trusted,
      folders,
      clock,
      readAt: readAt ?? known?.readAt ?? null,
    });
  }
  held();
  // The build just replaced is the next spare; with nothing replaced, the spare stays.
  const spare = published === current ? ((await usableSpare(layout, current, input.label))?.folder ?? null) : current;
  await prune(layout, published, spare);
  if (published !== null) await restamp(published);
  return result;
}

/**
 * Whether the published build was made from input read after `readAt`: then
 * a newer build published while this one worked, and this one must not
 * replace it with older input. A time ahead of the clock (the clock was set
 * back since) decides nothing.
 */
function newerPublished(known: Manifest, readAt: number | null): boolean {
  return readAt !== null && known.readAt !== null && known.readAt > readAt && known.readAt <= Date.now();
}
