/**
 * What the catalog rules see of a file: its top-level scalar fields, with the
 * line and column of every place they start. An outline is small and plain, so
 * a file's outline can be kept from an earlier run instead of parsing the file
 * again, and catalog rules give the same answer either way.
 */
import type { Locator } from './locate.js';
import type { ParsedFile } from './rules/rule.js';
import type { Entry, Node } from './tree.js';

export interface Outline {
  /** The document reduced to its top-level scalar entries, or null when it could not be read. */
  readonly root: Node | null;
  /** `[offset, line, column]` of offset 0 and of every node of the outline. */
  readonly places: readonly (readonly [number, number, number])[];
}

export function outlineOf(root: Node | null, locate: Locator): Outline {
  const top = root === null ? null : reduce(root);
  const offsets = new Set([0]);
  if (top?.kind === 'map') {
    offsets.add(top.start);
    for (const e of top.entries) offsets.add(e.key.start).add(e.value.start);
  } else if (top !== null) offsets.add(top.start);
  const places = [...offsets].map((offset) => {
    const at = locate(offset);
    return [offset, at.line, at.column] as const;
  });
  return { root: top, places };
}

function reduce(root: Node): Node {
  if (root.kind === 'seq') return { ...root, items: [] };
  if (root.kind === 'scalar') return root;
  const scalar = (e: Entry) => e.key.kind === 'scalar' && e.value.kind === 'scalar';
  return { ...root, entries: root.entries.filter(scalar) };
}

/** The file as catalog rules see it. Locating a place outside the outline is a bug in a rule. */
export function outlineFile(path: string, instance: string, outline: Outline): ParsedFile {
  const places = new Map(outline.places.map(([offset, line, column]) => [offset, { file: path, line, column }]));
  const locate: Locator = (offset) => {
    const at = places.get(offset);
    if (at === undefined) throw new Error(`a catalog rule looked beyond the outline of ${path} (offset ${offset})`);
    return at;
  };
  return { path, instance, root: outline.root, locate };
}
