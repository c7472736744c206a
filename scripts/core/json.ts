/**
 * JSON values with objects as ordered maps, and their one serializer. A plain
 * object would move integer-like keys first (`{"b":1,"2":2}` prints as
 * `{"2":2,"b":1}`) and treat `__proto__` specially; a Map keeps keys as written.
 */
export type Json = null | boolean | number | string | readonly Json[] | JsonObject;
export type JsonObject = ReadonlyMap<string, Json>;

import type { Node } from './tree.js';
import { keyName } from './tree.js';

/** The JSON value of a validated tree. */
export function toJson(node: Node): Json {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(toJson);
  return new Map(node.entries.map((e) => [keyName(e.key), toJson(e.value)]));
}

/** Compact JSON, or indented by two spaces; always ending in a newline. */
export function serialize(value: Json, pretty: boolean): string {
  return `${write(value, pretty ? '\n' : '')}\n`;
}

function write(value: Json, indent: string): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = indent === '' ? '' : `${indent}  `;
  const colon = indent === '' ? ':' : ': ';
  const parts = Array.isArray(value)
    ? (value as readonly Json[]).map((v) => inner + write(v, inner))
    : [...(value as JsonObject)].map(([k, v]) => `${inner}${JSON.stringify(k)}${colon}${write(v, inner)}`);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return parts.length === 0 ? open + close : `${open}${parts.join(',')}${indent}${close}`;
}
