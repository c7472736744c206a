/**
 * What the catalog rules see of a file: the top-level fields that the shared
 * catalog rules, its kind's and other kinds' read of it (`catalogFields`) with
 * their scalar values, at the top or one level down (a
 * mapping's scalar entries, a list's scalar items), with the line and column
 * of every place they start. An
 * outline is small and plain, so the outlines of 100,000 files fit in memory
 * together, a file's outline can be kept from an earlier run instead of parsing
 * the file again, and catalog rules give the same answer either way.
 */
import type { Location } from '../diagnostics/diagnostic.js';
import { EXTRA_NAMES_KEY, PLATFORM_KEYS } from '../model/platform.js';
import type { Locator } from '../reading/locate.js';
import { type Entry, keyName, type Node } from '../reading/tree.js';
import { sharedCatalogRules } from '../rules/index.js';
import type { ParsedFile } from '../rules/rule.js';
import type { AnalyzedKind } from './kind.js';

export interface Outline {
  /** The document reduced to its top-level scalar entries, or null when it could not be read. */
  readonly root: Node | null;
  /** `offset, line, column` of offset 0 and of every node of the outline, one after the other. */
  readonly places: readonly number[];
}

/**
 * The outline of a parsed file: of a file of some kind, its top-level entries
 * among `fields` (its kind's `catalogFields`), reduced to their scalars; of the
 * platform file, its list of names (the string items alone); null `root` when
 * the file could not be read. With the places of its nodes located by
 * `locate` (1-based lines, columns in code points).
 */
export function outlineOf(root: Node | null, locate: Locator, fields: ReadonlySet<string> | 'platform'): Outline {
  const top = root === null ? null : fields === 'platform' ? reducePlatform(root) : reduce(root, fields);
  const offsets = [0];
  if (top?.kind === 'map') {
    offsets.push(top.start);
    for (const e of top.entries) offsets.push(e.key.start, ...starts(e.value));
  } else if (top !== null) offsets.push(top.start);
  const places: number[] = [];
  for (const offset of new Set(offsets)) {
    const at = locate(offset);
    places.push(offset, at.line, at.column);
  }
  return { root: top, places };
}

/** Where a kept value and its nodes start: itself, and its entries' keys and values or its items. */
function starts(node: Node): number[] {
  if (node.kind === 'scalar') return [node.start];
  if (node.kind === 'seq') return [node.start, ...node.items.map((i) => i.start)];
  return [node.start, ...node.entries.flatMap((e) => [e.key.start, e.value.start])];
}

/**
 * The fields the outlines of a kind's files keep, in order of first mention:
 * those the shared catalog rules and the kind's own read (`meta.reads`: a
 * catalog rule that reads a field declares it there), those the catalog rules
 * of the other kinds among `kinds` read of it (`meta.readsOf[kind.name]`), and
 * the field of its sunset (`AnalysisKind.sunset`), which `check --as-of`
 * places (`placeOfEntry`). Outlines of every file are kept in memory together
 * (and in the cache), so they hold these alone.
 */
export function catalogFields(kind: OutlinedKind, kinds: readonly OutlinedKind[]): readonly string[] {
  const rules = [...sharedCatalogRules, ...kind.catalogRules];
  const others = kinds.filter((k) => k.name !== kind.name).flatMap((k) => k.catalogRules);
  const sunset = kind.sunset === undefined ? [] : [kind.sunset.field];
  const readOf = others.flatMap((r) => r.meta.readsOf?.[kind.name] ?? []);
  return [...new Set([...rules.flatMap((r) => r.meta.reads ?? []), ...readOf, ...sunset])];
}

/** What `catalogFields` reads of a kind: its name, its catalog rules and its sunset. */
export type OutlinedKind = Pick<AnalyzedKind, 'name' | 'catalogRules' | 'sunset'>;

const isScalar = (n: Node): boolean => n.kind === 'scalar';

/** A kept field's value: a scalar as it is, a mapping's scalar entries, a list's scalar items. */
function scalarsOf(node: Node): Node {
  if (node.kind === 'seq') return { ...node, items: node.items.filter(isScalar) };
  if (node.kind === 'map')
    return { ...node, entries: node.entries.filter((e) => isScalar(e.key) && isScalar(e.value)) };
  return node;
}

function reduce(root: Node, fields: ReadonlySet<string>): Node {
  if (root.kind === 'seq') return { ...root, items: [] };
  if (root.kind === 'scalar') return root;
  const read = (e: Entry) => e.key.kind === 'scalar' && fields.has(keyName(e.key));
  return { ...root, entries: root.entries.filter(read).map((e) => ({ key: e.key, value: scalarsOf(e.value) })) };
}

/**
 * The platform file's list of names (its string items); null when the file's
 * shape is wrong (no mapping, a key it does not have, a list that is none: its
 * rule's errors), since which names it means to declare is then unknown.
 */
function reducePlatform(root: Node): Node | null {
  if (root.kind !== 'map') return null;
  const shaped = (e: Entry) => PLATFORM_KEYS.includes(keyName(e.key)) && e.value.kind === 'seq';
  if (!root.entries.every(shaped)) return null;
  const names = (e: Entry): Entry => {
    const items = e.value.kind === 'seq' ? e.value.items : [];
    const strings = items.filter((i) => i.kind === 'scalar' && typeof i.value === 'string');
    const list = { kind: 'seq', items: strings, start: e.value.start } as const;
    return { key: e.key, value: e.value.kind === 'seq' && e.value.flow === true ? { ...list, flow: true } : list };
  };
  return { ...root, entries: root.entries.filter((e) => keyName(e.key) === EXTRA_NAMES_KEY).map(names) };
}

/**
 * Where the scalar `field.entry` of a file is written (its value's
 * line and column, 1-based, columns in code points), from the file's outline;
 * null when the outline holds no such entry (the field is not kept, or not a
 * mapping, or has no such scalar entry).
 */
export function placeOfEntry(path: string, outline: Outline, field: string, entry: string): Location | null {
  const root = outline.root;
  if (root?.kind !== 'map') return null;
  const mapping = root.entries.find((e) => keyName(e.key) === field)?.value;
  if (mapping?.kind !== 'map') return null;
  const value = mapping.entries.find((e) => keyName(e.key) === entry)?.value;
  if (value === undefined) return null;
  for (let i = 0; i < outline.places.length; i += 3) {
    if (outline.places[i] === value.start) {
      return { file: path, line: outline.places[i + 1] as number, column: outline.places[i + 2] as number };
    }
  }
  return null;
}

/** The file as catalog rules see it. Locating a place outside the outline is a bug in a rule. */
export function outlineFile(path: string, instance: string, configKind: string, outline: Outline): ParsedFile {
  const places = new Map<number, Location>();
  for (let i = 0; i < outline.places.length; i += 3) {
    const [offset, line, column] = outline.places.slice(i, i + 3) as [number, number, number];
    places.set(offset, { file: path, line, column });
  }
  const locate: Locator = (offset) => {
    const at = places.get(offset);
    if (at === undefined) throw new Error(`a catalog rule looked beyond the outline of ${path} (offset ${offset})`);
    return at;
  };
  return { path, instance, configKind, root: outline.root, locate };
}
