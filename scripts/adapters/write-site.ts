/**
 * Writes a site so that no reader and no crash ever sees a half-built tree.
 *
 * The output path is a symbolic link to a complete build in a folder beside
 * it (`dist` -> `.dist.builds/<id>`). A new build is written in full into a new
 * folder, then the link is replaced with one `rename`, which is atomic: at any
 * moment the output is the old complete tree or the new one. Files whose bytes
 * did not change are hard links to the previous build's files, so they keep
 * their modification time (and cost no copy). Old builds are deleted last.
 */
import { link, lstat, mkdir, readdir, readFile, readlink, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { Site } from '../core/site.js';
import { withLock } from './lock.js';

export interface WriteResult {
  readonly written: number;
  readonly unchanged: number;
  readonly removed: number;
}

export class OutputError extends Error {}

export async function writeSite(out: string, site: Site): Promise<WriteResult> {
  const target = resolve(out);
  const parent = dirname(target);
  const name = basename(target);
  const builds = join(parent, `.${name}.builds`);
  await mkdir(builds, { recursive: true });
  return withLock(join(parent, `.${name}.lock`), async () => {
    const current = await currentBuild(target);
    const old = current === null ? new Map<string, string>() : await listFiles(current);
    const plan = await planWrite(site, old);
    const changed = plan.written > 0 || plan.removed > 0;
    if (changed || current === null || dirname(current) !== builds) {
      const next = join(builds, `${Date.now().toString(36)}-${process.pid}`);
      await materialize(next, site, plan.keep, old);
      await swap(target, next, current, builds);
    }
    await prune(builds, parent, name, await currentBuild(target));
    return { written: plan.written, unchanged: plan.keep.size, removed: plan.removed };
  });
}

/** The folder the output currently shows: the link's target, the folder itself, or none. */
async function currentBuild(target: string): Promise<string | null> {
  const stat = await lstat(target).catch(() => null);
  if (stat === null) return null;
  if (stat.isSymbolicLink()) return resolve(dirname(target), await readlink(target));
  if (stat.isDirectory()) return target;
  throw new OutputError(`the output ${target} exists and is not a folder; move it away first`);
}

async function listFiles(root: string, prefix = ''): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const entries = await readdir(join(root, prefix), { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    const rel = prefix === '' ? e.name : `${prefix}/${e.name}`;
    if (e.isDirectory()) for (const [k, v] of await listFiles(root, rel)) out.set(k, v);
    else out.set(rel, join(root, rel));
  }
  return out;
}

/** Which files keep their previous bytes, how many are new or changed, how many go. */
async function planWrite(site: Site, old: Map<string, string>) {
  const keep = new Set<string>();
  for (const [path, bytes] of site) {
    const previous = old.get(path);
    if (previous === undefined) continue;
    const before = await readFile(previous).catch(() => null);
    if (before !== null && Buffer.compare(before, bytes) === 0) keep.add(path);
  }
  const removed = [...old.keys()].filter((p) => !site.has(p)).length;
  return { keep, written: site.size - keep.size, removed };
}

async function materialize(dir: string, site: Site, keep: Set<string>, old: Map<string, string>): Promise<void> {
  const folders = new Set([...site.keys()].map((p) => dirname(join(dir, p))));
  for (const folder of [...folders].sort()) await mkdir(folder, { recursive: true });
  await Promise.all(
    [...site].map(async ([path, bytes]) => {
      const previous = keep.has(path) ? old.get(path) : undefined;
      if (previous !== undefined) {
        try {
          return await link(previous, join(dir, path));
        } catch {
          // A file system without hard links: fall back to a copy of the bytes.
        }
      }
      await writeFile(join(dir, path), bytes);
    }),
  );
}

async function swap(target: string, next: string, current: string | null, builds: string): Promise<void> {
  const tmp = join(dirname(target), `.${basename(target)}.link-${process.pid}`);
  await rm(tmp, { force: true });
  await symlink(relative(dirname(target), next), tmp);
  if (current === target) {
    // A real folder from before: moving it aside cannot be atomic with the link,
    // so this one-time step keeps it as a build until the link is in place.
    await rename(target, join(builds, `previous-${process.pid}`));
  }
  await rename(tmp, target);
}

/** Deletes every build but the current one, and links left by killed builds. */
async function prune(builds: string, parent: string, name: string, current: string | null): Promise<void> {
  for (const entry of await readdir(builds)) {
    const path = join(builds, entry);
    if (path !== current) await rm(path, { recursive: true, force: true });
  }
  for (const entry of await readdir(parent)) {
    if (entry.startsWith(`.${name}.link-`)) await rm(join(parent, entry), { force: true });
  }
}
