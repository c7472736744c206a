import type { PageAssets } from './assets.js';

export function buildPageAssets(): PageAssets;
