/** The catalog page's assets for tests that run the TypeScript sources unbundled. */
import { readServices } from '../../scripts/adapters/read-services.js';
import { analyze } from '../../scripts/core/analyze.js';
import type { Service } from '../../scripts/core/service.js';
import type { PageAssets } from '../../scripts/page/assets.js';
import { buildPageAssets } from '../../scripts/page/build-assets.mjs';
import { ROOT } from './cli.js';

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

/** The shipped catalog's valid services, in list order. */
export async function shippedServices(): Promise<readonly Service[]> {
  const analysis = analyze(await readServices(`${ROOT}services`, ROOT));
  return analysis.services;
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
