/**
 * Which output folders a build may write: only those it owns. An output is
 * replaced whole by every build, and the builds and the lock beside it
 * (`.<name>.builds/`, `.<name>.lock`) are pruned and removed, so a build must
 * never be pointed at anything holding files it did not write.
 *
 * Refused, before anything is created (contract: "The build writes only into
 * folders it owns"):
 * - an output, or its builds folder or lock, that is, lies inside or contains
 *   the services folder, the working directory (or a folder above it), or the
 *   other output; paths are compared after resolving links, so `..` and links
 *   naming one folder twice do not pass;
 * - an output that is a repository root (holds `.git`);
 * - an output that exists and is not ours: a file, a link to anything but a
 *   build in its own `.<name>.builds/`, a folder that is not empty (as Vite
 *   refuses an `outDir` it does not own); and a `.<name>.builds` that is not a
 *   plain folder. An empty folder is taken: the build's link replaces it.
 */
import { existsSync, lstatSync, readdirSync, readlinkSync, realpathSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import {
  type Code,
  compareCodePoints,
  type DiagnosticArgs,
  type OutputArgs,
  type OutputPart,
  type Overlap,
} from '../core/diagnostic.js';
import { messages } from '../core/messages.js';
import { OutputRefusedError } from './output-errors.js';
import { displayPath } from './read-services.js';

/** Where an output's pieces are: the link itself, its builds and its lock beside it (absolute paths). */
export interface Layout {
  readonly target: string;
  readonly parent: string;
  readonly name: string;
  readonly builds: string;
  readonly lock: string;
}

export function layoutOf(out: string): Layout {
  const target = resolve(out);
  const parent = dirname(target);
  const name = basename(target);
  return { target, parent, name, builds: join(parent, `.${name}.builds`), lock: join(parent, `.${name}.lock`) };
}

/** What the output is now: nothing, an empty folder to take, or a link to one of our builds. */
export type Ownership = { readonly kind: 'absent' | 'empty' } | { readonly kind: 'ours'; readonly build: string };

type OutputCode = Extract<Code, `output-${string}`>;

function refuse<C extends OutputCode>(code: C, args: DiagnosticArgs[C]): never {
  const format = messages[code] as (a: DiagnosticArgs[C]) => string;
  throw new OutputRefusedError(code, format(args));
}

/**
 * Whether the output may be written, from what is at its path now; throws
 * `OutputRefusedError` (exit status 2) for anything not ours. `label` names
 * the output in messages. Reads only: lstat, readlink, and readdir of a folder.
 */
export function ownership(layout: Layout, label: OutputArgs): Ownership {
  const builds = lstatOf(layout.builds, label);
  if (builds !== undefined && !builds.isDirectory()) {
    refuse('output-not-owned', { ...label, found: 'builds', target: basename(layout.builds) });
  }
  const stat = lstatOf(layout.target, label);
  if (stat === undefined) return { kind: 'absent' };
  if (stat.isSymbolicLink()) {
    const link = readlinkSync(layout.target);
    const build = resolve(layout.parent, link);
    if (dirname(build) === layout.builds && basename(build) !== '') return { kind: 'ours', build };
    refuse('output-not-owned', { ...label, found: 'link', target: link });
  }
  if (!stat.isDirectory()) refuse('output-not-a-folder', { ...label, below: false });
  if (readdirSync(layout.target).length > 0) refuse('output-not-owned', { ...label, found: 'folder', target: '' });
  return { kind: 'empty' };
}

/**
 * Refuses a published build holding, at its top, entries its manifest does not
 * list (`paths`, relative to the build): files put into the output by hand
 * after the build, such as a `robots.txt`. The next build publishes another
 * folder without them, and the folder they are in is later reused or pruned,
 * which would lose them: the build never deletes a file it did not write. One
 * readdir; throws `OutputRefusedError` (exit status 2).
 */
export function refuseForeignEntries(build: string, paths: readonly string[], label: OutputArgs): void {
  const tops = new Set(paths.map((p) => p.split('/', 1)[0]));
  const foreign = readdirSync(build)
    .filter((entry) => !tops.has(entry))
    .sort(compareCodePoints);
  if (foreign.length > 0) refuse('output-holds-foreign-files', { ...label, entries: foreign });
}

/** What lstat says of a path, undefined when there is nothing; a file where a folder should be is refused. */
function lstatOf(path: string, label: OutputArgs): Stats | undefined {
  try {
    return lstatSync(path, { throwIfNoEntry: false });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOTDIR') refuse('output-not-a-folder', { ...label, below: true });
    throw e;
  }
}

/** One output of a build: the option that named it and its absolute path. */
export interface OutputClaim {
  readonly option: OutputArgs['option'];
  readonly path: string;
}

/**
 * Refuses outputs that would overwrite the sources, the project, a repository
 * or each other, or that hold what the tool did not write (see the module's
 * doc); throws `OutputRefusedError` naming the first problem. `services` and
 * `cwd` are absolute paths; messages show paths relative to `cwd`.
 */
export function claimOutputs(claims: readonly OutputClaim[], services: string, cwd: string): void {
  const sources = real(services);
  const here = real(cwd);
  const partsByClaim = new Map(claims.map((claim) => [claim, partsOf(layoutOf(claim.path))]));
  const parts = (claim: OutputClaim) => partsByClaim.get(claim) as Part[];
  for (const claim of claims) {
    const label = { option: claim.option, folder: displayPath(claim.path, cwd) };
    for (const part of parts(claim)) {
      const at = { ...label, part: displayPath(part.lexical, cwd), partKind: part.kind };
      const withServices = relation(part.path, sources);
      if (withServices !== null) {
        refuse('output-overlaps-services', { ...at, services: displayPath(services, cwd), relation: withServices });
      }
      const withCwd = relation(part.path, here);
      if (withCwd === 'same' || withCwd === 'contains') {
        refuse('output-holds-working-directory', { ...at, relation: withCwd });
      }
      for (const other of claims) {
        if (other === claim) continue;
        const folders = parts(other).filter((p) => p.kind === 'folder');
        const withOther = folders.map((p) => relation(part.path, p.path)).find((r) => r !== null);
        if (withOther === undefined) continue;
        const otherLabel = { other: displayPath(other.path, cwd), otherOption: other.option };
        refuse('output-overlaps-output', { ...at, ...otherLabel, relation: withOther });
      }
    }
    const folder = (parts(claim)[0] as Part).path;
    if (lstatOf(folder, label)?.isDirectory() && existsSync(join(folder, '.git'))) {
      refuse('output-is-repository', label);
    }
    ownership(layoutOf(claim.path), label);
  }
}

interface Part {
  readonly kind: OutputPart;
  /** Where the part is, links above it resolved (the part itself is not followed). */
  readonly path: string;
  /** As the user would name it. */
  readonly lexical: string;
}

/** The output where it is and, when it is a link, where it leads; then its builds and its lock. */
function partsOf(layout: Layout): Part[] {
  const parent = real(layout.parent);
  const part = (kind: OutputPart, lexical: string) => ({ kind, lexical, path: join(parent, basename(lexical)) });
  const folder = part('folder', layout.target);
  const resolved = real(folder.path);
  return [
    folder,
    ...(resolved === folder.path ? [] : [{ ...folder, path: resolved }]),
    part('builds', layout.builds),
    part('lock', layout.lock),
  ];
}

/** The real path, for a path that may not exist yet: its nearest existing ancestor resolved, the rest appended. */
function real(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(real(parent), basename(path));
  }
}

/** How `a` lies to `b`: the same path, inside it, holding it, or apart (null). Both absolute and resolved. */
function relation(a: string, b: string): Overlap | null {
  if (a === b) return 'same';
  const under = (child: string, parent: string) => child.startsWith(parent.endsWith(sep) ? parent : parent + sep);
  if (under(a, b)) return 'inside';
  return under(b, a) ? 'contains' : null;
}
