// Bundles the Cloudflare Pages Worker (`cloudflare.ts` and the request
// semantics of core/serving it runs) into one ES module, as text, for the
// bundler to inject into the command line (the core never reads files).
// Not minified: administrators can read what runs in front of their site.
import { buildSync } from 'esbuild';

/** @returns {string} */
export function buildCloudflareWorker() {
  return buildSync({
    entryPoints: [new URL('cloudflare.ts', import.meta.url).pathname],
    // Comments name the sources relative to the checkout, wherever the bundler runs.
    absWorkingDir: new URL('../..', import.meta.url).pathname,
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'warning',
  }).outputFiles[0].text;
}
