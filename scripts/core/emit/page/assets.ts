/**
 * The page's script and stylesheet, as text: the emit step publishes them
 * beside the page. They are built from `scripts/page/` (the browser parts) by
 * `scripts/page/build-assets.mjs` and given to the emit as an option: the core
 * never reads files or globals.
 */
export interface PageAssets {
  readonly script: string;
  readonly style: string;
}
