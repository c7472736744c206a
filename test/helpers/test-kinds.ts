/**
 * Pieces the tests' own kinds of configuration object share (`test/unit/kinds/`):
 * reading a text value of a file's tree, and a catalog check that a field
 * names a value of another kind's files.
 */
import { error } from '../../scripts/core/diagnostics/diagnostic.js';
import { entryOf, type Node } from '../../scripts/core/reading/tree.js';
import type { Check } from '../../scripts/core/rules/rule.js';

/** The text at `path` (fields of nested mappings) of a tree, with where it starts; undefined when there is none. */
export const scalarAt = (root: Node | null, ...path: string[]): { value: string; start: number } | undefined => {
  let node: Node | null | undefined = root;
  for (const field of path) node = node?.kind === 'map' ? entryOf(node, field)?.value : undefined;
  return node?.kind === 'scalar' && typeof node.value === 'string'
    ? { value: node.value, start: node.start }
    : undefined;
};

/**
 * A catalog check: each file's `own` field, when written, is the `field` of
 * some file of the kind `other` (borrowing the code `unknown-field`, at the
 * value written).
 */
export const refersTo =
  (own: string, other: string, field: string): Check =>
  ({ files, byKind }) => {
    const known = new Set((byKind?.get(other) ?? []).map((f) => scalarAt(f.root, field)?.value));
    return files.flatMap((f) => {
      const value = scalarAt(f.root, own);
      if (value === undefined || known.has(value.value)) return [];
      return [error('unknown-field', f.locate(value.start), { field: value.value, suggestion: null })];
    });
  };
