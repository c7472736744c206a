/**
 * Every entry below a folder, links not followed: files with their bytes and
 * modification time, folders, and links with their targets. Two snapshots are
 * equal when nothing was added, removed, moved or changed, hidden entries
 * (`.git`) included.
 */
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

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
