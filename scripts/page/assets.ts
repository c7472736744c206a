import type { PageAssets } from '../core/emit/page/assets.js';

declare const __CATALOG_PAGE_ASSETS__: PageAssets | undefined;

/**
 * The page's assets the bundler (`scripts/bundle.mjs`, via `build-assets.mjs`)
 * put into the command line; null when the TypeScript sources run unbundled,
 * unless a global of that name provides them (tests of the command line do).
 * Read by the application layer only, which passes them to the emit.
 */
export const bundledPageAssets = (): PageAssets | null =>
  typeof __CATALOG_PAGE_ASSETS__ === 'undefined' ? null : __CATALOG_PAGE_ASSETS__;
