/**
 * A file's result as plain JSON and back, exactly: for the cache that keeps
 * results between runs. JSON cannot hold everything a result may hold, so
 * ordered objects (add_data keeps its key order) and the numbers JSON has no
 * words for (-0, infinities, NaN) get a tagged form. A file's value is
 * encoded by its kind (`AnalysisKind.encodeValue`, which may use `encodeJson`)
 * and decoded by it. `decodeResult` throws on anything it did not write, and on
 * an entry of a kind it is not given; the cache then treats the entry as missing.
 */

import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Json, JsonObject } from '../model/json.js';
import type { Node, Scalar } from '../reading/tree.js';
import type { FileResult } from './analyze.js';
import type { AnalyzedKind } from './kind.js';

/** The value stays at index 5 (`fmt` compares the encoded values of two readings); the kind's name comes last. */
type Encoded = [string, string, Diagnostic[], unknown, number[], unknown, string];

/**
 * A file's result as a JSON-safe value (arrays, plain objects, strings and
 * finite numbers; see the module's comment for the tagged forms), for
 * `JSON.stringify`; its value encoded by its kind among `kinds`.
 * `decodeResult` gives back an equal result. Throws an `Error` when the
 * result's kind is not among `kinds`.
 */
export function encodeResult(r: FileResult, kinds: readonly AnalyzedKind[]): unknown {
  const kind = kindNamed(kinds, r.configKind);
  const value = r.value === null ? null : kind.encodeValue(r.value);
  const root = r.outline.root && encodeNode(r.outline.root);
  return [r.path, r.instance, r.diagnostics, root, r.outline.places, value, r.configKind];
}

/**
 * The file result `encodeResult` made `value` from, its value decoded by its
 * kind among `kinds`. Throws an `Error` on any value it did not write (wrong
 * shape or types, an entry written before results had kinds) and on one of a
 * kind not among `kinds`: the caller treats it as a missing entry.
 */
export function decodeResult(value: unknown, kinds: readonly AnalyzedKind[]): FileResult {
  if (!Array.isArray(value) || value.length !== 7) throw new Error('not an encoded file result');
  const [path, instance, diagnostics, root, places, raw, configKind] = value as Encoded;
  if (
    typeof path !== 'string' ||
    typeof instance !== 'string' ||
    typeof configKind !== 'string' ||
    !Array.isArray(diagnostics) ||
    !Array.isArray(places)
  ) {
    throw new Error('not an encoded file result');
  }
  const kind = kindNamed(kinds, configKind);
  return {
    path,
    instance,
    configKind,
    diagnostics,
    outline: { root: root === null ? null : decodeNode(root), places },
    value: raw === null ? null : kind.decodeValue(raw),
  };
}

function kindNamed(kinds: readonly AnalyzedKind[], name: string): AnalyzedKind {
  const kind = kinds.find((k) => k.name === name);
  if (kind === undefined) throw new Error(`no kind ${name} to encode or decode a result of`);
  return kind;
}

function encodeScalar(v: Scalar): unknown {
  if (typeof v !== 'number' || (Number.isFinite(v) && !Object.is(v, -0))) return v;
  return { n: Object.is(v, -0) ? '-0' : String(v) };
}

function decodeScalar(v: unknown): Scalar {
  if (v !== null && typeof v === 'object') return Number((v as { n: string }).n);
  return v as Scalar;
}

// Nodes as arrays: [0, value, source, quoted, start, commentAt?] for scalars (source null when
// it is the value itself), [1, start, key, value, ...] for maps, [2, start, ...items] for lists
// written with "- " lines, [3, start, ...items] for lists written in brackets.
function encodeNode(node: Node): unknown {
  if (node.kind === 'scalar') {
    const source = node.source === node.value ? null : node.source;
    const scalar = [0, encodeScalar(node.value), source, node.quoted ? 1 : 0, node.start];
    return node.commentAt === undefined ? scalar : [...scalar, node.commentAt];
  }
  if (node.kind === 'seq') return [node.flow === true ? 3 : 2, node.start, ...node.items.map(encodeNode)];
  return [1, node.start, ...node.entries.flatMap((e) => [encodeNode(e.key), encodeNode(e.value)])];
}

function decodeNode(raw: unknown): Node {
  const [tag, a, b, c, d] = raw as [number, unknown, unknown, unknown, unknown];
  const rest = (raw as unknown[]).slice(2);
  if (tag === 0) {
    const value = decodeScalar(a);
    const scalar = {
      kind: 'scalar',
      value,
      source: b === null ? (value as string) : (b as string),
      quoted: c === 1,
      start: d as number,
    } as const;
    const commentAt = (raw as unknown[])[5];
    return typeof commentAt === 'number' ? { ...scalar, commentAt } : scalar;
  }
  if (tag === 2) return { kind: 'seq', items: rest.map(decodeNode), start: a as number };
  if (tag === 3) return { kind: 'seq', items: rest.map(decodeNode), start: a as number, flow: true };
  if (tag !== 1) throw new Error('not an encoded node');
  const entries = [];
  for (let i = 0; i < rest.length; i += 2) entries.push({ key: decodeNode(rest[i]), value: decodeNode(rest[i + 1]) });
  return { kind: 'map', entries, start: a as number };
}

/**
 * A JSON value (objects as ordered `Map`s) as JSON-safe data: objects as
 * `{"o": [key, value, ...]}` (their key order kept), lists as `{"a": [...]}`,
 * -0, infinities and NaN as `{"n": "-0"}` and the like. For a kind's
 * `encodeValue`; `decodeJson` gives back an equal value.
 */
export function encodeJson(value: Json): unknown {
  if (value instanceof Map) return { o: [...(value as JsonObject)].flatMap(([k, v]) => [k, encodeJson(v)]) };
  if (Array.isArray(value)) return { a: value.map(encodeJson) };
  return encodeScalar(value as Scalar);
}

/** The JSON value `encodeJson` made `raw` from (objects as ordered `Map`s). */
export function decodeJson(raw: unknown): Json {
  if (raw === null || typeof raw !== 'object') return raw as Json;
  const tagged = raw as { o?: unknown[]; a?: unknown[]; n?: string };
  if (tagged.a !== undefined) return tagged.a.map(decodeJson);
  if (tagged.o !== undefined) {
    const out = new Map<string, Json>();
    for (let i = 0; i < tagged.o.length; i += 2) out.set(tagged.o[i] as string, decodeJson(tagged.o[i + 1]));
    return out;
  }
  return decodeScalar(raw);
}
