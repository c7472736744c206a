/**
 * What the emit steps may reuse from an earlier emit, as an object the caller
 * creates, passes in and owns: the steps are pure functions of their input and
 * know nothing of how long anything is kept.
 *
 * The contract that speed rests on, and that every implementation keeps:
 * - a `Service` is never changed once made, so whatever was rendered from one
 *   `Service` object is the bytes rendering it again gives: pieces are kept by
 *   the identity of the object (a copy of a service is a new object, rendered
 *   afresh; the site is the same either way, only slower);
 * - `sameAsLast` answers from the last result computed under the same key only
 *   when every input is the same value (===), and the steps pass as inputs all
 *   that the result depends on;
 * - `sortOrder` answers from an earlier order only for the same paths in the
 *   same order.
 *
 * `callMemo()` (below) keeps nothing beyond one emit. The long-lived memo of
 * `serve --watch` and of a build with a cache is `KeptEmitMemo` in
 * `scripts/app/emit-memo.ts`; an emit "from scratch" is an emit with a new memo.
 */
import type { Service } from '../model/service.js';
import type { Range } from './bytes.js';

/** Kinds of pieces joined into one file (kept as ranges of it), and kinds that are files of their own. */
export type JoinedKind = 'entry' | 'entryPretty' | 'row';
export type OwnKind = 'instance' | 'instancePretty';

/** A piece's bytes: `bytes` from `start` to `end`. */
export type Piece = Range;

/** What is kept of one service: each piece once rendered (undefined until then). */
export interface ServicePieces {
  readonly service: Service;
  entry: Piece | undefined;
  entryPretty: Piece | undefined;
  row: Piece | undefined;
  instance: Uint8Array | undefined;
  instancePretty: Uint8Array | undefined;
}

/** A new, empty record for a service (every field present, so that all records share one shape). */
export const newPieces = (service: Service): ServicePieces => ({
  service,
  entry: undefined,
  entryPretty: undefined,
  row: undefined,
  instance: undefined,
  instancePretty: undefined,
});

/** A store of `compute(bytes)` by kind and bytes, for costly pure functions of bytes (compression). */
export interface BytesMemo {
  get(kind: string, bytes: Uint8Array, compute: (bytes: Uint8Array) => Uint8Array): Uint8Array;
}

/** What an emit may reuse; see the contract above. */
export interface EmitMemo {
  /** One record per service, in order: the same record for the same `Service` object for as long as kept. */
  piecesOf(services: readonly Service[]): readonly ServicePieces[];
  /** `compute()`, or the result last computed under `key` from the same inputs (each compared with ===). */
  sameAsLast<T>(key: string, inputs: readonly unknown[], compute: () => T): T;
  /** `compute(paths)` (indices of `paths` in sorted order), or the order found before for the same paths. */
  sortOrder(paths: readonly string[], compute: (paths: readonly string[]) => readonly number[]): readonly number[];
  /** `compute(bytes)`, or the result kept for the same kind and bytes. */
  compressed(kind: string, bytes: Uint8Array, compute: (bytes: Uint8Array) => Uint8Array): Uint8Array;
}

/**
 * The memo of one emit: the steps of the call share each service's pieces (the
 * filters and the instances copy the list's entries); nothing is kept beyond
 * the call, save what `bytes` (a store of compressed copies) keeps.
 */
export function callMemo(bytes?: BytesMemo): EmitMemo {
  let last: { records: readonly ServicePieces[] } | undefined;
  return {
    piecesOf(services) {
      // Compared one by one: the array may have changed in place.
      const same = last?.records.length === services.length && last.records.every((r, i) => r.service === services[i]);
      if (!same || last === undefined) last = { records: services.map(newPieces) };
      return last.records;
    },
    sameAsLast: (_key, _inputs, compute) => compute(),
    sortOrder: (paths, compute) => compute(paths),
    compressed: (kind, input, compute) => (bytes === undefined ? compute(input) : bytes.get(kind, input, compute)),
  };
}
