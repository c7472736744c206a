import { createHash } from 'node:crypto';
import { bundledPageAssets, type PageAssets } from '../../page/assets.js';
import { type PageOptions, pageFrame, serviceRow } from '../../page/render.js';
import type { Service } from '../service.js';
import { utf8 } from '../site.js';
import { joinedFile } from './fragments.js';
import type { EmitStep } from './step.js';

/** The catalog page's HTML: its frame and each service's row (kept across calls: see fragments.ts). */
export const pageHtml = (services: readonly Service[], options: PageOptions): Uint8Array =>
  joinedFile(services, 'row', serviceRow, pageFrame(services.length, options));

/** The catalog page at the site's root, for people; its assets are named by their content, so caches never serve a stale one. */
export function pageFiles(services: readonly Service[], assets: PageAssets): [string, Uint8Array][] {
  const script = utf8(assets.script);
  const style = utf8(assets.style);
  const scriptPath = `assets/catalog.${contentHash(script)}.js`;
  const stylePath = `assets/catalog.${contentHash(style)}.css`;
  return [
    ['index.html', pageHtml(services, { scriptHref: scriptPath, styleHref: stylePath })],
    [scriptPath, script],
    [stylePath, style],
  ];
}

const contentHash = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex').slice(0, 12);

/** Emits nothing when the assets were not bundled (unbundled sources without them, as most unit tests run). */
export const emitPage: EmitStep = ({ services }) => {
  const assets = bundledPageAssets();
  return assets === undefined ? [] : pageFiles(services, assets);
};
