/**
 * The emit memo of a long-lived process (`serve --watch`, and a build's one
 * emit with the store of compressed copies): what the emit steps made of each
 * configuration object, by the table of pieces that names them (each kind's
 * steps have their own: see core/emit/memo.ts), kept from one emit to the
 * next, the last result computed under each key, and the last path orders. It
 * implements the core's `EmitMemo` contract (scripts/core/emit/memo.ts): the
 * site is the same bytes with a new memo or with one that has seen other emits.
 *
 * Speed rests on object identity, and on purpose: the analysis driver keeps a
 * file's object (a `Service`) for as long as the file's bytes stay the same
 * (see watched-catalog.ts), so an emit after one edit renders one object and
 * copies the others' bytes.
 */
import { type BytesMemo, type EmitMemo, type PieceRecord, type PieceTable, recordsOf } from '../core/emit/memo.js';

/** How many path orders are kept: an emit sorts twice (when the host files read the site, and at the end). */
const KEPT_SORTS = 2;

/** What is kept for one table of pieces. */
interface TableState {
  /** Each object's record, for as long as the object lives. */
  readonly kept: WeakMap<object, PieceRecord<object>>;
  /**
   * The records of the last call, held until the next: an objects array of the
   * next call mostly holds the same objects at the same places, found by
   * comparing, without a lookup by object.
   */
  previous: readonly PieceRecord<object>[];
}

/**
 * The `EmitMemo` a long-lived process keeps (see the module's comment): pieces
 * by object and table (a WeakMap per table, so an object dropped from the
 * catalog is forgotten), the last result by key, the last `KEPT_SORTS` path
 * orders, and the compressed copies through an optional `BytesMemo`.
 */
export class KeptEmitMemo implements EmitMemo {
  /** What is kept for each table, by its name. */
  private readonly tables = new Map<string, TableState>();
  /** The last result computed under each key, with what it was computed from. */
  private readonly lastResults = new Map<string, { inputs: readonly unknown[]; result: unknown }>();
  private lastSorts: { paths: readonly string[]; order: readonly number[] }[] = [];

  /** `bytes`: where compressed copies are kept across builds (none: computed each time). */
  constructor(private readonly bytes?: BytesMemo) {}

  piecesOf<T extends object, R extends PieceRecord<T>>(table: PieceTable<T, R>, objects: readonly T[]): readonly R[] {
    let state = this.tables.get(table.name);
    if (state === undefined) {
      state = { kept: new WeakMap(), previous: [] };
      this.tables.set(table.name, state);
    }
    const last = state.previous as readonly R[];
    // Every step of one call asks for the same objects.
    if (recordsOf(last, objects)) return last;
    const kept = state.kept as WeakMap<T, R>;
    const records = objects.map((o, i) => {
      const same = last[i];
      if (same?.object === o) return same;
      const known = kept.get(o);
      if (known !== undefined) return known;
      const record = table.newRecord(o);
      kept.set(o, record);
      return record;
    });
    state.previous = records;
    return records;
  }

  sameAsLast<T>(key: string, inputs: readonly unknown[], compute: () => T): T {
    const last = this.lastResults.get(key);
    if (last?.inputs.length === inputs.length && last.inputs.every((x, i) => x === inputs[i])) return last.result as T;
    const result = compute();
    this.lastResults.set(key, { inputs, result });
    return result;
  }

  sortOrder(paths: readonly string[], compute: (paths: readonly string[]) => readonly number[]): readonly number[] {
    const known = this.lastSorts.find(
      (s) => s.paths.length === paths.length && s.paths.every((p, i) => p === paths[i]),
    );
    if (known !== undefined) return known.order;
    const order = compute(paths);
    this.lastSorts = [{ paths, order }, ...this.lastSorts].slice(0, KEPT_SORTS);
    return order;
  }

  compressed(kind: string, input: Uint8Array, compute: (bytes: Uint8Array) => Uint8Array): Uint8Array {
    return this.bytes === undefined ? compute(input) : this.bytes.get(kind, input, compute);
  }
}
