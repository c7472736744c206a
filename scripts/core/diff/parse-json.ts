/**
 * JSON text to the core's `Json` value, objects as ordered maps. `JSON.parse`
 * would move integer-like keys of `add_data` to the front, so two files that
 * differ only in key order would look equal, although clients see other bytes.
 * The site is the generator's own output, so malformed text is a bug: it throws.
 */
import type { Json } from '../model/json.js';

// Sticky: each reader matches with its own copy, whose lastIndex it moves (no state shared between calls).
const TOKEN = /\s*(?:([{}[\]:,])|("(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(true|false|null))/y;

/**
 * The JSON value of `text`, objects as Maps in key order. Throws an `Error`
 * naming the offset on text that is not JSON.
 */
export function parseJson(text: string): Json {
  const reader = new Reader(text);
  const value = reader.value();
  if (!/^\s*$/.test(text.slice(reader.offset))) reader.fail();
  return value;
}

class Reader {
  offset = 0;
  private readonly token = new RegExp(TOKEN);
  constructor(private readonly text: string) {}

  fail(): never {
    throw new Error(`not JSON at offset ${this.offset}`);
  }

  private next(): string {
    this.token.lastIndex = this.offset;
    const m = this.token.exec(this.text);
    if (m === null) this.fail();
    this.offset = this.token.lastIndex;
    return m[0].trimStart();
  }

  /** Consumes the closing bracket of an empty object or array. */
  private closes(close: string): boolean {
    const at = this.offset;
    if (this.next() === close) return true;
    this.offset = at;
    return false;
  }

  private expect(token: string): void {
    if (this.next() !== token) this.fail();
  }

  value(): Json {
    const token = this.next();
    if (token === '{') return this.object();
    if (token === '[') return this.array();
    if (token.length === 1 && '}]:,'.includes(token)) this.fail();
    return JSON.parse(token) as Json;
  }

  private object(): Json {
    const out = new Map<string, Json>();
    if (this.closes('}')) return out;
    do {
      const key = this.next();
      if (!key.startsWith('"')) this.fail();
      this.expect(':');
      out.set(JSON.parse(key) as string, this.value());
    } while (this.after('}'));
    return out;
  }

  private array(): Json {
    const out: Json[] = [];
    if (this.closes(']')) return out;
    do out.push(this.value());
    while (this.after(']'));
    return out;
  }

  /** After an item: true when a comma announces another, false at the closing bracket. */
  private after(close: string): boolean {
    const token = this.next();
    if (token === ',') return true;
    if (token !== close) this.fail();
    return false;
  }
}
