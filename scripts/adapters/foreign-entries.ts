/**
 * What was put into a build folder by hand: entries its manifest does not
 * list, at any depth, and entries of another kind than the build made there
 * (a folder or a link where it wrote a file, a file where it made a folder).
 * A build folder is published (reachable as `dist/...`) and later reused or
 * pruned, which would lose such entries, so a build refuses to go on while
 * there are any (`output-holds-foreign-files`), and keeps them.
 *
 * Found cheaply: the manifest records each folder's modification and change
 * times once the build was complete, and adding, removing or renaming an entry
 * changes both times of the folder holding it (POSIX `mkdir`, `link`,
 * `rename`, `unlink`). The modification time can be set back (`touch -m -d`,
 * `cp -a`, `rsync -a`, tar); the change time cannot: setting the modification
 * time sets the change time to now (POSIX `utimensat`). So one lstat per
 * folder, and a readdir only of the folders whose times changed.
 */
import { type Dirent, lstatSync, readdirSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { compareCodePoints } from '../core/diagnostics/diagnostic.js';
import { type FolderTime, foldersOf } from './site-manifest.js';

type Kind = 'file' | 'folder';

/** What a build folder should hold: its files (relative, with `/`) and each folder's recorded time. */
export interface Expected {
  readonly paths: readonly string[];
  /** Folder (`` for the build itself) to its recorded times; null: unknown, every folder is read. */
  readonly folders: ReadonlyMap<string, FolderTime> | null;
}

/**
 * The paths (relative to `build`, sorted in code-point order) of entries that
 * the build did not make. `deep` false reads only the top of the folder (one
 * readdir, for a build that publishes nothing); true checks every folder as
 * the module's doc says. Folders that are gone are not foreign: their files
 * are damaged and published again.
 */
export function foreignEntries(build: string, expected: Expected, deep: boolean): string[] {
  if (!deep) {
    const tops = new Set(expected.paths.map((p) => p.split('/', 1)[0]));
    return readdirSync(build)
      .filter((entry) => !tops.has(entry))
      .sort(compareCodePoints);
  }
  const unknown = { mtimeMs: Number.NaN, ctimeMs: Number.NaN };
  const folders = expected.folders ?? new Map(foldersOf(expected.paths).map((f) => [f, unknown]));
  const changed: string[] = [];
  const foreign: string[] = [];
  for (const [folder, time] of folders) {
    const stat = lstatQuiet(folder === '' ? build : join(build, folder));
    if (stat === undefined || (stat.mtimeMs === time.mtimeMs && stat.ctimeMs === time.ctimeMs)) continue;
    // A file or a link where the build made a folder: the build's own files below it are gone.
    if (stat.isDirectory()) changed.push(folder);
    else foreign.push(folder);
  }
  if (changed.length > 0) {
    const children = childrenOf(expected.paths, new Set(changed));
    for (const folder of changed) {
      const want = children.get(folder) ?? new Map<string, Kind>();
      for (const entry of readQuiet(folder === '' ? build : join(build, folder))) {
        const kind = want.get(entry.name);
        if (kind === undefined) foreign.push(folder === '' ? entry.name : `${folder}/${entry.name}`);
        // A folder or a link where a file was: not the build's, and in the way of the file.
        else if (kind === 'file' && !entry.isFile())
          foreign.push(folder === '' ? entry.name : `${folder}/${entry.name}`);
      }
    }
  }
  return [...new Set(foreign)].sort(compareCodePoints);
}

/** For each of `folders`, the names the build put in it and what each is. */
function childrenOf(paths: readonly string[], folders: ReadonlySet<string>): Map<string, Map<string, Kind>> {
  const children = new Map<string, Map<string, Kind>>();
  const add = (folder: string, name: string, kind: Kind) => {
    if (!folders.has(folder)) return;
    const names = children.get(folder) ?? new Map<string, Kind>();
    children.set(folder, names);
    names.set(name, kind);
  };
  for (const path of paths) {
    let start = 0;
    for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1)) {
      add(path.slice(0, Math.max(start - 1, 0)), path.slice(start, i), 'folder');
      start = i + 1;
    }
    add(path.slice(0, Math.max(start - 1, 0)), path.slice(start), 'file');
  }
  return children;
}

/** lstat, undefined when nothing is there or a file stands where a folder above it should be. */
function lstatQuiet(path: string): Stats | undefined {
  try {
    return lstatSync(path, { throwIfNoEntry: false });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw e;
  }
}

function readQuiet(folder: string): Dirent[] {
  try {
    return readdirSync(folder, { withFileTypes: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw e;
  }
}
