/**
 * The emit memo of a long-lived process (`serve --watch`, and a build's one
 * emit with the store of compressed copies): what the emit steps made of each
 * `Service` object, kept from one emit to the next, the last result computed
 * under each key, and the last path orders. It implements the core's
 * `EmitMemo` contract (scripts/core/emit/memo.ts): the site is the same bytes
 * with a new memo or with one that has seen other emits.
 *
 * Speed rests on object identity, and on purpose: the analysis driver keeps a
 * file's `Service` object for as long as the file's bytes stay the same (see
 * watched-catalog.ts), so an emit after one edit renders one service and
 * copies the others' bytes.
 */
import { type BytesMemo, type EmitMemo, newPieces, type ServicePieces } from '../core/emit/memo.js';
import type { Service } from '../core/model/service.js';

/** How many path orders are kept: an emit sorts twice (when the host files read the site, and at the end). */
const KEPT_SORTS = 2;

/**
 * The `EmitMemo` a long-lived process keeps (see the module's comment): pieces
 * by `Service` object (a WeakMap, so a service dropped from the catalog is
 * forgotten), the last result by key, the last `KEPT_SORTS` path orders, and
 * the compressed copies through an optional `BytesMemo`.
 */
export class KeptEmitMemo implements EmitMemo {
  /** Each service's record, for as long as the service lives. */
  private readonly kept = new WeakMap<Service, ServicePieces>();
  /**
   * The records of the last call, held until the next: a services array of the
   * next call mostly holds the same services at the same places, found by
   * comparing, without a lookup by service.
   */
  private previous: { services: readonly Service[]; records: readonly ServicePieces[] } = {
    services: [],
    records: [],
  };
  /** The last result computed under each key, with what it was computed from. */
  private readonly lastResults = new Map<string, { inputs: readonly unknown[]; result: unknown }>();
  private lastSorts: { paths: readonly string[]; order: readonly number[] }[] = [];

  /** `bytes`: where compressed copies are kept across builds (none: computed each time). */
  constructor(private readonly bytes?: BytesMemo) {}

  piecesOf(services: readonly Service[]): readonly ServicePieces[] {
    const last = this.previous;
    // Every step of one call asks for the same services (compared one by one: the array may have changed in place).
    if (last.services.length === services.length && last.services.every((s, i) => s === services[i])) {
      return last.records;
    }
    const records = services.map((s, i) => {
      const same = last.records[i];
      if (same?.service === s) return same;
      const known = this.kept.get(s);
      if (known !== undefined) return known;
      const record = newPieces(s);
      this.kept.set(s, record);
      return record;
    });
    this.previous = { services: [...services], records };
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
