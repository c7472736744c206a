/**
 * What the emit steps may reuse from an earlier emit, as an object the caller
 * creates, passes in and owns: the steps are pure functions of their input and
 * know nothing of how long anything is kept.
 *
 * The contract that speed rests on, and that every implementation keeps:
 * - a configuration object (a `Service`, or an object of any other kind) is
 *   never changed once made, so whatever a step rendered from one object is the
 *   bytes rendering it again gives: pieces are kept by the identity of the
 *   object and the `PieceTable` that names them (a copy of an object is a new
 *   object, rendered afresh; the site is the same either way, only slower);
 * - a table's name is unique among the tables of a run (it starts with its
 *   kind's name), and its records hold nothing but what its steps rendered
 *   from the record's object;
 * - `sameAsLast` answers from the last result computed under the same key only
 *   when every input is the same value (===), and the steps pass as inputs all
 *   that the result depends on (a key is unique to one computation: it names
 *   the path or the kind it is for);
 * - `sortOrder` answers from an earlier order only for the same paths in the
 *   same order.
 *
 * `callMemo()` (below) keeps nothing beyond one emit. The long-lived memo of
 * `serve --watch` and of a build with a cache is `KeptEmitMemo` in
 * `scripts/app/emit-memo.ts`; an emit "from scratch" is an emit with a new memo.
 */
import type { Range } from './bytes.js';

/** A piece's bytes: `bytes` from `start` to `end`. */
export type Piece = Range;

/** What is kept of one object for one table: the object, and whatever pieces the table's steps put in it. */
export interface PieceRecord<T extends object> {
  readonly object: T;
}

/**
 * The pieces a kind's steps keep of each of its objects: `name`, unique among
 * the tables of a run (`user_services`, `widgets rows`), and a new record for
 * an object, every slot empty (give each record the same shape: the engine
 * then keeps one hidden class for all of them).
 */
export interface PieceTable<T extends object, R extends PieceRecord<T>> {
  readonly name: string;
  newRecord(object: T): R;
}

/** A store of `compute(bytes)` by kind and bytes, for costly pure functions of bytes (compression). */
export interface BytesMemo {
  get(kind: string, bytes: Uint8Array, compute: (bytes: Uint8Array) => Uint8Array): Uint8Array;
}

/** What an emit may reuse; see the contract above. */
export interface EmitMemo {
  /**
   * One record of `table` per object, in order: the same record for the same
   * object and table for as long as kept, a new one (`table.newRecord`) else.
   */
  piecesOf<T extends object, R extends PieceRecord<T>>(table: PieceTable<T, R>, objects: readonly T[]): readonly R[];
  /** `compute()`, or the result last computed under `key` from the same inputs (each compared with ===). */
  sameAsLast<T>(key: string, inputs: readonly unknown[], compute: () => T): T;
  /** `compute(paths)` (indices of `paths` in sorted order), or the order found before for the same paths. */
  sortOrder(paths: readonly string[], compute: (paths: readonly string[]) => readonly number[]): readonly number[];
  /** `compute(bytes)`, or the result kept for the same kind and bytes. */
  compressed(kind: string, bytes: Uint8Array, compute: (bytes: Uint8Array) => Uint8Array): Uint8Array;
}

/** Whether `records` are, one by one, the records of `objects` (the array may have changed in place). */
export const recordsOf = (records: readonly PieceRecord<object>[], objects: readonly object[]): boolean =>
  records.length === objects.length && records.every((r, i) => r.object === objects[i]);

/**
 * The memo of one emit: the steps of the call share each object's records
 * (the filters and the instances copy the list's entries), by table; nothing
 * is kept beyond the call, save what `bytes` (a store of compressed copies)
 * keeps.
 */
export function callMemo(bytes?: BytesMemo): EmitMemo {
  const last = new Map<string, readonly PieceRecord<object>[]>();
  return {
    piecesOf<T extends object, R extends PieceRecord<T>>(table: PieceTable<T, R>, objects: readonly T[]) {
      const known = last.get(table.name) as readonly R[] | undefined;
      if (known !== undefined && recordsOf(known, objects)) return known;
      const records = objects.map((o) => table.newRecord(o));
      last.set(table.name, records);
      return records;
    },
    sameAsLast: (_key, _inputs, compute) => compute(),
    sortOrder: (paths, compute) => compute(paths),
    compressed: (kind, input, compute) => (bytes === undefined ? compute(input) : bytes.get(kind, input, compute)),
  };
}
