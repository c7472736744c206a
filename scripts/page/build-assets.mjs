// Bundles the catalog page's script and stylesheet into strings, for the
// bundler to inject into the command line (the core never reads files).
import { buildSync } from 'esbuild';

const here = (file) => new URL(file, import.meta.url).pathname;

const bundle = (entry, options) =>
  buildSync({
    entryPoints: [here(entry)],
    bundle: true,
    write: false,
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'warning',
    ...options,
  }).outputFiles[0].text;

/** @returns {{ script: string, style: string }} */
export function buildPageAssets() {
  return {
    script: bundle('client.ts', { format: 'iife', target: 'es2020', platform: 'browser' }),
    style: bundle('catalog.css', { target: ['chrome100', 'firefox100', 'safari15'] }),
  };
}
