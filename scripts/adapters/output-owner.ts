/**
 * Which output folders a build may write: only those it owns. An output is
 * replaced whole by every build, and the builds and the lock beside it
 * (`.<name>.builds/`, `.<name>.lock`) are pruned and removed, so a build must
 * never be pointed at anything holding files it did not write.
 *
 * Refused here (where the paths lie is `output-claims.ts`'s to judge): an
 * output that exists and is not ours: a file, a link to anything but a build
 * in its own `.<name>.builds/`, a folder that is not empty (as Vite refuses an
 * `outDir` it does not own); a `.<name>.builds` that is not a plain folder or
 * holds anything but our builds, their manifests and our temporary files; a
 * `.<name>.lock` that is not our lock (`lock-state.ts`); and entries put into
 * a build by hand (`foreign-entries.ts`). An empty folder is taken: the
 * build's link replaces it.
 */
import { lstatSync, readdirSync, readlinkSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { compareCodePoints, type DiagnosticArgs, type OutputArgs } from '../core/diagnostics/diagnostic.js';
import { messages } from '../core/diagnostics/messages.js';
import { type Expected, foreignEntries } from './foreign-entries.js';
import { lockIntruder } from './lock-state.js';
import { type OutputCode, OutputRefusedError } from './output-errors.js';
import { pathProblem } from './path-errors.js';

/** Where an output's pieces are: the link itself, its builds and its lock beside it (absolute paths). */
export interface Layout {
  readonly target: string;
  readonly parent: string;
  readonly name: string;
  readonly builds: string;
  readonly lock: string;
  /** The prefix of the temporary link that replaces the output in one rename (`.<name>.link-<pid>`). */
  readonly linkPrefix: string;
}

/**
 * Where the pieces of output `out` are (absolute paths): the link itself, its
 * builds folder `.<name>.builds` and its lock `.<name>.lock` beside it.
 */
export function layoutOf(out: string): Layout {
  const target = resolve(out);
  const parent = dirname(target);
  const name = basename(target);
  const beside = (suffix: string) => join(parent, `.${name}.${suffix}`);
  return { target, parent, name, builds: beside('builds'), lock: beside('lock'), linkPrefix: beside('link-') };
}

/** A new build folder's name: the time in base 36 and the process id. */
export const newBuildName = (): string => `${Date.now().toString(36)}-${process.pid}`;

/** The names a build leaves in `.<name>.builds`: a build, its manifest, the manifest's temporary file. */
const OUR_ENTRY = /^[0-9a-z]+-[0-9]+(\.manifest(\.[0-9]+\.tmp)?)?$/;

/** Whether a name in `.<name>.builds` is one a build gives. */
export const isOurBuildEntry = (name: string): boolean => OUR_ENTRY.test(name);

/** What the output is now: nothing, an empty folder to take, or a link to one of our builds. */
export type Ownership = { readonly kind: 'absent' | 'empty' } | { readonly kind: 'ours'; readonly build: string };

/** The refusal `code` with its wording; exit status 2. */
function refusalOf<C extends OutputCode>(code: C, args: DiagnosticArgs[C]): OutputRefusedError<C> {
  const format = messages[code] as (a: DiagnosticArgs[C]) => string;
  return new OutputRefusedError(code, format(args), args);
}

/** Throws the refusal `code` with its wording; exit status 2. */
export function refuse<C extends OutputCode>(code: C, args: DiagnosticArgs[C]): never {
  throw refusalOf(code, args);
}

/**
 * Whether the output may be written, from what is at its path, its builds
 * folder and its lock now; throws `OutputRefusedError` (exit status 2) for
 * anything not ours. `label` names the output in messages. Reads only: lstat,
 * readlink, readdir of folders, and the first bytes of a lock file.
 */
export function ownership(layout: Layout, label: OutputArgs): Ownership {
  const shown = (path: string) => join(dirname(label.folder), basename(path));
  const builds = lstatOf(layout.builds, label);
  if (builds !== undefined && !builds.isDirectory()) {
    refuse('output-not-owned', { ...label, found: 'builds', target: basename(layout.builds) });
  }
  if (builds !== undefined) {
    const entries = readdirSync(layout.builds).filter((e) => !OUR_ENTRY.test(e));
    if (entries.length > 0) {
      refuse('output-builds-not-owned', {
        ...label,
        builds: shown(layout.builds),
        entries: entries.sort(compareCodePoints),
      });
    }
  }
  const intruder = lockIntruder(layout.lock);
  if (intruder !== null) refuse('output-lock-not-owned', { ...label, lock: shown(layout.lock), found: intruder });
  const stat = lstatOf(layout.target, label);
  if (stat === undefined) return { kind: 'absent' };
  if (stat.isSymbolicLink()) {
    const link = readlinkSync(layout.target);
    const build = resolve(layout.parent, link);
    if (dirname(build) === layout.builds && OUR_ENTRY.test(basename(build))) return { kind: 'ours', build };
    refuse('output-not-owned', { ...label, found: 'link', target: link });
  }
  if (!stat.isDirectory()) refuse('output-not-a-folder', { ...label, below: false });
  if (readdirSync(layout.target).length > 0) refuse('output-not-owned', { ...label, found: 'folder', target: '' });
  return { kind: 'empty' };
}

/**
 * Refuses a build folder holding entries its manifest does not list (see
 * `foreignEntries`; `deep` false checks only its top, one readdir): files put
 * into the output by hand after the build, such as a `robots.txt` or a folder
 * of an extra service. The next build publishes another folder without them,
 * and the folder they are in is later reused or pruned, which would lose them:
 * the build never deletes a file it did not write. `build` is the published
 * build, or with `spare` true an earlier one kept for reuse. Throws
 * `OutputRefusedError` (exit status 2).
 */
export function refuseForeignEntries(
  build: string,
  expected: Expected,
  label: OutputArgs,
  deep: boolean,
  spare = false,
): void {
  const entries = foreignEntries(build, expected, deep);
  if (entries.length === 0) return;
  const within = spare ? join(dirname(label.folder), basename(dirname(build)), basename(build)) : label.folder;
  refuse('output-holds-foreign-files', { ...label, within, entries });
}

/** What lstat says of a path, undefined when there is nothing; a file where a folder should be is refused. */
export function lstatOf(path: string, label: OutputArgs): Stats | undefined {
  try {
    return lstatSync(path, { throwIfNoEntry: false });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOTDIR') refuse('output-not-a-folder', { ...label, below: true });
    throw asRefusal(e, label, process.cwd());
  }
}

/**
 * `e` as a refusal of the output when it is an error of the file system about
 * a path (`output-unusable`, the path shown relative to `cwd`); else `e`.
 */
export function asRefusal(e: unknown, label: OutputArgs, cwd: string): unknown {
  const error = e as NodeJS.ErrnoException;
  // Any other errno about a path (EIO, say) is a refusal too: no input may end as an internal error.
  const reason = pathProblem(error?.code) ?? (typeof error?.code === 'string' && error.syscall ? 'other' : null);
  if (reason === null || typeof error.path !== 'string') return e;
  // An output given as an absolute path is shown so, with the paths in it.
  const path = isAbsolute(label.folder) ? error.path : relative(cwd, error.path) || '.';
  return refusalOf('output-unusable', { ...label, path, reason, errno: error.code as string });
}
