/**
 * The valid configuration objects of a run, by kind: what the analysis gives
 * and the emit publishes.
 */
import type { KindIdentity } from './kind.js';

/** For each kind's name, its valid objects in the kind's order (user services: by technical name). */
export type Catalog = ReadonlyMap<string, readonly object[]>;

/** The objects of `kind` in `catalog` (none when absent), typed as the caller's kind declares them. */
export function objectsOf<T extends object>(catalog: Catalog, kind: KindIdentity): readonly T[] {
  return (catalog.get(kind.name) ?? []) as readonly T[];
}
