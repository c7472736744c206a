/**
 * UTF-8 for many small texts, and files joined from pieces, without large
 * intermediate strings.
 *
 * Encoding each of 10,000 instances on its own gave each its own ArrayBuffer
 * (an allocation, and bookkeeping larger than many of the files); here they are
 * views into a few shared slabs. A file made of many pieces (the list, the
 * filters, the page) is joined from their bytes into one array of its exact
 * size: joining the strings first made the page one string of twice its size
 * in bytes (one ✓ makes a string two bytes a character), with the rows and
 * their joined copy beside it, about 670 MB at 100,000 services.
 */

/** The first slab is small (a rebuild after one change encodes a few texts), the next ones double up to this. */
const MAX_SLAB_BYTES = 256 * 1024;
const FIRST_SLAB_BYTES = 4 * 1024;
/** A UTF-16 code unit takes at most 3 bytes of UTF-8 (a surrogate pair, 2 units, takes 4). */
const MAX_BYTES_PER_UNIT = 3;

/** Text to encode, or bytes to copy as they are. */
export type Part = string | Uint8Array;

/** Encodes pieces (each a text, or parts to put end to end) into views of shared slabs; a slab lives as long as any view into it. */
export class Utf8Slabs {
  private slab = Buffer.allocUnsafeSlow(0);
  private used = 0;
  private next = FIRST_SLAB_BYTES;

  encode(piece: string | readonly Part[]): Uint8Array {
    const parts = typeof piece === 'string' ? [piece] : piece;
    let room = 0;
    for (const part of parts) room += typeof part === 'string' ? part.length * MAX_BYTES_PER_UNIT : part.length;
    // A large piece gets a buffer of its own, of its exact size.
    if (room > MAX_SLAB_BYTES / 4) return write(Buffer.allocUnsafeSlow(room), 0, parts).slice();
    if (room > this.slab.length - this.used) {
      this.slab = Buffer.allocUnsafeSlow(Math.max(room, this.next));
      this.used = 0;
      this.next = Math.min(this.next * 2, MAX_SLAB_BYTES);
    }
    const view = write(this.slab, this.used, parts);
    this.used += view.length;
    return view;
  }
}

/** Writes the parts into `slab` from `start`, which has room for them; returns the view of what was written. */
function write(slab: Buffer, start: number, parts: readonly Part[]): Uint8Array {
  let at = start;
  for (const part of parts) {
    if (typeof part === 'string') at += slab.write(part, at);
    else {
      slab.set(part, at);
      at += part.length;
    }
  }
  return plain(slab.subarray(start, at));
}

/** A plain Uint8Array view of a Buffer: the site holds Uint8Arrays, and tests compare them as such. */
const plain = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.length);
