import type { Service } from '../model/service.js';
import type { Site } from '../model/site.js';
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
}

export interface EmitInput {
  /** Valid services, sorted by technical name. */
  readonly services: readonly Service[];
  readonly options: EmitOptions;
  /** What the steps before this one emitted, for steps that build on it. */
  readonly site: Site;
  /** What the step may reuse from earlier emits (see memo.ts); the site is the same bytes whatever it holds. */
  readonly memo: EmitMemo;
}

/** Every emit step has this one signature and is listed in `emit/index.ts`: new entries of `[path, bytes]`. */
export type EmitStep = (input: EmitInput) => [string, Uint8Array][];
