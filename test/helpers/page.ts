/** The catalog page's assets for tests that run the TypeScript sources unbundled. */
import type { Service } from '../../scripts/core/service.js';
import type { PageAssets } from '../../scripts/page/assets.js';
import { buildPageAssets } from '../../scripts/page/build-assets.mjs';

let built: PageAssets | undefined;

/** The same script and stylesheet the bundler injects into the command line. */
export function pageAssets(): PageAssets {
  built ??= buildPageAssets();
  return built;
}

/** Provides the assets as the bundler does, so that `emitSite` from the sources emits the page. */
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
  ...fields,
});
