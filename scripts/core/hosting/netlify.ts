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
import {
  API_ROOT,
  FILTER_SETS,
  filterPath,
  HOST_ONLY_PATHS,
  instancePath,
  listPath,
  type Site,
  urlOf,
} from '../model/site.js';
import { JSON_TYPE } from '../serving/content-types.js';
import { CONTENT_SECURITY_POLICY, commonHeaders, type Header } from '../serving/headers.js';
import { errorBody, type HttpErrorCode } from '../serving/http-error.js';
import { type Lifecycle, lifecycleOf, NO_LIFECYCLE } from '../serving/lifecycle.js';
import { checkError, FALSE_VALUES, LIST_URLS, QUERY_CHECKS, TRUE_VALUES } from '../serving/query.js';
import { filteredListPath } from '../serving/request.js';
import { CACHE_REVALIDATE, CLOUDFLARE_NOT_FOUND_PATH, GENERATED_NOTICE, isHtml, NOT_FOUND_PATH } from './policy.js';

/** A query rule: the parameters it matches (a value `:value` matches any), the file that answers, and the status. */
export interface QueryRule {
  readonly params: readonly (readonly [string, string])[];
  readonly target: string;
  readonly status: 200 | 400;
}

/** Where the JSON 400 bodies of refused queries are published, for Netlify's rules to answer with. */
export const queryErrorPath = (code: HttpErrorCode): string =>
  `${API_ROOT.split('/').slice(0, 2).join('/')}/errors/${code}.json`;

/** The refusals Netlify's rules can express, each with its published body (from the grammar's checks). */
export function queryErrorFiles(): [string, Uint8Array][] {
  return QUERY_CHECKS.filter((c) => c.code !== 'invalid-query').map((c) => [
    queryErrorPath(c.code),
    errorBody(checkError(c)),
  ]);
}

/** Every non-empty subset of `items`, each in the order of `items`. */
function subsets<T>(items: readonly T[]): T[][] {
  const all: T[][] = [[]];
  for (const item of items) for (const s of all.slice()) all.push([...s, item]);
  return all.filter((s) => s.length > 0);
}

/**
 * The list's query rules, first match wins. Netlify matches a rule when the
 * request has at least its parameters (others are ignored) and cannot match
 * a name in another case or a value by pattern, so: the flags' names in
 * capitals first (400 `unknown-filter`); then, for each set of flags, larger
 * sets first, every valid combination of values (the filter file, or the list
 * when none is true) and then any other value (400 `invalid-filter-value`).
 * The first group whose flags the request all has is the group of exactly
 * the flags it sends, so a valid query gets its file and any other value of
 * those flags a 400.
 */
export function queryRules(): QueryRule[] {
  const values = [...TRUE_VALUES, ...FALSE_VALUES];
  const unknown = `/${queryErrorPath('unknown-filter')}`;
  const rules: QueryRule[] = FLAGS.map((f) => ({
    params: [[f.toUpperCase(), ':value']],
    target: unknown,
    status: 400,
  }));
  const sets = subsets(FLAGS).sort((a, b) => b.length - a.length);
  for (const set of sets) {
    for (let n = 0; n < values.length ** set.length; n++) {
      const params = set.map((flag, i): [Flag, string] => [
        flag,
        values[Math.floor(n / values.length ** i) % values.length] as string,
      ]);
      const on = new Set(params.filter(([, v]) => (TRUE_VALUES as readonly string[]).includes(v)).map(([f]) => f));
      rules.push({ params, target: `/${filteredListPath(on)}`, status: 200 });
    }
    const params = set.map((f): [Flag, string] => [f, ':value']);
    rules.push({ params, target: `/${queryErrorPath('invalid-filter-value')}`, status: 400 });
  }
  return rules;
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
 * Netlify's and Cloudflare Pages' `_redirects`: each previous instance URL to
 * its service (`lifecycle`), each combination of query flags to its filter
 * file, and the JSON 404. Text, ending in a newline.
 */
export function redirectsFile(lifecycle: Lifecycle = NO_LIFECYCLE): string {
  const lines = [
    `# ${GENERATED_NOTICE}`,
    '# Netlify and Cloudflare Pages. First match wins.',
    '#',
    '# 0. The files hosts read are not for clients: the JSON 404, forced since they exist',
    '#    (Netlify only: Cloudflare Pages never serves them).',
    ...HOST_ONLY_PATHS.map((path) => `/${path} /${NOT_FOUND_PATH} 404!`),
    '#    Previous instance names: a permanent redirect to their service, forced on Netlify',
    '#    since a copy of the instance is published there for GitHub Pages; Cloudflare Pages',
    '#    ignores a forced rule and reads the plain one after it (Netlify never reaches it).',
    ...[...lifecycle.redirects].flatMap(([from, to]) => [`${from} ${to} 308!`, `${from} ${to} 308`]),
    '# 1. The list filtered by query flags (Netlify only: Cloudflare Pages cannot match',
    '#    a query string and ignores these lines, with a warning in the deploy log).',
    // At index.json, a file that exists, a rule applies only when forced (`!`).
    ...LIST_URLS.flatMap((url) =>
      queryRules().map((r) => {
        const force = url.endsWith('/') ? '' : '!';
        return `${url} ${r.params.map(([f, v]) => `${f}=${v}`).join(' ')} ${r.target} ${r.status}${force}`;
      }),
    ),
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
 * cache policy, the JSON type of the API, the Content-Security-Policy of
 * each HTML page the site holds, and the headers of its deprecated instances
 * (`lifecycleOf(site)`), at their folder URL and their file. Text, ending in a newline.
 */
export function headersFile(site: Site, lifecycle: Lifecycle = lifecycleOf(site)): string {
  const lines = [
    `# ${GENERATED_NOTICE}`,
    '# Netlify and Cloudflare Pages: every response, then what some paths add.',
    ...rule('/*', commonHeaders(CACHE_REVALIDATE)),
    ...rule(`/${API_ROOT}/*`, [['Content-Type', JSON_TYPE]]),
    ...rule(`/${CLOUDFLARE_NOT_FOUND_PATH}`, [['Content-Type', JSON_TYPE]]),
    ...htmlUrls(site).flatMap((url) => rule(url, [['Content-Security-Policy', CONTENT_SECURITY_POLICY]])),
    ...[...lifecycle.headers].flatMap(([path, headers]) => [
      ...rule(urlOf(path), headers),
      ...rule(`/${path}`, headers),
    ]),
  ];
  return `${lines.join('\n')}\n`;
}
