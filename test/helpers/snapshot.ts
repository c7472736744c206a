/**
 * Every entry below a folder, links not followed: files with their bytes and
 * modification time, folders, and links with their targets. Two snapshots are
 * equal when nothing was added, removed, moved or changed, hidden entries
 * (`.git`) included.
 */
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

export function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    for (const name of readdirSync(join(root, rel)).sort()) {
      const path = rel === '' ? name : `${rel}/${name}`;
      const full = join(root, path);
      const stat = lstatSync(full);
      if (stat.isSymbolicLink()) out.set(path, `link -> ${readlinkSync(full)}`);
      else if (stat.isDirectory()) {
        out.set(path, 'folder');
        walk(path);
      } else out.set(path, `file ${stat.mtimeMs} ${readFileSync(full).toString('base64')}`);
    }
  };
  walk('');
  return out;
}

/** A tree recorded before an action, to assert after it that nothing changed. */
export interface KeptTree {
  /** The snapshot taken when the tree was kept. */
  readonly before: ReadonlyMap<string, string>;
  /**
   * Asserts that the tree is entry for entry, in order, what it was (nothing
   * added, removed, moved or changed), leaving out the paths `except` names
   * (such as a lock the test itself held).
   */
  expectUnchanged(except?: (path: string) => boolean): void;
}

/**
 * Records the tree under `root` now (see `snapshot`), for the check that a
 * refusal touched nothing. The two snapshots are compared as arrays of
 * `[path, entry]`, so an entry out of place fails too (a Map's `toEqual`
 * ignores order).
 */
export function keepTree(root: string): KeptTree {
  const before = snapshot(root);
  return {
    before,
    expectUnchanged(except = () => false) {
      const kept = (tree: ReadonlyMap<string, string>) => [...tree].filter(([path]) => !except(path));
      expect(kept(snapshot(root)), `the tree under ${root}`).toEqual(kept(before));
    },
  };
}
