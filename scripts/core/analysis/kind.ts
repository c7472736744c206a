/**
 * What the analysis needs to know of a kind of configuration object: where its
 * files lie, its rules, the value of a valid file, how its values sort, and how
 * its values are kept in the cache. Shared parts of the analysis (`analyze.ts`,
 * `outline.ts`, `file-result-codec.ts`) loop over the kinds they are given and
 * know none of them by name.
 */
import type { KindIdentity } from '../kinds/kind.js';
import type { Node } from '../reading/tree.js';
import type { Rule } from '../rules/rule.js';

export interface AnalysisKind<T extends object> {
  /**
   * Where the kind's files lie, relative to the services folder: '' for the
   * folder itself (user services; one kind at most), otherwise the name of a
   * sub-folder of it that starts with `_` (no instance name does, so it can
   * never be taken for a service file). Every file read there is this kind's.
   */
  readonly folder: string;
  /**
   * The kind's own file rules (beside the shared ones of `rules/index.ts`,
   * which judge every kind's files): what they say of a file depends on its
   * path and bytes alone. They see the kind's files only.
   */
  readonly fileRules: readonly Rule[];
  /**
   * The kind's own catalog rules. They see the kind's files' outlines as
   * `files` and every kind's outlines as `byKind`, each outline holding the
   * fields that rules read of its kind (`catalogFields`): a rule reads its own
   * kind's fields as `meta.reads` declares, and declares what it reads of
   * another kind's files in `meta.readsOf` (by that kind's name).
   */
  readonly catalogRules: readonly Rule[];
  /** The value of a file that passed every rule (`root` its document; `instance` its instance name). */
  toValue(instance: string, root: Node): T;
  /**
   * The kind's values in published order; `previous`, the values of an earlier
   * analysis of the same kind, may only make it faster, never change it.
   */
  order(values: readonly T[], previous?: readonly T[]): readonly T[];
  /** A value as JSON-safe data (arrays, plain objects, strings, finite numbers, booleans, null), for the cache. */
  encodeValue(value: T): unknown;
  /** The value `encodeValue` made `raw` from. Throws an `Error` on anything else (the cache then misses). */
  decodeValue(raw: unknown): T;
  /**
   * Where a valid object's sunset is written (the scalar `field.entry` of its
   * file), and its day (`day(value)`, `YYYY-MM-DD`, null: the object has
   * none): `check --as-of` reports past sunsets there
   * (`Analysis.sunsetPlaces`). Absent: the kind has no sunset. The outline
   * keeps `field` for it.
   */
  readonly sunset?: SunsetPlace<T>;
}

/** See `AnalysisKind.sunset`. */
export interface SunsetPlace<T extends object> {
  readonly field: string;
  readonly entry: string;
  /** The object's sunset day, `YYYY-MM-DD`, or null when it has none. */
  day(value: T): string | null;
}

/** A kind as the analysis sees it: its name and its analysis part. */
export type AnalyzedKind<T extends object = object> = KindIdentity & AnalysisKind<T>;
