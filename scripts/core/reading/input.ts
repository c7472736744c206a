/**
 * What the reading adapter hands to the core: one entry per candidate service
 * file, with its bytes or the reason there are none, and the other entries of
 * the folder, which are not read. The core never touches the file system; it
 * turns each entry into a service or into diagnostics.
 *
 * Which entries of the services folder are service files is decided here, by
 * name alone, for every reader (the folder, a git revision, the listing that
 * tells a run nothing changed, the watcher of `serve --watch`).
 */
import { type Diagnostic, warning } from '../diagnostics/diagnostic.js';

export type InputFile =
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
   * The files read, sorted by name in code-point order: the candidate service
   * files and, when the folder has one, the platform file (`PLATFORM_FILE`).
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
 * Service files lie directly in the folder: no sub-folder is ever read.
 */
export function entryRole(name: string): EntryRole {
  if (name === PLATFORM_FILE) return 'platform';
  if (name.startsWith('.')) return 'hidden';
  return SERVICE_FILE.test(name) ? 'service' : 'ignored';
}

/** Whether an entry of this role is read (its bytes given to the core): a service file or the platform file. */
export function isRead(role: EntryRole): role is 'service' | 'platform' {
  return role === 'service' || role === 'platform';
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
