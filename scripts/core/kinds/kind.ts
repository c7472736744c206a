/**
 * A kind of configuration object that the API publishes: user services today;
 * APIO's virtual service packs (the same four filters, a `reference_service`
 * and member services that must be user services of the catalog) would be a
 * second. A kind is a value: it declares what every shared part of the tool
 * needs to know of it, so that reading, the analysis, the cache, the emit,
 * serving, every host and the diff loop over the kinds they are given and know
 * none of them by name.
 *
 * Each shared area declares the part it needs in a module of its own (the
 * analysis: `analysis/kind.ts`; the emit: `emit/kind.ts`; the diff:
 * `diff/kind.ts`; the OpenAPI document: `openapi/kind.ts`), and `ConfigKind`
 * is all of them. A kind's own parts (its
 * model, schema, rules and emit steps) live in its folder under `kinds/`.
 */

import type { AnalysisKind } from '../analysis/kind.js';
import type { DiffKind } from '../diff/kind.js';
import type { EmitKind } from '../emit/kind.js';
import type { OpenApiKind } from '../openapi/kind.js';

/** What every area knows of a kind: its name in the API and the flags that filter its list. */
export interface KindIdentity {
  /**
   * The kind's name in the API: the segment of its URLs after `api/v1/configs/`
   * and the key of its list document (`user_services`: spec, "Listing
   * available user services"). Unique among the kinds of a run.
   */
  readonly name: string;
  /**
   * The boolean fields that filter its list, in the canonical order of the
   * filter paths' segments (`for_hg`, `for_cc`, `for_ivr`, `for_enduser` for
   * user services: spec, "Request JSON Object"); empty: a list without filters.
   */
  readonly flags: readonly string[];
}

/** A kind of configuration object: every area's part of it. `T` is the value of one valid object. */
export interface ConfigKind<T extends object = object>
  extends KindIdentity,
    AnalysisKind<T>,
    EmitKind<T>,
    DiffKind,
    OpenApiKind {}
