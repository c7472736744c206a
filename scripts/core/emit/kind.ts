/**
 * What the emit needs to know of a kind of configuration object: its own emit
 * steps, and which of them make its API files. The shared steps (the OpenAPI
 * document, host files, compression, the Worker, the manifest and its
 * signature) run after every kind's steps: see `emitCatalog` (index.ts).
 */
import type { KindIdentity } from '../kinds/kind.js';
import type { KindStep } from './step.js';

export interface EmitKind<T extends object> {
  /**
   * Every file that speaks only of the kind's objects, in order (a step sees
   * what the steps before it emitted): user services' list, filtered lists,
   * instances, `_full/`, `_index/`, life cycle files, history and page. A step
   * that renders per object keeps its pieces in the memo under a table of the
   * kind's own (fragments.ts).
   */
  readonly emitSteps: readonly KindStep<T>[];
  /**
   * Those of `emitSteps`, in their order, that make the kind's API files: what
   * `diff` compares, emitted compact, without the page (`emitCatalogApiFiles`).
   * They must not read the site of a step left out.
   */
  readonly apiSteps: readonly KindStep<T>[];
}

/** What the emit takes of each kind: its identity (its name keys the catalog) and its steps. */
export type EmittedKind<T extends object = object> = KindIdentity & EmitKind<T>;
