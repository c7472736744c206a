/**
 * Each object's pieces of the emitted files (a service's list entry, its
 * instance, its row of the page) as UTF-8, taken from the emit's memo (see
 * memo.ts) or rendered and encoded, and then kept in it. Any kind's steps use
 * these with a `PieceTable` of their own: a record per object, and a slot of
 * the record per piece.
 *
 * Why: `serve --watch` emits the whole site again after every change, and every
 * object whose file did not change is the same object as in the call before.
 * Rendering and encoding 10,000 services costs several times more than copying
 * their bytes, so a long-lived memo keeps the bytes per object. A piece depends
 * on nothing but the object's fields and its slot (which names its form,
 * compact or indented), and objects are never changed once made, so a kept
 * piece is the bytes rendering would give: the site is the same with or
 * without a memo (test/e2e/properties/emit-memo.test.ts compares).
 *
 * A piece of a file joined from many (entries, rows) is then kept as a range of
 * that file, not in a buffer of its own: the memo holds nothing the caller's site
 * does not hold already, and the next file copies unchanged neighbours together.
 */
import { byteLength, ExactWriter, type Rendered, Utf8Slabs } from './bytes.js';
import type { EmitMemo, Piece, PieceRecord, PieceTable } from './memo.js';

/** Renders an object's piece: `index` is its place among the objects given. */
export type Render<T> = (object: T, index: number) => Rendered;

/** The slot `K` of a record, for a value `V` (undefined until rendered). */
export type Slots<K extends string, V> = Record<K, V | undefined>;
/** A record of an object with the slot `K` for a value `V`. */
export type Slotted<T extends object, K extends string, V> = PieceRecord<T> & Slots<K, V>;

/**
 * Each object's file of this slot, `Uint8Array` per object in order: kept in
 * `memo` from an earlier call, or rendered (`render(object, index)`), encoded
 * and kept there.
 */
export function ownPieces<T extends object, K extends string>(
  memo: EmitMemo,
  table: PieceTable<T, Slotted<T, K, Uint8Array>>,
  objects: readonly T[],
  slot: K,
  render: Render<T>,
): Uint8Array[] {
  const slabs = new Utf8Slabs();
  return memo.piecesOf(table, objects).map((record, i) => {
    const slots: Slots<K, Uint8Array> = record;
    const known = slots[slot];
    if (known !== undefined) return known;
    const bytes = slabs.encode(render(record.object, i));
    slots[slot] = bytes;
    return bytes;
  });
}

/** Each object's piece of this slot, as a range of bytes: kept in `memo`, or rendered and encoded now, and kept. */
export function piecesOf<T extends object, K extends string>(
  memo: EmitMemo,
  table: PieceTable<T, Slotted<T, K, Piece>>,
  objects: readonly T[],
  slot: K,
  render: Render<T>,
): Piece[] {
  const slabs = new Utf8Slabs();
  return memo.piecesOf(table, objects).map((record, i) => {
    const slots: Slots<K, Piece> = record;
    const known = slots[slot];
    if (known !== undefined) return known;
    const piece = slabs.place(render(record.object, i));
    slots[slot] = piece;
    return piece;
  });
}

/** What surrounds the pieces in a joined file. */
export interface Frame {
  readonly head: string;
  readonly separator: string;
  readonly tail: string;
}

/**
 * New pieces encoded apart before the file's size is known, up to this many
 * bytes; the others are measured, then rendered again straight into the file.
 * At 10,000 services every row fits; at 100,000, encoding them all apart first
 * added the size of the page to the build's peak memory. (Texts kept as strings
 * instead of bytes cost more: the collector copies them while they live.)
 */
const ENCODED_APART_BYTES = 16 * 1024 * 1024;

/** Where a joined file's pieces are kept: the table, and the slot of its records. */
export interface JoinedSlot<T extends object, K extends string> {
  readonly table: PieceTable<T, Slotted<T, K, Piece>>;
  readonly slot: K;
}

/**
 * One file (UTF-8 bytes) of every object's piece in a frame, which then holds
 * the kept pieces: each piece, old or new, becomes a range of the file, so the
 * memo holds no bytes of its own. Throws only on a bug (a render that gives
 * other bytes the second time). (`apartBytes` is there for tests.)
 */
