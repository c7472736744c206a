/**
 * What every host answers besides the files: the one place for each header
 * value, the cache policies, the 404 body and the query values that filter.
 * Every host configuration (`_headers`, nginx, Caddy, CloudFront, S3) is
 * generated from these, so the hosts cannot drift apart.
 */
import { errorBody, httpError } from '../http-error.js';
import { API_ROOT } from '../site.js';

/** The Content-Security-Policy of HTML responses (the catalog page): nothing inline, nothing from elsewhere. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * For hosts that purge their CDN on every deploy (Netlify, Cloudflare Pages):
 * caches keep a copy but ask every time, and the ETag turns the answer into
 * a bodiless 304 while nothing changed. A deploy is visible at once.
 */
export const CACHE_REVALIDATE = 'public, max-age=0, must-revalidate';

/**
 * For hosts where nothing purges caches on deploy (S3 + CloudFront, nginx,
 * Caddy): a copy is fresh for 5 minutes, then may be served once more while
 * it is revalidated in the background. A deploy is visible everywhere within
 * about 6 minutes, and a CDN asks the origin at most once per 5 minutes per file.
 */
export const CACHE_SHORT = 'public, max-age=300, stale-while-revalidate=60';

export const JSON_TYPE = 'application/json';

export type Header = readonly [name: string, value: string];

/** Headers of every response: public data for any origin, never sniffed as another type, and a cache policy. */
export const commonHeaders = (cacheControl: string): readonly Header[] => [
  ['Access-Control-Allow-Origin', '*'],
  ['X-Content-Type-Options', 'nosniff'],
  ['Cache-Control', cacheControl],
];

/** Answers to a CORS preflight (`OPTIONS`), on the hosts that can answer one (nginx, Caddy). */
export const PREFLIGHT_HEADERS: readonly Header[] = [
  ['Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS'],
  ['Access-Control-Allow-Headers', 'Content-Type, If-None-Match'],
  ['Access-Control-Max-Age', '86400'],
];

/** Query values that set a filter, and those that leave it unset, as `scripts/core/request.ts` reads them. */
export const TRUE_VALUES = ['true', '1'] as const;
export const FALSE_VALUES = ['false', '0'] as const;

/** The folder URL of the list, where the query flags are read. */
export const LIST_URL = `/${API_ROOT}/`;

/** The body of every 404 from a static host: the preview server's error body, without the path it cannot know. */
export const notFoundBody = (): Uint8Array => errorBody(httpError('not-found', 'nothing is published at this URL'));

/** Where the 404 body is published, for the hosts that are told where to find it (Netlify, nginx, Caddy, CloudFront). */
export const NOT_FOUND_PATH = '404.json';

/**
 * The same body for Cloudflare Pages, which answers a missing file with the
 * nearest `404.html` up the folder tree. One level above the instances, so no
 * instance name can collide with it; `_headers` gives it its JSON type.
 */
export const CLOUDFLARE_NOT_FOUND_PATH = `${API_ROOT.slice(0, API_ROOT.lastIndexOf('/'))}/404.html`;

/** Extensions of the files that get precompressed copies and that nginx and Caddy serve precompressed. */
export const COMPRESSIBLE = ['.json', '.html', '.css', '.js'] as const;

export const isHtml = (path: string): boolean => path.endsWith('.html') && path !== CLOUDFLARE_NOT_FOUND_PATH;
