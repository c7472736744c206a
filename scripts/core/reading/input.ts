/**
 * What the reading adapter hands to the core: one entry per candidate file of
 * some kind (a service file, ...), with its bytes or the reason there are
 * none, and the other entries of the folder, which are not read. The core
 * never touches the file system; it turns each entry into a value of its kind
 * or into diagnostics.
 *
 * Which entries of the services folder are read is decided here, by name
 * alone, for every reader (the folder, a git revision, the listing that tells
 * a run nothing changed, the watcher of `serve --watch`): the folder's own
 * files are the kind whose folder is the services folder itself (user
 * services), and the files of a sub-folder that is another kind's folder
 * (`kindFolders`) are that kind's.
 */
import { type Diagnostic, warning } from '../diagnostics/diagnostic.js';

/**
 * One entry read: `kind` is the entry's type; `configKind` the name of the
 * kind of configuration object whose folder it lies in, absent for the
 * services folder's own files (those of the kind whose folder is '': see
 * `configKindOf`).
 */
export type InputFile = InputEntry & { readonly configKind?: string };

/** An entry read, as the file system gave it. */
export type InputEntry =
  | { readonly kind: 'file'; readonly path: string; readonly bytes: Uint8Array }
  | { readonly kind: 'directory' | 'other'; readonly path: string }
  | { readonly kind: 'symbolic-link'; readonly path: string; readonly target: string }
  | { readonly kind: 'unreadable'; readonly path: string; readonly reason: string }
  | { readonly kind: 'too-large'; readonly path: string; readonly size: number };

/** What an entry of the folder is, as lstat (or git's tree) tells without following links. */
export type EntryType = 'file' | 'directory' | 'symbolic-link' | 'other';

/** An entry of the services folder that is not a service file and not hidden: reported, never read. */
export interface IgnoredEntry {
  /** Path as shown to the user, like an input file's. */
  readonly path: string;
  readonly type: EntryType;
}

/** The whole input of one run: where the services live and what was found there. */
export interface Input {
  /** The services folder as shown to the user. */
  readonly dir: string;
  /**
   * The files read, sorted by path in code-point order: the candidate service
   * files, when the folder has one the platform file (`PLATFORM_FILE`), and
   * the files of each kind's sub-folder (`configKind` set).
   */
  readonly files: readonly InputFile[];
  /** The folder's other entries that are not hidden, sorted likewise; absent: none. */
  readonly ignored?: readonly IgnoredEntry[];
}

/** Service files end in `.yaml` or `.yml`, in any case. */
export const SERVICE_FILE = /\.ya?ml$/i;

/**
 * The one file of the services folder that is read but is no service: it
 * declares the platform's extra service names (see `model/platform.ts`). No
 * instance name starts with `_`, so no service can be named so.
 */
export const PLATFORM_FILE = '_platform.yaml';

/** What an entry of the services folder is to the tool (see `entryRole`). */
export type EntryRole = 'hidden' | 'service' | 'platform' | 'ignored';

/**
 * What an entry of the services folder is to the tool, by its name alone:
 * - `platform`: exactly `_platform.yaml` (`PLATFORM_FILE`), read and judged as
 *   the platform file, never as a service;
 * - `hidden`: the name starts with `.` (editors' lock, swap and backup files
 *   such as `.#voicemail.yaml` and `.voicemail.yaml.swp`, `.git`, `.DS_Store`):
 *   ignored without a word, as `ls` and every shell glob ignore it;
 * - `service`: a candidate service file (`*.yaml`, `*.yml`), read and judged
 *   (a folder or a link so named is reported as an error);
 * - `ignored`: anything else (`voicemail.yaml.bak`, `voicemail.json`,
 *   `README.md`, a sub-folder): not read, reported by a warning.
 * Service files lie directly in the folder; the one sub-folder read is a
 * kind's folder (`kindFolders`), whose entries have the same roles but for
 * the platform file, which lies in the services folder alone (`sub`: the name
 * is in a kind's sub-folder; `_platform.yaml` there is `ignored`).
 */
export function entryRole(name: string, sub = false): EntryRole {
  if (name === PLATFORM_FILE) return sub ? 'ignored' : 'platform';
  if (name.startsWith('.')) return 'hidden';
  return SERVICE_FILE.test(name) ? 'service' : 'ignored';
}

/** Whether an entry of this role is read (its bytes given to the core): a service file or the platform file. */
export function isRead(role: EntryRole): role is 'service' | 'platform' {
  return role === 'service' || role === 'platform';
}

/** A kind as the readers know it: its name and where its files lie (see `AnalysisKind.folder`). */
export interface KindPlace {
  readonly name: string;
  readonly folder: string;
}

/**
 * The sub-folders of the services folder that are kinds' folders: folder name
 * to kind name (the kind whose folder is '' is the services folder's own, not
 * listed). Throws an `Error` for a folder that is neither '' nor a name that
 * starts with `_` (and is not the platform file's) or that two kinds share:
 * a kind's definition is wrong, no input is.
 */
export function kindFolders(kinds: readonly KindPlace[]): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (const k of kinds) {
    if (k.folder === '') continue;
    const named = /^_[^/\\]+$/.test(k.folder) && k.folder !== PLATFORM_FILE;
    if (!named || out.has(k.folder)) throw new Error(`kind ${k.name}: folder "${k.folder}" cannot be a kind's`);
    out.set(k.folder, k.name);
  }
  return out;
}

/**
 * The name of the kind of `file` among `kinds`: its `configKind`, or the kind
 * whose folder is the services folder itself. Throws an `Error` when there is
 * no such kind among those given (a reader given other kinds than the
 * analysis: a bug, not an input).
 */
export function configKindOf(file: Pick<InputFile, 'configKind'>, kinds: readonly KindPlace[]): string {
  const name = file.configKind ?? kinds.find((k) => k.folder === '')?.name;
  if (name === undefined || !kinds.some((k) => k.name === name)) {
    throw new Error(`no kind ${name ?? "with the services folder's own files"} among those given`);
  }
  return name;
}

/** Whether a path read (as an input file's `path`, with `/`) is the platform file. */
export function isPlatformPath(path: string): boolean {
  return path === PLATFORM_FILE || path.endsWith(`/${PLATFORM_FILE}`);
}

/** The instance name of a service file: its base name without `.yaml` / `.yml`. */
export function instanceNameOf(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base.replace(SERVICE_FILE, '');
}

/** One `not-a-service-file` warning per ignored entry, at its line 1, column 1. */
export function ignoredWarnings(input: Pick<Input, 'ignored'>): Diagnostic[] {
  return (input.ignored ?? []).map((e) =>
    warning('not-a-service-file', { file: e.path, line: 1, column: 1 }, { type: e.type }),
  );
}
