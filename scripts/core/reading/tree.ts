/**
 * The parsed shape of a service file: YAML nodes reduced to what validation
 * needs, each with its source offsets so that every problem has a location.
 */
import { cutAtCodePoint, quoteShort, SHOWN_CODE_POINTS } from '../diagnostics/shorten.js';

export type Scalar = string | number | boolean | null;

export type Node =
  | {
      readonly kind: 'scalar';
      readonly value: Scalar;
      /** The scalar exactly as written, quotes included. */
      readonly source: string;
      readonly quoted: boolean;
      readonly start: number;
      /**
       * Where a comment (`#`) follows a plain scalar on the line it ends on, as
       * an offset; absent otherwise. What follows ` #` is no part of the value,
       * which an author may not have meant (`Parks a call #1 for later`).
       */
      readonly commentAt?: number;
      /** Whether a tab, not a space, stands right before that `#`. */
      readonly commentTab?: boolean;
    }
  | { readonly kind: 'map'; readonly entries: readonly Entry[]; readonly start: number }
  | {
      readonly kind: 'seq';
      readonly items: readonly Node[];
      readonly start: number;
      /** Written in brackets (`[a, b]`, a flow sequence); absent for `- ` lines (a block sequence). */
      readonly flow?: true;
    };

export interface Entry {
  readonly key: Node;
  readonly value: Node;
}

/** The string a key stands for: its value for scalars, its source text otherwise. */
export function keyName(key: Node): string {
  if (key.kind === 'scalar') return key.value === null ? key.source : String(key.value);
  return key.kind === 'map' ? '{...}' : '[...]';
}

/**
 * The entry of `name` in a mapping. A key written twice (refused as
 * `duplicate-key`, the rest of the file still checked) stands for its last
 * value, as in the JSON of the tree (`toJson`, `toPlain`): the rules judge and
 * locate the value that would be used.
 */
export function entryOf(map: Node, name: string): Entry | undefined {
  return map.kind === 'map' ? map.entries.findLast((e) => keyName(e.key) === name) : undefined;
}

/** A plain JavaScript value of the tree for schema validation; objects have no prototype. */
export function toPlain(node: Node): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(toPlain);
    case 'map': {
      const out: Record<string, unknown> = Object.create(null);
      for (const e of node.entries) out[keyName(e.key)] = toPlain(e.value);
      return out;
    }
  }
}

/** The node at a JSON pointer (as ajv reports `instancePath`), with the key that holds it; the last of a repeated key. */
export function resolvePointer(root: Node, pointer: string): { node: Node; key: Node | null } {
  let node = root;
  let key: Node | null = null;
  if (pointer === '') return { node, key };
  for (const raw of pointer.slice(1).split('/')) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node.kind === 'map') {
      const entry = entryOf(node, part);
      if (entry === undefined) break;
      key = entry.key;
      node = entry.value;
    } else if (node.kind === 'seq') {
      const item = node.items[Number(part)];
      if (item === undefined) break;
      key = null;
      node = item;
    } else break;
  }
  return { node, key };
}

/** Visits every map entry of a tree, depth first, with its path of key names. */
export function* walkEntries(node: Node, path: string[] = []): Generator<[Entry, string[]]> {
  if (node.kind === 'map') {
    for (const e of node.entries) {
      const here = [...path, keyName(e.key)];
      yield [e, here];
      yield* walkEntries(e.value, here);
    }
  } else if (node.kind === 'seq') {
    for (const [i, item] of node.items.entries()) yield* walkEntries(item, [...path, String(i)]);
  }
}

/**
 * How a node is described to the user in "found ..." messages; a long string
 * is shortened (see `shorten.ts`).
 */
export function describeNode(node: Node): string {
  if (node.kind === 'map') return 'a mapping';
  if (node.kind === 'seq') return 'a list';
  const v = node.value;
  if (v === null)
    return node.source === '' ? 'no value' : node.source === 'null' ? 'null' : `null (written ${node.source})`;
  if (typeof v === 'string') {
    const asWritten = node.quoted && !cutAtCodePoint(node.source, SHOWN_CODE_POINTS).shortened;
    return `the string ${asWritten ? node.source : quoteShort(v)}`;
  }
  if (typeof v === 'number') return `the number ${node.source}`;
  return `the boolean ${node.source}`;
}