export function joinedFile<T extends object, K extends string>(
  memo: EmitMemo,
  { table, slot }: JoinedSlot<T, K>,
  objects: readonly T[],
  render: Render<T>,
  frame: Frame,
  apartBytes = ENCODED_APART_BYTES,
): Uint8Array {
  const records = memo.piecesOf(table, objects);
  const encoded = encodeFrame(frame);
  const slabs = new Utf8Slabs();
  const sizes: number[] = [];
  let budget = apartBytes;
  let placed = false;
  const pieces = records.map((record, i): Piece | undefined => {
    const known = record[slot];
    placed &&= known === undefined;
    if (known !== undefined) {
      sizes.push(known.end - known.start);
      return known;
    }
    const rendered = render(record.object, i);
    if (budget <= 0) {
      sizes.push(byteLength(rendered));
      return undefined;
    }
    // New pieces one after another are placed with the separator between, to be copied in one go.
    if (placed) slabs.place(encoded.separator);
    const piece = slabs.place(rendered);
    placed = true;
    sizes.push(piece.end - piece.start);
    budget -= piece.end - piece.start;
    return piece;
  });
  const out = writePieces(encoded, pieces, sizes, (i) => render((records[i] as PieceRecord<T>).object, i));
  let at = out.headLength;
  records.forEach((record: Slots<K, Piece>, i) => {
    const end = at + (sizes[i] as number);
    const piece = record[slot] ?? pieces[i];
    if (piece === undefined) record[slot] = { bytes: out.bytes, start: at, end };
    else {
      piece.bytes = out.bytes;
      piece.start = at;
      piece.end = end;
      record[slot] = piece;
    }
    at = end + out.separatorLength;
  });
  return out.bytes;
}

/** A file (UTF-8 bytes) of pieces (all of them given) in a frame, the separator between them. */
export function joinPieces(frame: Frame, pieces: readonly Piece[]): Uint8Array {
  return writePieces(
    encodeFrame(frame),
    pieces,
    pieces.map((p) => p.end - p.start),
    () => '',
  ).bytes;
}

/**
 * Writes the frame's head, the pieces with its separator between them, and its
 * tail. A missing piece is `rendered`; pieces that follow one another,
 * separator between, in the same array (the file they were last joined into)
 * are copied in one go: after one change, the page is three copies instead of
 * one per row.
 */
function writePieces(
  { head, separator, tail }: EncodedFrame,
  pieces: readonly (Piece | undefined)[],
  sizes: readonly number[],
  rendered: (index: number) => Rendered,
): { bytes: Uint8Array; headLength: number; separatorLength: number } {
  let size = head.length + tail.length + Math.max(0, pieces.length - 1) * separator.length;
  for (const n of sizes) size += n;
  const out = new ExactWriter(size);
  out.write(head);
  for (let i = 0; i < pieces.length; i++) {
    if (i > 0) out.write(separator);
    const first = pieces[i];
    if (first === undefined) {
      out.write(rendered(i));
      continue;
    }
    let end = first.end;
    for (let next = pieces[i + 1]; next !== undefined && follows(first.bytes, end, next, separator); ) {
      end = next.end;
      next = pieces[++i + 1];
    }
    out.copy(first.bytes, first.start, end);
  }
  out.write(tail);
  return { bytes: out.finish(), headLength: head.length, separatorLength: separator.length };
}

interface EncodedFrame {
  readonly head: Uint8Array;
  readonly separator: Uint8Array;
  readonly tail: Uint8Array;
}

function encodeFrame(frame: Frame): EncodedFrame {
  const encoder = new TextEncoder();
  return {
    head: encoder.encode(frame.head),
    separator: encoder.encode(frame.separator),
    tail: encoder.encode(frame.tail),
  };
}

/** Whether `next` starts in `bytes` right after `end` and a separator: then what is between is that separator. */
function follows(bytes: Uint8Array, end: number, next: Piece, separator: Uint8Array): boolean {
  if (next.bytes !== bytes || next.start !== end + separator.length) return false;
  for (let j = 0; j < separator.length; j++) if (bytes[end + j] !== separator[j]) return false;
  return true;
}
