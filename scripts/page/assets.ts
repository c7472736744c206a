/** The page's script and stylesheet, as text: the emit step publishes them beside the page. */
export interface PageAssets {
  readonly script: string;
  readonly style: string;
}

declare const __CATALOG_PAGE_ASSETS__: PageAssets | undefined;

/**
 * The assets the bundler (`scripts/bundle.mjs`, via `build-assets.mjs`) put
 * into the command line. When the TypeScript sources run unbundled, a global of
 * that name may provide them (tests do); without one there is no page to emit.
 */
export const bundledPageAssets = (): PageAssets | undefined =>
  typeof __CATALOG_PAGE_ASSETS__ === 'undefined' ? undefined : __CATALOG_PAGE_ASSETS__;
