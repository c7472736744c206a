/**
 * The services folder kept in memory by a process that reads it again and
 * again (`serve --watch`): after a change only the entries the watcher named
 * are read again, and an entry whose content did not change keeps its object,
 * so that what was computed from it can be kept by identity. What it holds is
 * always what `readServices` would give for the folder at that moment.
 *
 * Measured on 10,000 services: reading the whole folder again costs 70 to
 * 100 ms; reading the one entry an editor saved, well under 1 ms.
 */
import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { compareCodePoints } from '../core/diagnostics/diagnostic.js';
import { type Input, type InputFile, type KindPlace, kindFolders } from '../core/reading/input.js';
import { type NamedEntry, readServiceEntries, readServices } from './read-services.js';
import { lastChange, SETTLE_MS, sleep, UNFINISHED_SETTLE_MS, unfinishedOf } from './settle.js';
import { fingerprints, printOf } from './stat-services.js';

export { SETTLE_MS, UNFINISHED_SETTLE_MS } from './settle.js';

/** What changed since the last read: these entry names, or anything (read the whole folder again). */
export type FolderChange = ReadonlySet<string> | 'all';

/** When a read began, the folder's identity then, and what lstat said then of each entry read. */
interface ReadMark {
  readonly at: number;
  readonly folderId: string | null;
  /** Entry name to fingerprint (null: gone), or the folder's whole listing when it was read whole. */
  readonly entries: ReadonlyMap<string, string | null>;
  readonly whole: boolean;
  /** The entries read that must wait `UNFINISHED_SETTLE_MS` (see there). */
  readonly unfinished: ReadonlySet<string>;
}

/**
 * The services folder of `serve --watch`, kept in memory: `read` lists and
 * reads it whole, `update(change)` reads again only the entries named, and
 * waits for files that look unfinished (see `UNFINISHED_SETTLE_MS`).
 */
export class WatchedFolder {
  private constructor(
    private readonly dir: string,
    private readonly cwd: string,
    private readonly kinds: readonly KindPlace[],
    private input: Input,
    private mark: ReadMark,
  ) {}

  /**
   * Whether the last read found files in kinds' sub-folders: a partial read
   * knows the services folder's own entries alone, so the folder is then read
   * whole after every change (as after a change named in a sub-folder,
   * `_widgets/w.yaml`, or of a sub-folder itself).
   */
  private get hasSubFolders(): boolean {
    return this.input.files.some((f) => f.configKind !== undefined);
  }

  /** A whole read failed: what is in memory may miss changes that no event will name again. */
  private stale = false;
  /** Entries seen changing while they were waited for: written in pieces, so always waited for longer. */
  private readonly slow = new Set<string>();

  /** Reads the whole folder with the sub-folders of `kinds`; `onListed` as for `readServices`. */
  static async read(
    dir: string,
    cwd: string,
    kinds: readonly KindPlace[],
    onListed?: (count: number) => void,
  ): Promise<WatchedFolder> {
    const mark = markWhole(dir);
    const input = await readServices(dir, cwd, kinds, onListed);
    const unfinished = unfinishedOf(input.files, new Set());
    return new WatchedFolder(dir, cwd, kinds, input, { ...mark, unfinished });
  }

  /** The folder as last read. */
  current(): Input {
    return this.input;
  }

  /** The folder after `change`: only the named entries are read again, unless anything may have changed. */
  async update(change: FolderChange): Promise<Input> {
    const names = change === 'all' ? null : [...change];
    // A name the system could not decode does not name its entry again; a folder that is no longer
    // the one watched (removed, replaced) has entries no event named.
    const partial =
      names !== null &&
      !this.stale &&
      !names.some((n) => n.includes('\uFFFD') || n.includes('/') || kindFolders(this.kinds).has(n)) &&
      !this.hasSubFolders &&
      this.mark.folderId === idOf(this.dir);
    const read = partial ? this.readNamed(names) : null;
    if (read !== null) {
      this.input = read;
      return read;
    }
    // Until a whole read succeeds, the changes named now are not in memory: read it all next time too.
    this.stale = true;
    this.input = await this.readAll();
    this.stale = false;
    return this.input;
  }

  /**
   * Waits until `SETTLE_MS` after the last read began, and until each entry
   * read that looks unfinished has gone `UNFINISHED_SETTLE_MS` unmodified,
   * then tells which of the entries it read changed since they were read
   * (`'all'` when the folder itself did): null when none did, and what was read
   * may be trusted. An entry that changed is waited for longer from then on.
   */
  async unsettled(): Promise<FolderChange | null> {
    await sleep(this.mark.at + SETTLE_MS - performance.now());
    // Capped: a file time in the future (a clock set back) must not stop the preview.
    const unmodified = lastChange(this.dir, this.mark.unfinished) + UNFINISHED_SETTLE_MS - Date.now();
    await sleep(Math.min(unmodified, UNFINISHED_SETTLE_MS));
    const { folderId, entries, whole } = this.mark;
    if (idOf(this.dir) !== folderId) return 'all';
    let now: ReadonlyMap<string, string | null>;
    try {
      now = whole
        ? fingerprints(this.dir)
        : new Map([...entries.keys()].map((name) => [name, printNow(this.dir, name)]));
    } catch {
      return 'all';
    }
    // An entry made since is a change of its own, which its own events tell: what was read is not torn by it.
    const changed = new Set([...entries.keys()].filter((name) => entries.get(name) !== (now.get(name) ?? null)));
    for (const name of changed) this.slow.add(name);
    return changed.size === 0 ? null : changed;
  }

