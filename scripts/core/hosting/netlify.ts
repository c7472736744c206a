/**
 * `_headers` and `_redirects`, the two files Netlify and Cloudflare Pages read
 * from the published tree. Both hosts share the syntax of the lines used here,
 * with two differences the files are written around:
 *
 * - Cloudflare Pages cannot match a query string: it ignores (with a warning
 *   in the deploy log) every line that is not `from to [status]`, so the
 *   query rules below are Netlify's alone, and the 404 rule too (Cloudflare
 *   accepts only 200 and redirect statuses; it finds `404.html` by itself).
 * - Cloudflare appends a header that two matching `_headers` rules both set,
 *   so each header name appears in only one rule that a path can match.
 */

import { FLAGS, type Flag } from '../model/service.js';
import { API_ROOT, FILTER_SETS, filterPath, instancePath, listPath, type Site, urlOf } from '../model/site.js';
import { JSON_TYPE } from '../serving/content-types.js';
import { CONTENT_SECURITY_POLICY, commonHeaders, type Header } from '../serving/headers.js';
import { FALSE_VALUES, TRUE_VALUES } from '../serving/query.js';
import { filteredListPath } from '../serving/request.js';
import {
  CACHE_REVALIDATE,
  CLOUDFLARE_NOT_FOUND_PATH,
  GENERATED_NOTICE,
  isHtml,
  LIST_URL,
  NOT_FOUND_PATH,
} from './policy.js';

/** A query rule: the flags present in the request with their values, and the file that answers. */
export interface QueryRule {
  readonly params: readonly (readonly [Flag, string])[];
  readonly target: string;
}

/**
 * Every query string of flags (each absent, `true`, `1`, `false` or `0`) that
 * filters, with the file that answers it, most parameters first. Whether
 * Netlify requires a rule's parameters to be all the request has, or only
 * among them, the first rule that matches names exactly the flags the request
 * sends, so the answer is right either way; query strings that set no flag
 * fall through to the plain rewrite of the list.
 */
export function queryRules(): QueryRule[] {
  const states = [undefined, ...TRUE_VALUES, ...FALSE_VALUES];
  const rules: QueryRule[] = [];
  for (let n = 0; n < states.length ** FLAGS.length; n++) {
    const params = FLAGS.flatMap((flag, i) => {
      const value = states[Math.floor(n / states.length ** i) % states.length];
      return value === undefined ? [] : [[flag, value] as const];
    });
    const set = new Set(params.filter(([, v]) => (TRUE_VALUES as readonly string[]).includes(v)).map(([f]) => f));
    if (set.size > 0) rules.push({ params, target: filteredListPath(set) });
  }
  // A stable sort: same number of parameters keeps the order of generation.
  return rules.sort((a, b) => b.params.length - a.params.length);
}

/**
 * Folder URLs and the file that answers each: the list and the 15 filters by
 * name, every instance by one placeholder rule. The file then never changes
 * with the catalog (no noise in a diff of the site) and stays far below
 * Cloudflare's limits (2,000 static and 100 dynamic rules), whatever the number
 * of services.
 */
export function folderRewrites(): [url: string, file: string][] {
  const folders = [listPath(), ...FILTER_SETS.map(filterPath)].map((p): [string, string] => [urlOf(p), `/${p}`]);
  return [...folders, [`/${API_ROOT}/:instance/`, `/${instancePath(':instance')}`]];
}

/**
 * Netlify's and Cloudflare Pages' `_redirects`: each combination of query flags
 * to its filter file, and the JSON 404. Text, ending in a newline.
 */
export function redirectsFile(): string {
  const lines = [
    `# ${GENERATED_NOTICE}`,
    '# Netlify and Cloudflare Pages. First match wins.',
    '#',
    '# 1. The list filtered by query flags (Netlify only: Cloudflare Pages cannot match',
    '#    a query string and ignores these lines, with a warning in the deploy log).',
    ...queryRules().map((r) => `${LIST_URL} ${r.params.map(([f, v]) => `${f}=${v}`).join(' ')} /${r.target} 200`),
    '# 2. Every folder URL answers its index.json (an unknown instance: a missing file, 404).',
    ...folderRewrites().map(([url, file]) => `${url} ${file} 200`),
    '# 3. Anything else: the JSON 404 body (Netlify only; Cloudflare Pages finds',
    `#    /${CLOUDFLARE_NOT_FOUND_PATH} by itself).`,
    `/* /${NOT_FOUND_PATH} 404`,
  ];
  return `${lines.join('\n')}\n`;
}

const rule = (path: string, headers: readonly Header[]): string[] => [
  path,
  ...headers.map(([name, value]) => `  ${name}: ${value}`),
];

/** HTML pages of the site by URL: each file, and the folder URL of an `index.html`. */
export function htmlUrls(site: Site): string[] {
  return [...site.keys()].filter(isHtml).flatMap((p) => {
    const url = urlOf(p);
    return url === `/${p}` ? [url] : [url, `/${p}`];
  });
}

/**
 * Netlify's and Cloudflare Pages' `_headers` for `site`: the common headers and
 * cache policy, the JSON type of the API, and the Content-Security-Policy of
 * each HTML page the site holds. Text, ending in a newline.
 */
export function headersFile(site: Site): string {
  const lines = [
    `# ${GENERATED_NOTICE}`,
    '# Netlify and Cloudflare Pages: every response, then what some paths add.',
    ...rule('/*', commonHeaders(CACHE_REVALIDATE)),
    ...rule(`/${API_ROOT}/*`, [['Content-Type', JSON_TYPE]]),
    ...rule(`/${CLOUDFLARE_NOT_FOUND_PATH}`, [['Content-Type', JSON_TYPE]]),
    ...htmlUrls(site).flatMap((url) => rule(url, [['Content-Security-Policy', CONTENT_SECURITY_POLICY]])),
  ];
  return `${lines.join('\n')}\n`;
}
