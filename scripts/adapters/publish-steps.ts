/**
 * The steps of publishing a build folder that touch the folders beside the
 * output (`write-site.ts`): finding the spare build to reuse, pointing the
 * output at a new build, and pruning what earlier builds left.
 */
import { mkdir, readdir, readlink, rename, rm, rmdir, symlink } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import type { OutputArgs } from '../core/diagnostics/diagnostic.js';
import { isOurBuildEntry, type Layout, type Ownership, ownership, refuseForeignEntries } from './output-owner.js';
import { type Manifest, manifestPath, readManifest } from './site-manifest.js';

/**
 * A build folder other than the published one whose manifest says what it
 * holds, or null. One that holds entries put there by hand is refused
 * (`refuseForeignEntries`): reusing it would delete them.
 */
export async function usableSpare(
  layout: Layout,
  current: string | null,
  label: OutputArgs,
): Promise<{ folder: string; manifest: Manifest } | null> {
  for (const entry of await readdir(layout.builds)) {
    const folder = join(layout.builds, entry);
    if (folder === current || entry.endsWith('.manifest') || entry.includes('.manifest.')) continue;
    const manifest = await readManifest(folder);
    if (manifest === null) continue;
    refuseForeignEntries(folder, { paths: [...manifest.files.keys()], folders: manifest.folders }, label, true, true);
    return { folder, manifest };
  }
  return null;
}

/**
 * Makes `folder` (absolute) and the folders above it that are missing, one
 * `mkdir` each from the top down. Not `mkdir -p`: Node's recursive mkdir never
 * returns on some file systems that refuse a new folder (procfs).
 */
export async function makeFolders(folder: string): Promise<void> {
  const missing: string[] = [];
  for (let at = folder; ; at = dirname(at)) {
    const exists = await mkdir(at).then(
      () => true,
      (e: NodeJS.ErrnoException) => {
        if (e.code === 'EEXIST') return true;
        if (e.code !== 'ENOENT' || dirname(at) === at) throw e;
        return false;
      },
    );
    if (exists) break;
    missing.push(at);
  }
  for (const at of missing.reverse())
    await mkdir(at).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
    });
}

/** Every file below `root`, by path relative to it (with `/`). */
export async function listFiles(root: string, prefix = ''): Promise<string[]> {
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
export async function swap(layout: Layout, next: string, owned: Ownership, label: OutputArgs): Promise<void> {
  const tmp = `${layout.linkPrefix}${process.pid}`;
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
 * manifests kept), and links left beside the output by killed builds. Only
 * names a build gives are touched (`isOurBuildEntry`).
 */
export async function prune(layout: Layout, published: string | null, spare: string | null): Promise<void> {
  const keep = new Set([published, spare].filter((f): f is string => f !== null && dirname(f) === layout.builds));
  for (const f of [...keep]) keep.add(manifestPath(f));
  for (const entry of await readdir(layout.builds)) {
    const path = join(layout.builds, entry);
    if (!keep.has(path) && isOurBuildEntry(entry)) await rm(path, { recursive: true, force: true });
  }
  const leftover = new RegExp(`^\\.${layout.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.link-\\d+$`);
  for (const entry of await readdir(layout.parent)) {
    if (!leftover.test(entry)) continue;
    // Only links: that is all a build leaves there.
    const target = await readlink(join(layout.parent, entry)).catch(() => null);
    if (target !== null) await rm(join(layout.parent, entry), { force: true });
  }
}
