/**
 * A fast path for the files almost every catalog is made of: block mappings of
 * `key: value` lines with plain or simply quoted scalars. It gives exactly the
 * tree that `parse` gives, or declines (null) and leaves the file to `parse`.
 *
 * Why not yaml's own lower-level API: its lexer alone costs about 40 µs for a
 * small service file, several times what reading, checking and emitting that
 * file cost together; this scanner looks at each line once. It accepts only
 * what it can read without doubt, so it declines anything unusual: tabs,
 * carriage returns, flow collections, sequences, anchors, tags, directives,
 * document markers, multi-line or escaped scalars, empty values, indented
 * comments, keys that are not plain identifiers, values that the core schema
 * would read as anything but a string, `true`, `false` or a small integer, and
 * every file that breaks a rule of the parser (duplicate keys, limits). A
 * property test compares it with `parse` on generated files, near misses
 * included.
 */
import { LIMITS } from './limits.js';
import type { Entry, Node } from './tree.js';

// Characters this path understands; anything else (controls, NEL, line and
// paragraph separators, byte order marks, astral characters) goes to `parse`.
const OUTSIDE = /[^\n\u0020-\u007E\u00A0-\u2027\u202A-\uD7FF\uE000-\uFEFE\uFF00-\uFFFD]/;
// Sticky: each call matches with its own copy, whose lastIndex it moves (no state shared between calls).
const KEY = /[A-Za-z_][A-Za-z0-9_]{0,99}:/y;
// Keys that the core schema reads as null or booleans.
const SPECIAL_KEYS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);
// Plain scalars that are integers for sure and safely so; "-0" and leading zeros are left to `parse`.
const SMALL_INT = /^(?:0|-?[1-9][0-9]{0,14})$/;
// A first character that makes a plain scalar an indicator or possibly not a string.
const UNSURE_START = /^[-?:,[\]{}#&*!|>'"%@`0-9+.~ ]/;
// Inside a plain scalar: flow brackets, `: ` and ` #`, or a trailing space or colon.
const UNSURE_INSIDE = /[[\]{}]|: |:$| #| $/;
const NOT_STRINGS = new Set(['null', 'Null', 'NULL', 'True', 'TRUE', 'False', 'FALSE']);
const DOUBLE_QUOTED = /^"([^"\\]*)"$/;
const SINGLE_QUOTED = /^'([^']*)'$/;

// Deeper nesting is rare in service files; `parse` and its limits handle it.
const MAX_DEPTH = 8;

/** A mapping still being read: its entries' values may be mappings still being read too. */
interface OpenMap {
  readonly kind: 'open';
  readonly indent: number;
  readonly entries: { readonly key: Node; readonly value: Node | OpenMap }[];
  readonly keys: Set<string>;
  readonly start: number;
}

/**
 * The tree of `text` when it is a plain file the fast path reads (block
 * mappings of plain or simply quoted scalars, comments), the same tree
 * `parse` would give; null for anything else, which `parse` then reads.
 */
export function fastParse(text: string): Node | null {
  if (OUTSIDE.test(text)) return null;
  const stack: OpenMap[] = [];
  const keyPattern = new RegExp(KEY);
  let pendingKey: Node | null = null;
  let nodes = 0;
  for (let lineStart = 0; lineStart <= text.length; ) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const next = lineEnd + 1;
    const first = text.charCodeAt(lineStart);
    if (lineStart === lineEnd || first === 0x23 /* # */) {
      lineStart = next;
      continue;
    }
    let indent = 0;
    while (text.charCodeAt(lineStart + indent) === 0x20) indent++;
    let map = stack.at(-1);
    if (pendingKey !== null) {
      if (map !== undefined && indent <= map.indent) return null;
      if (stack.length >= MAX_DEPTH) return null;
      const opened: OpenMap = { kind: 'open', indent, entries: [], keys: new Set(), start: lineStart + indent };
      (map as OpenMap).entries.push({ key: pendingKey, value: opened });
      nodes += 1;
      stack.push(opened);
      map = opened;
      pendingKey = null;
    } else if (map === undefined) {
      if (indent !== 0) return null;
      map = { kind: 'open', indent: 0, entries: [], keys: new Set(), start: lineStart };
      nodes += 1;
      stack.push(map);
    } else {
      while (map !== undefined && indent < map.indent) {
        stack.pop();
        map = stack.at(-1);
      }
      if (map === undefined || indent !== map.indent) return null;
    }
    const keyStart = lineStart + indent;
    keyPattern.lastIndex = keyStart;
    if (!keyPattern.test(text) || keyPattern.lastIndex > lineEnd) return null;
    const colon = keyPattern.lastIndex - 1;
    const name = text.slice(keyStart, colon);
    if (SPECIAL_KEYS.has(name) || map.keys.has(name)) return null;
    map.keys.add(name);
    const key: Node = { kind: 'scalar', value: name, source: name, quoted: false, start: keyStart };
    if (colon + 1 === lineEnd) pendingKey = key;
    else {
      if (text.charCodeAt(colon + 1) !== 0x20) return null;
      const node = value(text.slice(colon + 2, lineEnd), colon + 2);
      if (node === null) return null;
      map.entries.push({ key, value: node });
      nodes += node.kind === 'seq' ? node.items.length : 0;
    }
    nodes += 2;
    if (nodes >= LIMITS.maxNodes) return null;
    lineStart = next;
  }
  if (pendingKey !== null || stack.length === 0) return null;
  return close(stack[0] as OpenMap);
}

/** Turns a mapping read to its end, and the mappings in it, into tree nodes. */
function close(map: OpenMap): Node {
  const entries: Entry[] = map.entries.map(({ key, value }) => ({
    key,
    value: value.kind === 'open' ? close(value) : value,
  }));
  return { kind: 'map', entries, start: map.start };
}

function value(source: string, start: number): Node | null {
  return source.charCodeAt(0) === 0x5b /* [ */ ? flowList(source, start) : scalar(source, start);
}

/** `[a, b, c]` on one line: plain items separated by a comma and one space. */
function flowList(source: string, start: number): Node | null {
  if (!source.endsWith(']')) return null;
  if (source === '[]') return { kind: 'seq', items: [], start, flow: true };
  const items: Node[] = [];
  let at = 1;
  for (const part of source.slice(1, -1).split(', ')) {
    const item = part.includes(',') ? null : scalar(part, start + at);
    if (item === null || item.kind !== 'scalar' || item.quoted) return null;
    items.push(item);
    at += part.length + 2;
  }
  return { kind: 'seq', items, start, flow: true };
}

function scalar(source: string, start: number): Node | null {
  if (source === '') return null;
  const first = source.charCodeAt(0);
  if (first === 0x22 /* " */ || first === 0x27 /* ' */) {
    const inner = (first === 0x22 ? DOUBLE_QUOTED : SINGLE_QUOTED).exec(source)?.[1];
    return inner === undefined ? null : { kind: 'scalar', value: inner, source, quoted: true, start };
  }
  let value: string | number | boolean = source;
  if (source === 'true' || source === 'false') value = source === 'true';
  else if (SMALL_INT.test(source)) value = Number(source);
  else if (UNSURE_START.test(source) || UNSURE_INSIDE.test(source) || NOT_STRINGS.has(source)) return null;
  return { kind: 'scalar', value, source, quoted: false, start };
}
