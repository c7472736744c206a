/**
 * Each service's pieces of the emitted files (its list entry, its instance, its
 * row of the page) as UTF-8, kept from one `emitSite` call to the next.
 *
 * Why: `serve --watch` emits the whole site again after every change, and every
 * service whose file did not change is the same `Service` object as in the call
 * before. Rendering and encoding 10,000 services costs several times more than
 * copying their bytes, so the bytes are kept per `Service` object, in a WeakMap:
 * they go when the service goes, and a changed file, a new object, is rendered
 * afresh. A piece depends on nothing but the service's fields and its kind (which
 * names its form, compact or indented), and services are never changed once
 * made, so a kept piece is the bytes rendering would give: the site is the same
 * with or without this memo (test/emit-memo.test.ts compares).
 *
 * A piece of a file joined from many (entries, rows) is then kept as a range of
 * that file, not in a buffer of its own: the memo holds nothing the caller's site
 * does not hold already, and the next file copies unchanged neighbours together.
 */
import type { Service } from '../service.js';
import { type Part, Utf8Slabs } from './bytes.js';

const KINDS = ['entry', 'entry-pretty', 'instance', 'instance-pretty', 'row'] as const;
export type PieceKind = (typeof KINDS)[number];
export type Render = (s: Service, index: number) => string | readonly Part[];

/** A piece's bytes: `bytes` from `start` to `end`. */
export interface Piece {
  bytes: Uint8Array;
  start: number;
  end: number;
}

/** What is kept of one service: its pieces, by the index of their kind. */
class Kept {
  readonly pieces: (Piece | undefined)[] = KINDS.map(() => undefined);
  constructor(readonly service: Service) {}
}

const kept = new WeakMap<Service, Kept>();
/**
 * The records of the last call, held until the next: a services array of the
 * next call mostly holds the same services at the same places, found by
 * comparing, without a lookup by service.
 */
let previous: readonly Kept[] = [];

function recordsOf(services: readonly Service[]): readonly Kept[] {
  // Every step of one call asks for the same services.
  if (previous.length === services.length && previous.every((r, i) => r.service === services[i])) return previous;
  const records = services.map((s, i) => {
    const same = previous[i];
    if (same?.service === s) return same;
    const known = kept.get(s);
    if (known !== undefined) return known;
    const record = new Kept(s);
    kept.set(s, record);
    return record;
  });
  previous = records;
  return records;
}

/** Each service's piece of this kind: kept from an earlier call, or rendered and encoded now, and kept. */
export function piecesOf(services: readonly Service[], kind: PieceKind, render: Render): Piece[] {
  const k = KINDS.indexOf(kind);
  const slabs = new Utf8Slabs();
  return recordsOf(services).map((record, i) => {
    let piece = record.pieces[k];
    if (piece === undefined) {
      const bytes = slabs.encode(render(record.service, i));
      record.pieces[k] = piece = { bytes, start: 0, end: bytes.length };
    }
    return piece;
  });
}

/** A piece's bytes as an array of their own size (the same array each time for a piece encoded on its own). */
export const bytesOf = (p: Piece): Uint8Array =>
  p.start === 0 && p.end === p.bytes.length ? p.bytes : p.bytes.subarray(p.start, p.end);

/** What surrounds the pieces in a joined file. */
export interface Frame {
  readonly head: string;
  readonly separator: string;
  readonly tail: string;
}

/** One file of every service's piece in a frame, which then holds the kept pieces. */
export function joinedFile(services: readonly Service[], kind: PieceKind, render: Render, frame: Frame): Uint8Array {
  const pieces = piecesOf(services, kind, render);
  const encoder = new TextEncoder();
  const [head, separator] = [encoder.encode(frame.head), encoder.encode(frame.separator)];
  const file = joinPieces(head, pieces, separator, encoder.encode(frame.tail));
  let at = head.length;
  for (const piece of pieces) {
    const length = piece.end - piece.start;
    piece.bytes = file;
    piece.start = at;
    piece.end = at + length;
    at += length + separator.length;
  }
  return file;
}

/**
 * `head`, the pieces with `separator` between them, and `tail`, in one array of
 * their exact size. Pieces that follow one another, separator between, in the
 * same array (the file they were last joined into) are copied in one go: after
 * one change, the page is three copies instead of one per row.
 */
export function joinPieces(
  head: Uint8Array,
  pieces: readonly Piece[],
  separator: Uint8Array,
  tail: Uint8Array,
): Uint8Array {
  let size = head.length + tail.length + Math.max(0, pieces.length - 1) * separator.length;
  for (const p of pieces) size += p.end - p.start;
  const out = new Uint8Array(size);
  out.set(head);
  let at = head.length;
  for (let i = 0; i < pieces.length; i++) {
    if (i > 0) at = put(out, at, separator);
    const first = pieces[i] as Piece;
    let end = first.end;
    for (let next = pieces[i + 1]; next !== undefined && follows(first.bytes, end, next, separator); ) {
      end = next.end;
      next = pieces[++i + 1];
    }
    out.set(first.bytes.subarray(first.start, end), at);
    at += end - first.start;
  }
  out.set(tail, at);
  return out;
}

/** Whether `next` starts in `bytes` right after `end` and a separator: then what is between is that separator. */
function follows(bytes: Uint8Array, end: number, next: Piece, separator: Uint8Array): boolean {
  if (next.bytes !== bytes || next.start !== end + separator.length) return false;
  for (let j = 0; j < separator.length; j++) if (bytes[end + j] !== separator[j]) return false;
  return true;
}

/** Copies `bytes` to `out` at `at`; returns the end. One byte, the usual separator, is cheaper stored than copied. */
function put(out: Uint8Array, at: number, bytes: Uint8Array): number {
  if (bytes.length === 1) out[at] = bytes[0] as number;
  else out.set(bytes, at);
  return at + bytes.length;
}
