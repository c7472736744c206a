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
import { byteLength, ExactWriter, type Range, type Rendered, Utf8Slabs } from './bytes.js';

export type Render = (s: Service, index: number) => Rendered;

/** Kinds of pieces joined into one file (kept as ranges of it), and kinds that are files of their own. */
export type JoinedKind = 'entry' | 'entryPretty' | 'row';
export type OwnKind = 'instance' | 'instancePretty';

/** A piece's bytes: `bytes` from `start` to `end`. */
export type Piece = Range;

/** What is kept of one service. */
class Kept {
  entry: Piece | undefined = undefined;
  entryPretty: Piece | undefined = undefined;
  row: Piece | undefined = undefined;
  instance: Uint8Array | undefined = undefined;
  instancePretty: Uint8Array | undefined = undefined;
  constructor(readonly service: Service) {}
}

let kept = new WeakMap<Service, Kept>();
/**
 * The records of the last call, held until the next: a services array of the
 * next call mostly holds the same services at the same places, found by
 * comparing, without a lookup by service.
 */
let previous: { services: readonly Service[]; records: readonly Kept[] } = { services: [], records: [] };
/** The last result computed under each key, with what it was computed from (see `sameAsLast`). */
let lastResults = new Map<string, { inputs: readonly unknown[]; result: unknown }>();

/** Forgets everything kept: the next call starts from nothing (tests compare with such a call). */
export function forgetKept(): void {
  kept = new WeakMap();
  previous = { services: [], records: [] };
  lastResults = new Map();
}

/**
 * The result of `compute`, or the last one computed under `key` if that was
 * from the same inputs (the same values, compared with ===). For results that
 * depend on nothing else: a kept piece is the same bytes for as long as it
 * lives, so a file joined from the same pieces is the same file.
 */
export function sameAsLast<T>(key: string, inputs: readonly unknown[], compute: () => T): T {
  const last = lastResults.get(key);
  if (last?.inputs.length === inputs.length && last.inputs.every((x, i) => x === inputs[i])) return last.result as T;
  const result = compute();
  lastResults.set(key, { inputs, result });
  return result;
}

function recordsOf(services: readonly Service[]): readonly Kept[] {
  const last = previous;
  // Every step of one call asks for the same services (compared one by one: the array may have changed in place).
  if (last.services.length === services.length && last.services.every((s, i) => s === services[i])) {
    return last.records;
  }
  const records = services.map((s, i) => {
    const same = last.records[i];
    if (same?.service === s) return same;
    const known = kept.get(s);
    if (known !== undefined) return known;
    const record = new Kept(s);
    kept.set(s, record);
    return record;
  });
  previous = { services: [...services], records };
  return records;
}

/** Each service's file of this kind: kept from an earlier call, or rendered and encoded now, and kept. */
export function ownPieces(services: readonly Service[], kind: OwnKind, render: Render): Uint8Array[] {
  const slabs = new Utf8Slabs();
  return recordsOf(services).map((record, i) => {
    const known = record[kind];
    if (known !== undefined) return known;
    const bytes = slabs.encode(render(record.service, i));
    record[kind] = bytes;
    return bytes;
  });
}

/** Each service's piece of this kind: kept from an earlier call, or rendered and encoded now, and kept. */
export function piecesOf(services: readonly Service[], kind: JoinedKind, render: Render): Piece[] {
  const slabs = new Utf8Slabs();
  return recordsOf(services).map((record, i) => {
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
 * One file of every service's piece in a frame, which then holds the kept
 * pieces: each piece, old or new, becomes a range of the file, so the memo
 * holds no bytes of its own. (`apartBytes` is there for tests.)
 */
export function joinedFile(
  services: readonly Service[],
  kind: JoinedKind,
  render: Render,
  frame: Frame,
  apartBytes = ENCODED_APART_BYTES,
): Uint8Array {
  const records = recordsOf(services);
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
  const out = writePieces(encoded, pieces, sizes, (i) => render((records[i] as Kept).service, i));
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

/** A file of pieces (all of them given) in a frame. */
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
