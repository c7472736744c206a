/** The catalog page's assets for tests that run the TypeScript sources unbundled. */
import type { PageAssets } from '../../scripts/core/emit/page/assets.js';
import type { Service } from '../../scripts/core/model/service.js';
import { buildPageAssets } from '../../scripts/page/build-assets.mjs';

let built: PageAssets | undefined;

/** The same script and stylesheet the bundler puts into the command line (built once per test file). */
export function pageAssets(): PageAssets {
  built ??= buildPageAssets();
  return built as PageAssets;
}

/** Provides the assets as the bundler does, so that the command line run from the sources emits the page. */
export function installPageAssets(): void {
  (globalThis as { __CATALOG_PAGE_ASSETS__?: PageAssets }).__CATALOG_PAGE_ASSETS__ = pageAssets();
}

/** A valid service with every default, for tests that build one by hand. */
export const service = (fields: Partial<Service> & Pick<Service, 'instance' | 'technical_name'>): Service => ({
  display_name: fields.technical_name,
  description: '',
  no_more_assignable: false,
  for_hg: false,
  for_cc: false,
  for_ivr: false,
  for_enduser: false,
  add_data: new Map(),
  deprecation: null,
  previous_names: [],
  ...fields,
});
