/**
 * A file's result as plain JSON and back, exactly: for the cache that keeps
 * results between runs. JSON cannot hold everything a result may hold, so
 * ordered objects (add_data keeps its key order) and the numbers JSON has no
 * words for (-0, infinities, NaN) get a tagged form. `decodeResult` throws on
 * anything it did not write; the cache then treats the entry as missing.
 */

import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Json, JsonObject } from '../model/json.js';
import type { Service } from '../model/service.js';
import type { Node, Scalar } from '../reading/tree.js';
import type { FileResult } from './analyze.js';

type Encoded = [string, string, Diagnostic[], unknown, number[], unknown];

/**
 * A file's result as a JSON-safe value (arrays, plain objects, strings and
 * finite numbers; see the module's comment for the tagged forms), for
 * `JSON.stringify`. `decodeResult` gives back an equal result.
 */
export function encodeResult(r: FileResult): unknown {
  const service = r.service === null ? null : { ...r.service, add_data: encodeJson(r.service.add_data) };
  return [r.path, r.instance, r.diagnostics, r.outline.root && encodeNode(r.outline.root), r.outline.places, service];
}

/**
 * The file result `encodeResult` made `value` from. Throws an `Error` on any
 * value it did not write (wrong shape or types): the caller treats it as a
 * missing entry.
 */
export function decodeResult(value: unknown): FileResult {
  if (!Array.isArray(value) || value.length !== 6) throw new Error('not an encoded file result');
  const [path, instance, diagnostics, root, places, service] = value as Encoded;
  if (
    typeof path !== 'string' ||
    typeof instance !== 'string' ||
    !Array.isArray(diagnostics) ||
    !Array.isArray(places)
  ) {
    throw new Error('not an encoded file result');
  }
  return {
    path,
    instance,
    diagnostics,
    outline: { root: root === null ? null : decodeNode(root), places },
    service: service === null ? null : decodeService(service),
  };
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

/** Objects as `{"o": [key, value, ...]}`, lists as `{"a": [...]}`. */
function encodeJson(value: Json): unknown {
  if (value instanceof Map) return { o: [...(value as JsonObject)].flatMap(([k, v]) => [k, encodeJson(v)]) };
  if (Array.isArray(value)) return { a: value.map(encodeJson) };
  return encodeScalar(value as Scalar);
}

function decodeJson(raw: unknown): Json {
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

function decodeService(raw: unknown): Service {
  const s = raw as Service & { add_data: unknown };
  if (typeof s.technical_name !== 'string') throw new Error('not an encoded service');
  return { ...s, add_data: decodeJson(s.add_data) as JsonObject };
}
