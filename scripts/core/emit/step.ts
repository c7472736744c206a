import type { KeyObject } from 'node:crypto';
import type { KindIdentity } from '../kinds/kind.js';
import type { Service } from '../model/service.js';
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

export interface EmitInput {
  /** Valid services, sorted by technical name. */
  readonly services: readonly Service[];
  /** The kinds the site publishes, for the steps that serve each kind's lists (the host files). */
  readonly kinds: readonly KindIdentity[];
  readonly options: EmitOptions;
  /** What the steps before this one emitted, for steps that build on it. */
  readonly site: Site;
  /** What the step may reuse from earlier emits (see memo.ts); the site is the same bytes whatever it holds. */
  readonly memo: EmitMemo;
}

/** Every emit step has this one signature and is listed in `emit/index.ts`: new entries of `[path, bytes]`. */
export type EmitStep = (input: EmitInput) => [string, Uint8Array][];
