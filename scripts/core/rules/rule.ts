import { compareCodePoints, type Diagnostic } from '../diagnostic.js';
import type { Locator } from '../locate.js';
import type { Node } from '../tree.js';

/** A service file after reading and parsing, as every rule sees it. */
export interface ParsedFile {
  /** Path as shown to the user. */
  readonly path: string;
  /** File name without `.yaml` / `.yml`. */
  readonly instance: string;
  /** The document, or null when the file could not be parsed (its problems are already reported). */
  readonly root: Node | null;
  readonly locate: Locator;
}

export interface ParsedCatalog {
  /** The services folder as shown to the user. */
  readonly dir: string;
  readonly files: readonly ParsedFile[];
}

/** Every validation rule has this one signature and is listed in `rules/index.ts`. */
export type Rule = (catalog: ParsedCatalog) => Diagnostic[];

/** Keys reported by their own rules, which the schema rule therefore leaves alone. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
export const MERGE_KEY = '<<';

/**
 * Items whose keys collide, each paired with another item of its group: every
 * member of a clash is reported, and each report names one other member.
 */
export function clashes<T extends { readonly path: string }>(
  items: readonly T[],
  keyOf: (item: T) => string,
): [T, T][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const out: [T, T][] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const sorted = [...group].sort((a, b) => compareCodePoints(a.path, b.path));
    for (const [i, item] of sorted.entries()) out.push([item, sorted[i === 0 ? 1 : 0] as T]);
  }
  return out;
}
