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

/** The UTF-8 size of what was rendered. */
export function byteLength(rendered: Rendered): number {
  if (typeof rendered === 'string') return Buffer.byteLength(rendered);
  if (rendered instanceof Uint8Array) return rendered.length;
  let size = 0;
  for (const part of rendered) size += typeof part === 'string' ? Buffer.byteLength(part) : part.length;
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
  private slab = Buffer.allocUnsafeSlow(0);
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
      this.slab = Buffer.allocUnsafeSlow(Math.max(needed, this.next));
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
    // A plain Uint8Array, not a Buffer: the site holds Uint8Arrays, and tests compare them as such.
    return start === 0 && end === bytes.length && !Buffer.isBuffer(bytes)
      ? bytes
      : new Uint8Array(bytes.buffer, bytes.byteOffset + start, end - start);
  }
}

/** Writes what was rendered into `buffer` from `at`, which has room for it; returns the end. */
function writeAt(buffer: Buffer, at: number, rendered: Rendered): number {
  if (typeof rendered === 'string' || rendered instanceof Uint8Array) return at + put(buffer, at, rendered);
  let end = at;
  for (const part of rendered) end += put(buffer, end, part);
  return end;
}

/** Writes a part into `buffer` at `at`, which has room for it; returns its size. */
function put(buffer: Buffer, at: number, part: Part): number {
  if (typeof part === 'string') {
    const written = buffer.write(part, at);
    // A text cut short (never in the middle of a character) ends less than a character's
    // 4 bytes before the end of the buffer: only there is it worth measuring again.
    const cutShort = buffer.length - (at + written) < 4 && written !== Buffer.byteLength(part);
    if (cutShort) throw new Error('no room for a text');
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
  private readonly buffer: Buffer;
  private at = 0;

  constructor(size: number) {
    this.bytes = new Uint8Array(size);
    this.buffer = Buffer.from(this.bytes.buffer, 0, size);
  }

  write(rendered: Rendered): this {
    this.at = writeAt(this.buffer, this.at, rendered);
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
