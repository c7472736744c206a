/**
 * Makes a build folder hold a site, file by file: a new folder
 * (`materialize`) or the spare build brought up to date in place (`update`).
 * A file whose bytes are those of the published build is a hard link to the
 * published file, so it keeps its modification time; any other file is
 * written anew, after the writer waited until the clock passed every second an
 * earlier build of the output gave a file (`output-clock.ts`), so that hosts
 * that derive an ETag from the time in whole seconds and the size (nginx,
 * Caddy) never give new bytes the ETag of old ones.
 */
import { mkdirSync } from 'node:fs';
import { link, lstat, mkdir, rm, rmdir, unlink, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Site } from '../core/model/site.js';
import { type FileRecord, type Manifest, recordOf } from './site-manifest.js';

/** What a build folder is made from. */
export interface Plan {
  readonly site: Site;
  /** `hashBytes` of each file of the site. */
  readonly hashes: ReadonlyMap<string, string>;
  /** The published build folder (absolute), or null. */
  readonly current: string | null;
  /** Its files that hold their recorded bytes (`verifyPublished`): the only ones linked or trusted. */
  readonly trusted: ReadonlyMap<string, FileRecord>;
  /**
   * The whole second (seconds since the epoch) every file written anew must be
   * later than (`output-clock.ts`); the clock is past it when writing starts.
   */
  readonly after: number;
}

/** A new folder with every file of the site; returns the record of each, in the site's order. */
export async function materialize(dir: string, plan: Plan): Promise<Map<string, FileRecord>> {
  await rm(dir, { recursive: true, force: true });
  // Synchronous: thousands of folders, each needing its parent, cost a thread-pool round trip each
  // otherwise. In slices, so that the lock (refreshed by a timer) stays fresh.
  const folders = [...new Set([...plan.site.keys()].map((p) => dirname(join(dir, p))))].sort();
  for (let i = 0; i < folders.length; i++) {
    mkdirSync(folders[i] as string, { recursive: true });
    if (i % 2000 === 1999) await new Promise((r) => setImmediate(r));
  }
  const records = new Map<string, FileRecord>();
  await inPool([...plan.site.keys()], async (path) => {
    records.set(path, await place(dir, path, plan));
  });
  return inSiteOrder(plan.site, records);
}

/**
 * Brings the spare folder from what its manifest lists to the site: files the
 * site does not have go; a file is kept only when the spare's manifest and the
 * published build's trusted record give it the site's hash and the same inode
 * (the same file, which the check of the published build just vouched for);
 * every other file is replaced. Returns the record of each file, in the site's order.
 */
export async function update(dir: string, before: Manifest, plan: Plan): Promise<Map<string, FileRecord>> {
  // Entries put into the folder by hand were refused before (`refuseForeignEntries`): it holds what `before` lists.
  const gone = [...before.files.keys()].filter((p) => !plan.site.has(p));
  await inPool(gone, (p) => unlink(join(dir, p)).catch(() => {}));
  for (const folder of new Set(gone.map((p) => dirname(p)))) await removeEmptyFolders(dir, folder);
  const records = new Map<string, FileRecord>();
  const work: string[] = [];
  const kept: string[] = [];
  for (const path of plan.site.keys()) {
    const hash = plan.hashes.get(path);
    const mine = before.files.get(path);
    const shown = plan.trusted.get(path);
    if (
      shown !== undefined &&
      mine !== undefined &&
      mine.hash === hash &&
      shown.hash === hash &&
      mine.ino === shown.ino
    )
      kept.push(path);
    else work.push(path);
  }
  // The manifest says what the spare held; files deleted from it by hand since (`rm -rf dist/*` while it was
  // published) may have had their inode numbers reused by the published build's new files. So a file is kept
  // only when it is there and is the published file itself (same inode).
  await inPool(kept, async (path) => {
    const shown = plan.trusted.get(path) as FileRecord;
    const there = await lstat(join(dir, path)).catch(() => null);
    if (there?.isFile() && there.ino === shown.ino) records.set(path, shown);
    else work.push(path);
  });
  const made = new Set<string>();
  for (const path of work) {
    const folder = dirname(join(dir, path));
    if (!made.has(folder)) await mkdir(folder, { recursive: true });
    made.add(folder);
  }
  await inPool(work, async (path) => {
    await unlink(join(dir, path)).catch(() => {});
    records.set(path, await place(dir, path, plan));
  });
  return inSiteOrder(plan.site, records);
}

const inSiteOrder = (site: Site, records: ReadonlyMap<string, FileRecord>): Map<string, FileRecord> =>
  new Map([...site.keys()].map((p) => [p, records.get(p) as FileRecord]));

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

/**
 * One file, at a path where `dir` has none: a hard link to the published
 * file when that holds the same bytes (a copy with its time where the file
 * system has no hard links), else the bytes written anew, with a time of a
 * later second than `plan.after`. Returns its record.
 */
async function place(dir: string, path: string, plan: Plan): Promise<FileRecord> {
  const file = join(dir, path);
  const hash = plan.hashes.get(path) as string;
  const bytes = plan.site.get(path) as Uint8Array;
  const same = plan.trusted.get(path);
  if (plan.current !== null && same?.hash === hash) {
    try {
      await link(join(plan.current, path), file);
      return same;
    } catch {
      await writeFile(file, bytes);
      await utimes(file, new Date(), new Date(same.mtimeMs));
      return recordOf(hash, await lstat(file));
    }
  }
  await writeFile(file, bytes);
  const stat = await lstat(file);
  if (Math.floor(stat.mtimeMs / 1000) > plan.after) return recordOf(hash, stat);
  // The file system's coarse clock lagged the one waited on: the time now, never one ahead of it.
  const now = new Date();
  await utimes(file, now, now);
  return recordOf(hash, await lstat(file));
}

async function removeEmptyFolders(root: string, folder: string): Promise<void> {
  for (let f = folder; f !== '.' && f !== ''; f = dirname(f)) {
    const removed = await rmdir(join(root, f)).then(
      () => true,
      () => false,
    );
    if (!removed) return;
  }
}
