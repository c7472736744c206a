import type { KeyObject } from 'node:crypto';
import type { Catalog } from '../kinds/catalog.js';
import type { KindIdentity } from '../kinds/kind.js';
import type { Site } from '../model/site.js';
import type { CatalogHistory } from '../sync/history.js';
import type { EmitMemo } from './memo.js';
import type { PageAssets } from './page/assets.js';

/** How to emit: settings only, the same for every call of a build. */
export interface EmitOptions {
  /** Indent JSON by two spaces instead of printing it compactly. */
  readonly pretty: boolean;
  /** Add precompressed `.gz` and `.br` copies of the text files (absent: none). */
  readonly compress?: boolean;
  /**
   * The catalog page's script and stylesheet (bundled from `scripts/page/`),
   * published beside `index.html`; null: a site without the page.
   */
  readonly page: PageAssets | null;
  /**
   * The Cloudflare Pages Worker (bundled from `scripts/worker/`), published
   * as `_worker.js`; null or absent: a site without it.
   */
  readonly cloudflareWorker?: string | null;
  /** The catalog's history read from git, published as `_history/` and its feed; null or absent: neither. */
  readonly history?: CatalogHistory | null;
  /** An Ed25519 private key: the manifest is published with its signature; null or absent: unsigned. */
  readonly signingKey?: KeyObject | null;
}

/** What every emit step sees: the whole catalog, the options, the site so far and the memo. */
export interface EmitInput {
  /** Every kind's valid objects, each kind's in its order (see kinds/catalog.ts). */
  readonly catalog: Catalog;
  /** The kinds the site publishes, for the steps that serve each kind's lists (the host files). */
  readonly kinds: readonly KindIdentity[];
  readonly options: EmitOptions;
  /** What the steps before this one emitted, for steps that build on it. */
  readonly site: Site;
  /** What the step may reuse from earlier emits (see memo.ts); the site is the same bytes whatever it holds. */
  readonly memo: EmitMemo;
}

/** What a kind's own step sees besides: its kind's objects, typed (user services: `Service`s by technical name). */
export interface KindEmitInput<T extends object> extends EmitInput {
  readonly objects: readonly T[];
}

/** A step shared by every kind (host files, compression, the manifest): new entries of `[path, bytes]`. */
export type EmitStep = (input: EmitInput) => [string, Uint8Array][];

/**
 * A kind's own step: new entries of `[path, bytes]` from its objects (and,
 * for a step that speaks of several kinds, the catalog). Declared as a method
 * so that a kind of `Service`s is a kind of `object`s in a list of kinds: the
 * emit passes each kind's step only that kind's objects.
 */
export type KindStep<T extends object> = {
  step(input: KindEmitInput<T>): [string, Uint8Array][];
}['step'];
