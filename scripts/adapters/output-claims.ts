/**
 * Where a build's outputs may lie, judged before anything is read or written
 * (contract: "The build writes only into folders it owns"). Refused: an
 * output, or its builds folder or lock, that is, lies inside or contains the
 * services folder, the tool's cache, the working directory (or a folder above
 * it), or the other output; an output that is a repository root (holds
 * `.git`) or lies inside a `.git` folder; a path that cannot lead to a folder
 * (a link to nothing or a loop of links on the way). A folder this user may
 * not write is refused when the build writes (`output-unusable`). Paths are compared after resolving links, so `..` and links
 * naming one folder twice do not pass. What is at the paths is then
 * `ownership`'s to judge (`output-owner.ts`).
 */
import { existsSync, lstatSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, sep } from 'node:path';
import type { OutputArgs, OutputPart, Overlap } from '../core/diagnostics/diagnostic.js';
import { asRefusal, type Layout, layoutOf, lstatOf, ownership, refuse } from './output-owner.js';
import { displayPath } from './read-services.js';

/** One output of a build: the option that named it and its absolute path. */
export interface OutputClaim {
  readonly option: OutputArgs['option'];
  readonly path: string;
  /** Whether the user gave it as an absolute path: messages then show it, and paths in it, absolute. */
  readonly absolute?: boolean;
}

/** How messages show `path` (absolute) of an output: absolute when the user gave it so, else relative to `cwd`. */
export const shownPath = (path: string, cwd: string, absolute: boolean): string =>
  absolute ? path : displayPath(path, cwd);

/** The folders no output may touch (absolute paths); `cache` null when the tool keeps none. */
export interface Places {
  readonly services: string;
  readonly cwd: string;
  readonly cache: string | null;
}

/**
 * Refuses outputs that would overwrite the sources, the cache, the project, a
 * repository or each other, that the file system refuses, or that hold what
 * the tool did not write (see the module's doc); throws `OutputRefusedError`
 * naming the first problem. Messages show paths relative to `places.cwd`.
 */
export function claimOutputs(claims: readonly OutputClaim[], places: Places): void {
  const { cwd } = places;
  const sources = real(places.services);
  const here = real(cwd);
  const cache = places.cache === null ? null : real(places.cache);
  const partsByClaim = new Map(claims.map((claim) => [claim, partsOf(layoutOf(claim.path))]));
  const parts = (claim: OutputClaim) => partsByClaim.get(claim) as Part[];
  for (const claim of claims) {
    const label = { option: claim.option, folder: shownPath(claim.path, cwd, claim.absolute === true) };
    for (const part of parts(claim)) {
      const at = { ...label, part: displayPath(part.lexical, cwd), partKind: part.kind };
      const withServices = relation(part.path, sources);
      if (withServices !== null) {
        refuse('output-overlaps-services', {
          ...at,
          services: displayPath(places.services, cwd),
          relation: withServices,
        });
      }
      const withCache = cache === null ? null : relation(part.path, cache);
      if (withCache !== null) {
        refuse('output-overlaps-cache', {
          ...at,
          cache: displayPath(places.cache as string, cwd),
          relation: withCache,
        });
      }
      const withCwd = relation(part.path, here);
      if (withCwd === 'same' || withCwd === 'contains') {
        refuse('output-holds-working-directory', { ...at, relation: withCwd });
      }
      if (part.path.split(sep).includes('.git')) refuse('output-is-repository', { ...label, inside: true });
      for (const other of claims) {
        if (other === claim) continue;
        const folders = parts(other).filter((p) => p.kind === 'folder');
        const withOther = folders.map((p) => relation(part.path, p.path)).find((r) => r !== null);
        if (withOther === undefined) continue;
        const otherLabel = { other: displayPath(other.path, cwd), otherOption: other.option };
        refuse('output-overlaps-output', { ...at, ...otherLabel, relation: withOther });
      }
    }
    const layout = layoutOf(claim.path);
    usable(layout, label, cwd);
    const folder = (parts(claim)[0] as Part).path;
    if (lstatOf(folder, label)?.isDirectory() && existsSync(join(folder, '.git'))) {
      refuse('output-is-repository', { ...label, inside: false });
    }
    ownership(layout, label);
  }
}

/**
 * Refuses an output whose folder cannot be made: the nearest existing path at
 * or above the folder holding the output must lead to a folder (not a link to
 * nothing, not a loop of links, not a file).
 */
function usable(layout: Layout, label: OutputArgs, cwd: string): void {
  let at = layout.parent;
  for (;;) {
    const found = (() => {
      try {
        return lstatSync(at, { throwIfNoEntry: false }) !== undefined;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOTDIR' || code === 'ELOOP') return false;
        throw asRefusal(e, label, cwd);
      }
    })();
    if (found || dirname(at) === at) break;
    at = dirname(at);
  }
  const shown = shownPath(at, cwd, isAbsolute(label.folder));
  let isFolder: boolean;
  try {
    isFolder = statSync(at).isDirectory();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    const reason = code === 'ENOENT' ? 'dangling-link' : code === 'ELOOP' ? 'link-loop' : null;
    if (reason === null) throw asRefusal(e, label, cwd);
    refuse('output-unusable', { ...label, path: shown, reason, errno: code });
  }
  if (!isFolder) refuse('output-not-a-folder', { ...label, below: true });
  // Whether this user may write there is found when writing (`writeSite`): a catalog with errors writes nothing.
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