  private async readAll(): Promise<Input> {
    const mark = markWhole(this.dir);
    const fresh = await readServices(this.dir, this.cwd, this.kinds);
    this.mark = { ...mark, unfinished: unfinishedOf(fresh.files, this.slow) };
    const before = new Map(this.input.files.map((f) => [f.path, f]));
    return { ...fresh, files: fresh.files.map((f) => unchanged(before.get(f.path), f)) };
  }

  /** The folder with the named entries read again; null when one cannot be looked at. */
  private readNamed(names: readonly string[]): Input | null {
    const at = performance.now();
    let read: Map<string, NamedEntry | undefined>;
    try {
      read = readServiceEntries(this.dir, this.cwd, names);
    } catch {
      return null;
    }
    const files = [...this.input.files];
    const ignored = [...(this.input.ignored ?? [])];
    const entries = new Map<string, string | null>();
    const readFiles: InputFile[] = [];
    for (const [name, entry] of read) {
      if (entry?.role === 'read') readFiles.push(entry.file);
      entries.set(name, entry === undefined ? null : printOf(name, entry.stat));
      if (entry?.role !== 'ignored') place(files, name, entry?.file, unchanged);
      if (entry?.role !== 'read') place(ignored, name, entry?.entry, (_, after) => after);
    }
    const unfinished = unfinishedOf(readFiles, new Set([...this.slow].filter((name) => read.has(name))));
    this.mark = { at, folderId: this.mark.folderId, entries, whole: false, unfinished };
    return { dir: this.input.dir, files, ignored };
  }
}

/** A whole read begins: the time, the folder's identity and its listing, taken before any file is read. */
function markWhole(dir: string): Omit<ReadMark, 'unfinished'> {
  const at = performance.now();
  const folderId = idOf(dir);
  let entries: Map<string, string | null>;
  try {
    entries = fingerprints(dir);
  } catch {
    // The read that follows fails too, and says why.
    entries = new Map();
  }
  return { at, folderId, entries, whole: true };
}

/** What `fingerprints` says of one entry, or null when it is gone. */
function printNow(dir: string, name: string): string | null {
  const stat = lstatSync(join(dir, name), { throwIfNoEntry: false });
  return stat === undefined ? null : printOf(name, stat);
}

/**
 * What is at the path `dir`, by kind, device and inode (`folder:1:2`,
 * `link:1:3`, `other:1:4`), or null when nothing is: any change of what is
 * there (a folder made again, a folder replaced by a symbolic link or a file,
 * and back) changes it. Links are not followed, as `readServices` does not.
 */
export function idOf(dir: string): string | null {
  try {
    const stat = lstatSync(dir, { bigint: true });
    const kind = stat.isDirectory() ? 'folder' : stat.isSymbolicLink() ? 'link' : 'other';
    return `${kind}:${stat.dev}:${stat.ino}`;
  } catch {
    return null;
  }
}

/** Whether `idOf` said a folder is there. */
export const isFolder = (id: string | null): boolean => id?.startsWith('folder:') === true;

const nameOf = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** Puts `entry` in its place in `list`, sorted as `readServices` sorts, or takes the name out when undefined. */
function place<T extends { readonly path: string }>(
  list: T[],
  name: string,
  entry: T | undefined,
  keep: (before: T, after: T) => T,
): void {
  const [found, at] = find(list, name);
  if (entry === undefined) {
    if (found) list.splice(at, 1);
  } else if (found) list[at] = keep(list[at] as T, entry);
  else list.splice(at, 0, entry);
}

/** Where `name` is in a list sorted as `readServices` sorts it, or where it would go. */
function find(list: readonly { readonly path: string }[], name: string): [boolean, number] {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const order = compareCodePoints(nameOf((list[mid] as { path: string }).path), name);
    if (order === 0) return [true, mid];
    if (order < 0) low = mid + 1;
    else high = mid;
  }
  return [false, low];
}

/** The earlier entry when the new one says the same, so that results kept by identity still apply. */
function unchanged(before: InputFile | undefined, after: InputFile): InputFile {
  return before !== undefined && sameEntry(before, after) ? before : after;
}

function sameEntry(a: InputFile, b: InputFile): boolean {
  if (a.kind !== b.kind || a.path !== b.path) return false;
  switch (a.kind) {
    case 'file':
      return Buffer.from(a.bytes.buffer, a.bytes.byteOffset, a.bytes.byteLength).equals(
        (b as typeof a).bytes as Uint8Array,
      );
    case 'symbolic-link':
      return a.target === (b as typeof a).target;
    case 'unreadable':
      return a.reason === (b as typeof a).reason;
    case 'too-large':
      return a.size === (b as typeof a).size;
    default:
      return true;
  }
}
