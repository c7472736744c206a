/**
 * Each service's pieces of the emitted files (its list entry, its instance, its
 * row of the page) as UTF-8, taken from the emit's memo (see memo.ts) or
 * rendered and encoded, and then kept in it.
 *
 * Why: `serve --watch` emits the whole site again after every change, and every
 * service whose file did not change is the same `Service` object as in the call
 * before. Rendering and encoding 10,000 services costs several times more than
 * copying their bytes, so a long-lived memo keeps the bytes per `Service`
 * object. A piece depends on nothing but the service's fields and its kind
 * (which names its form, compact or indented), and services are never changed
 * once made, so a kept piece is the bytes rendering would give: the site is the
 * same with or without a memo (test/unit/emit/emit-memo.test.ts compares).
 *
 * A piece of a file joined from many (entries, rows) is then kept as a range of
 * that file, not in a buffer of its own: the memo holds nothing the caller's site
 * does not hold already, and the next file copies unchanged neighbours together.
 */
import type { Service } from '../model/service.js';
import { byteLength, ExactWriter, type Rendered, Utf8Slabs } from './bytes.js';
import type { EmitMemo, JoinedKind, OwnKind, Piece, ServicePieces } from './memo.js';

export type Render = (s: Service, index: number) => Rendered;

/**
 * Each service's file of this kind, `Uint8Array` per service in order: kept in
 * `memo` from an earlier call, or rendered (`render(service, index)`), encoded
 * and kept there.
 */
export function ownPieces(memo: EmitMemo, services: readonly Service[], kind: OwnKind, render: Render): Uint8Array[] {
  const slabs = new Utf8Slabs();
  return memo.piecesOf(services).map((record, i) => {
    const known = record[kind];
    if (known !== undefined) return known;
    const bytes = slabs.encode(render(record.service, i));
    record[kind] = bytes;
    return bytes;
  });
}

/** Each service's piece of this kind, as a range of bytes: kept in `memo`, or rendered and encoded now, and kept. */
export function piecesOf(memo: EmitMemo, services: readonly Service[], kind: JoinedKind, render: Render): Piece[] {
  const slabs = new Utf8Slabs();
  return memo.piecesOf(services).map((record, i) => {
    const known = record[kind];
    if (known !== undefined) return known;
    const piece = slabs.place(render(record.service, i));
    record[kind] = piece;
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

/**
 * One file (UTF-8 bytes) of every service's piece in a frame, which then holds
 * the kept pieces: each piece, old or new, becomes a range of the file, so the
 * memo holds no bytes of its own. Throws only on a bug (a render that gives
 * other bytes the second time). (`apartBytes` is there for tests.)
 */
export function joinedFile(
  memo: EmitMemo,
  services: readonly Service[],
  kind: JoinedKind,
  render: Render,
  frame: Frame,
  apartBytes = ENCODED_APART_BYTES,
): Uint8Array {
  const records = memo.piecesOf(services);
  const encoded = encodeFrame(frame);
  const slabs = new Utf8Slabs();
  const sizes: number[] = [];
  let budget = apartBytes;
  let placed = false;
  const pieces = records.map((record, i): Piece | undefined => {
    const known = record[kind];
    placed &&= known === undefined;
    if (known !== undefined) {
      sizes.push(known.end - known.start);
      return known;
    }
    const rendered = render(record.service, i);
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
  const out = writePieces(encoded, pieces, sizes, (i) => render((records[i] as ServicePieces).service, i));
  let at = out.headLength;
  records.forEach((record, i) => {
    const end = at + (sizes[i] as number);
    const piece = record[kind] ?? pieces[i];
    if (piece === undefined) record[kind] = { bytes: out.bytes, start: at, end };
    else {
      piece.bytes = out.bytes;
      piece.start = at;
      piece.end = end;
      record[kind] = piece;
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
