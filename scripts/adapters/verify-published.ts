/**
 * Whether the files of a build folder still hold what its manifest says,
 * found cheaply: one lstat per file, and the bytes read and hashed only for
 * the files whose size, modification or change time or inode differ from the
 * record. The change time catches a file edited by hand whose size and
 * modification time were then restored (`touch -m -d`): no user can set it.
 * The published site is a folder anyone can write into through the output's
 * link (`rm -rf dist/*`, an editor saving `dist/x.json`): a build trusts only
 * the files that pass, and publishes the others again.
 */
import { lstatSync, readFileSync } from 'node:fs';
import {
  type FileRecord,
  hashBytes,
  type Manifest,
  type ManifestColumns,
  readManifest,
  recordOf,
  sameStat,
  writeManifest,
} from './site-manifest.js';

export interface Verified {
  /** The files that hold their recorded bytes, each with what lstat says of it now. */
  readonly files: ReadonlyMap<string, FileRecord>;
  /** Paths whose file is gone, is no longer a regular file, or holds other bytes. */
  readonly damaged: readonly string[];
  /**
   * The modification time (ms) of each damaged path that still has a file:
   * hosts may have served it, so the file published there next must be of a
   * later second (see `build-folder.ts`).
   */
  readonly damagedTimes: ReadonlyMap<string, number>;
  /** Some file's lstat changed while its bytes did not (a `touch`): the manifest should be written again. */
  readonly restated: boolean;
}

/**
 * Checks every file the manifest lists in `folder` (an absolute path). Costs
 * one lstat per file when nothing changed: no reading, no hashing. Works
 * synchronously (the fastest way to lstat thousands of files), giving the
 * event loop a turn after every `slice` files: a build holding the lock must
 * keep refreshing it.
 */
export async function verifyPublished(folder: string, manifest: Manifest, slice = 4096): Promise<Verified> {
  const files = new Map<string, FileRecord>();
  const damaged: string[] = [];
  const damagedTimes = new Map<string, number>();
  let restated = false;
  let done = 0;
  const prefix = `${folder}/`;
  const realFolder = folderTest(folder);
  for (const [path, record] of manifest.files) {
    if (++done % slice === 0) await new Promise((r) => setImmediate(r));
    const stat = realFolder(path) ? lstatSync(prefix + path, { throwIfNoEntry: false }) : undefined;
    if (stat !== undefined && sameStat(stat, record) && stat.isFile()) {
      files.set(path, record);
      continue;
    }
    const hash = stat?.isFile() ? hashOf(prefix + path) : null;
    if (stat !== undefined && hash === record.hash) {
      files.set(path, recordOf(hash, stat));
      restated = true;
    } else {
      damaged.push(path);
      if (stat !== undefined) damagedTimes.set(path, stat.mtimeMs);
    }
  }
  return { files, damaged, damagedTimes, restated };
}

/**
 * The same test as `verifyPublished` for a build with nothing to do, which
 * needs only the verdict: `intact`, `touched` (some file has a new time or
 * inode but its recorded bytes) or `damaged` (some file is gone or holds other
 * bytes). It builds nothing per file and stops at the first damaged file.
 */
export function checkAll(folder: string, c: ManifestColumns): 'intact' | 'touched' | 'damaged' {
  const prefix = `${folder}/`;
  const realFolder = folderTest(folder);
  let touched = false;
  for (let i = 0; i < c.paths.length; i++) {
    const path = c.paths[i] as string;
    const file = prefix + path;
    const stat = realFolder(path) ? lstatSync(file, { throwIfNoEntry: false }) : undefined;
    if (stat === undefined || !stat.isFile()) return 'damaged';
    const record = { size: c.sizes[i] as number, mtimeMs: c.mtimes[i] as number, ctimeMs: c.ctimes[i] as number };
    if (sameStat(stat, { ...record, ino: c.inos[i] as number })) continue;
    if (hashOf(file) !== c.hashes[i]) return 'damaged';
    touched = true;
  }
  return touched ? 'touched' : 'intact';
}

/**
 * Whether every folder on the way from `folder` to a site path is a real
 * folder, not a link: lstat on a path follows a link in its folders, and a
 * file reached through one (`dist/filters` replaced by a link to elsewhere)
 * is not the build's. One lstat per distinct folder, remembered for the call.
 */
function folderTest(folder: string): (path: string) => boolean {
  const known = new Map<string, boolean>();
  const real = (dir: string): boolean => {
    if (dir === '') return true;
    const seen = known.get(dir);
    if (seen !== undefined) return seen;
    const cut = dir.lastIndexOf('/');
    const ok =
      real(cut < 0 ? '' : dir.slice(0, cut)) &&
      lstatSync(`${folder}/${dir}`, { throwIfNoEntry: false })?.isDirectory() === true;
    known.set(dir, ok);
    return ok;
  };
  return (path) => real(path.slice(0, Math.max(0, path.lastIndexOf('/'))));
}

function hashOf(file: string): string | null {
  try {
    return hashBytes(readFileSync(file));
  } catch {
    return null;
  }
}

/**
 * Records the change time each file of `folder` (absolute) has now, where it
 * is all that changed since its manifest was written: making and deleting
 * other builds links and unlinks names of the same files (the change time
 * counts links), and the next build would otherwise read every such file
 * again. Run once a build is done, under the lock. A file whose size,
 * modification time or inode changed keeps its record, so it is still checked.
 */
export async function restamp(folder: string): Promise<void> {
  const manifest = await readManifest(folder);
  if (manifest === null) return;
  const files = new Map<string, FileRecord>();
  let changed = false;
  for (const [path, record] of manifest.files) {
    const stat = lstatSync(`${folder}/${path}`, { throwIfNoEntry: false });
    const moved = stat !== undefined && !sameStat(stat, record) && sameStat(stat, { ...record, ctimeMs: stat.ctimeMs });
    files.set(path, moved ? { ...record, ctimeMs: stat.ctimeMs } : record);
    changed ||= moved;
  }
  if (changed) await writeManifest(folder, { ...manifest, files });
}
