/**
 * UTF-8 for many small texts, and files written from pieces, without large
 * intermediate strings or buffers.
 *
 * Encoding each of 10,000 instances on its own gave each its own ArrayBuffer
 * (an allocation, and bookkeeping larger than many of the files); here they are
 * views into a few shared slabs. A file made of many pieces (the list, the
 * filters, the page) is written into one array of its exact size, measured
 * first: joining strings first made the page one string of twice its size in
 * bytes (one ✓ makes a string two bytes a character), with the rows and their
 * joined copy beside it, about 670 MB at 100,000 services.
 */

/** The first slab is small (a rebuild after one change encodes a few texts), the next ones double up to this. */
const MAX_SLAB_BYTES = 256 * 1024;
const FIRST_SLAB_BYTES = 4 * 1024;
/** A UTF-16 code unit takes at most 3 bytes of UTF-8 (a surrogate pair, 2 units, takes 4). */
const MAX_BYTES_PER_UNIT = 3;

/** Text to encode, or bytes to copy as they are. */
export type Part = string | Uint8Array;
/** What a piece is rendered as: a part, or parts to put end to end. */
export type Rendered = Part | readonly Part[];

/** A range of an array: where encoded bytes are. */
export interface Range {
  bytes: Uint8Array;
  start: number;
  end: number;
}

const encoder = new TextEncoder();
const NON_ASCII = /[\u0080-\uffff]/;

/**
 * The size in bytes of `text` in UTF-8, as `TextEncoder` writes it: a lone
 * surrogate counts as U+FFFD (3 bytes), as the encoder replaces it (WHATWG
 * Encoding Standard, "UTF-8 encode"; Unicode 16.0 section 3.9, table 3-7).
 */
export function utf8Length(text: string): number {
  if (!NON_ASCII.test(text)) return text.length;
  let size = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) continue;
    if (unit < 0x800) size += 1;
    else if (unit >= 0xd800 && unit <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      // A pair: two units, four bytes.
      size += 2;
      i++;
    } else size += 2;
  }
  return size;
}

const isLowSurrogate = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;

/** The UTF-8 size of what was rendered. */
export function byteLength(rendered: Rendered): number {
  if (typeof rendered === 'string') return utf8Length(rendered);
  if (rendered instanceof Uint8Array) return rendered.length;
  let size = 0;
  for (const part of rendered) size += typeof part === 'string' ? utf8Length(part) : part.length;
  return size;
}

/** At most the UTF-8 size of what was rendered, without reading the texts. */
function room(rendered: Rendered): number {
  if (typeof rendered === 'string') return rendered.length * MAX_BYTES_PER_UNIT;
  if (rendered instanceof Uint8Array) return rendered.length;
  let size = 0;
  for (const part of rendered) size += typeof part === 'string' ? part.length * MAX_BYTES_PER_UNIT : part.length;
  return size;
}

/** Encodes pieces into shared slabs; a slab lives as long as anything refers to it. */
export class Utf8Slabs {
  private slab = new Uint8Array(0);
  private used = 0;
  private next = FIRST_SLAB_BYTES;

  /** Where the encoded piece is: a range of a slab, or an array of its own for a large piece. */
  place(rendered: Rendered): Range {
    const needed = room(rendered);
    if (needed > MAX_SLAB_BYTES / 4) {
      const bytes = new ExactWriter(byteLength(rendered)).write(rendered).finish();
      return { bytes, start: 0, end: bytes.length };
    }
    if (needed > this.slab.length - this.used) {
      this.slab = new Uint8Array(Math.max(needed, this.next));
      this.used = 0;
      this.next = Math.min(this.next * 2, MAX_SLAB_BYTES);
    }
    const start = this.used;
    this.used = writeAt(this.slab, start, rendered);
    return { bytes: this.slab, start, end: this.used };
  }

  /** The encoded piece as an array of its own size. */
  encode(rendered: Rendered): Uint8Array {
    const { bytes, start, end } = this.place(rendered);
    return start === 0 && end === bytes.length
      ? bytes
      : new Uint8Array(bytes.buffer, bytes.byteOffset + start, end - start);
  }
}

/** Writes what was rendered into `buffer` from `at`, which has room for it; returns the end. */
function writeAt(buffer: Uint8Array, at: number, rendered: Rendered): number {
  if (typeof rendered === 'string' || rendered instanceof Uint8Array) return at + put(buffer, at, rendered);
  let end = at;
  for (const part of rendered) end += put(buffer, end, part);
  return end;
}

/** Writes a part into `buffer` at `at`, which has room for it; returns its size. */
function put(buffer: Uint8Array, at: number, part: Part): number {
  if (typeof part === 'string') {
    const { read, written } = encoder.encodeInto(part, buffer.subarray(at));
    // A text cut short (never in the middle of a character) was not read to its end.
    if (read !== part.length) throw new Error('no room for a text');
    return written;
  }
  // One byte, the usual separator, is cheaper stored than copied.
  if (part.length === 1) buffer[at] = part[0] as number;
  else buffer.set(part, at);
  return part.length;
}

/** Writes parts, end to end, into one array of a size measured beforehand. */
export class ExactWriter {
  private readonly bytes: Uint8Array;
  private at = 0;

  /** `size`: the exact number of bytes that will be written. */
  constructor(size: number) {
    this.bytes = new Uint8Array(size);
  }

  /** Writes what was rendered (texts as UTF-8); throws when it does not fit. */
  write(rendered: Rendered): this {
    this.at = writeAt(this.bytes, this.at, rendered);
    return this;
  }

  /** Copies `source` from `start` to `end`. */
  copy(source: Uint8Array, start: number, end: number): void {
    this.bytes.set(source.subarray(start, end), this.at);
    this.at += end - start;
  }

  /** The array, once exactly filled: a render that gave other bytes the second time would be a bug, not a site. */
  finish(): Uint8Array {
    if (this.at !== this.bytes.length) throw new Error(`wrote ${this.at} bytes of ${this.bytes.length}`);
    return this.bytes;
  }
}
