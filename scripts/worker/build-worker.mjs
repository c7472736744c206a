// Bundles the Cloudflare Pages Worker (`cloudflare.ts` and the request
// semantics of core/serving it runs) into one ES module, as text, for the
// bundler to inject into the command line (the core never reads files).
// Not minified: administrators can read what runs in front of their site.
import { buildSync } from 'esbuild';

/**
 * JavaScript source text with every control character but the line feed (C0,
 * DEL and C1: Unicode general category Cc) written as a `\xNN` escape, so that
 * the file is text to every tool (grep, diff, editors). esbuild escapes NUL
 * but writes the other controls of string and regular-expression literals as
 * they are. Such a character can only stand inside a literal or a comment,
 * where the escape means the same character (ECMA-262 12.9.4 and 22.2.1); one
 * written after a backslash (an identity escape) loses that backslash.
 * @param {string} source
 * @returns {string}
 */
export function escapeControls(source) {
  return source.replace(/(\\*)((?!\n)\p{Cc})/gu, (_, slashes, c) => {
    const kept = slashes.length % 2 === 1 ? slashes.slice(1) : slashes;
    return `${kept}\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
}

/** @returns {string} */
export function buildCloudflareWorker() {
  const text = buildSync({
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
  return escapeControls(text);
}
