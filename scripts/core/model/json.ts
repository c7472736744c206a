/**
 * JSON values with objects as ordered maps, and their one serializer. A plain
 * object would move integer-like keys first (`{"b":1,"2":2}` prints as
 * `{"2":2,"b":1}`) and treat `__proto__` specially; a Map keeps keys as written.
 */
export type Json = null | boolean | number | string | readonly Json[] | JsonObject;
export type JsonObject = ReadonlyMap<string, Json>;

import type { Node } from '../reading/tree.js';
import { keyName } from '../reading/tree.js';

/** The JSON value of a validated tree. */
export function toJson(node: Node): Json {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(toJson);
  return new Map(node.entries.map((e) => [keyName(e.key), toJson(e.value)]));
}

/** Compact JSON, or indented by two spaces; always ending in a newline. */
export function serialize(value: Json, pretty: boolean): string {
  return `${jsonAt(value, pretty ? '\n' : '')}\n`;
}

/**
 * The JSON of a value that starts on a line indented by `indent` (a newline and
 * spaces; '' for compact JSON): what `serialize` writes for a value nested there.
 * Strings are concatenated, not joined from arrays: this runs for every value of
 * every service.
 */
export function jsonAt(value: Json, indent: string): string {
  if (typeof value === 'string') return jsonString(value);
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = indent === '' ? '' : `${indent}  `;
  let out = '';
  let comma = '';
  if (Array.isArray(value)) {
    for (const item of value as readonly Json[]) {
      out += `${comma}${inner}${jsonAt(item, inner)}`;
      comma = ',';
    }
    return comma === '' ? '[]' : `[${out}${indent}]`;
  }
  const colon = indent === '' ? ':' : ': ';
  for (const [key, item] of value as JsonObject) {
    out += `${comma}${inner}${jsonString(key)}${colon}${jsonAt(item, inner)}`;
    comma = ',';
  }
  return comma === '' ? '{}' : `{${out}${indent}}`;
}

/** What JSON.stringify escapes in a string: quotes, backslashes, control characters, lone surrogates (any surrogate, to be safe). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what JSON escapes
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON.stringify of a string, several times faster for the usual string that needs no escape. */
export const jsonString = (text: string): string => (ESCAPED.test(text) ? JSON.stringify(text) : `"${text}"`);

/**
 * Writes objects of fixed keys as `jsonAt` writes them at `indent`, from the
 * JSON of each value (written at `inner`, for a nested object or array):
 * the same text, without a Map for each object.
 */
export interface ObjectWriter {
  readonly inner: string;
  /** Before each value: the brace or the comma, the line break, the key. */
  readonly before: readonly string[];
  /** After the last value. */
  readonly end: string;
  /**
   * The object of these values, one per key; or, given `from`, the values of
   * the keys from that one on and the text from before the first of them to the end.
   */
  write(values: readonly string[], from?: number): string;
}

/**
 * A writer of objects with these `keys`, in this order, at indentation `indent`
 * (`''`: compact): the text around each value is made once, so that thousands
 * of objects of one shape cost a join each. See `ObjectWriter`.
 */
export function objectWriter(keys: readonly string[], indent: string): ObjectWriter {
  const inner = indent === '' ? '' : `${indent}  `;
  const colon = indent === '' ? ':' : ': ';
  const before = keys.map((key, i) => `${i === 0 ? '{' : ','}${inner}${jsonString(key)}${colon}`);
  const end = keys.length === 0 ? '{}' : `${indent}}`;
  return {
    inner,
    before,
    end,
    write(values, from = 0) {
      let out = '';
      for (let i = from; i < before.length; i++) out += `${before[i]}${values[i - from]}`;
      return out + end;
    },
  };
}
