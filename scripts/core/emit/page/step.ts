import { createHash } from 'node:crypto';
import type { Service } from '../../model/service.js';
import { utf8 } from '../../model/site.js';
import { schemaFiles } from '../../openapi/document.js';
import type { DocumentedKind } from '../../openapi/kind.js';
import { joinedFile } from '../fragments.js';
import type { EmitMemo } from '../memo.js';
import { ROW_SLOT } from '../service-pieces.js';
import type { KindStep } from '../step.js';
import type { PageAssets } from './assets.js';
import { type PageOptions, pageFrame, serviceRow } from './render.js';

/** The catalog page's HTML as UTF-8: its frame and each service's row (kept in `memo`: see fragments.ts). */
export const pageHtml = (memo: EmitMemo, services: readonly Service[], options: PageOptions): Uint8Array =>
  joinedFile(memo, ROW_SLOT, services, serviceRow, pageFrame(services.length, options));

/**
 * The catalog page at the site's root, for people, and its two assets, as
 * `[path, bytes]`; the assets are named by their content (12 hex digits of
 * SHA-256), so caches never serve a stale one. `schemaFiles`: the schema files
 * it links (`schemaFiles` of the site's kinds); `feed`: it links the feed.
 */
export function pageFiles(
  memo: EmitMemo,
  services: readonly Service[],
  assets: PageAssets,
  schemaFiles: Readonly<Record<string, string>>,
  feed = false,
): [string, Uint8Array][] {
  const script = utf8(assets.script);
  const style = utf8(assets.style);
  const scriptPath = `assets/catalog.${contentHash(script)}.js`;
  const stylePath = `assets/catalog.${contentHash(style)}.css`;
  return [
    ['index.html', pageHtml(memo, services, { scriptHref: scriptPath, styleHref: stylePath, feed, schemaFiles })],
    [scriptPath, script],
    [stylePath, style],
  ];
}

const contentHash = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex').slice(0, 12);

/**
 * Emits the page when the options carry its assets (`page: null`: a site
 * without the page), linking the schema files of every kind the site publishes.
 */
export const emitPage: KindStep<Service> = ({ objects: services, kinds, options, memo }) => {
  if (options.page === null) return [];
  const documented: readonly DocumentedKind[] = kinds;
  return pageFiles(memo, services, options.page, schemaFiles(documented), options.history != null);
};
