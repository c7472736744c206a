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

import type { KindIdentity } from '../kinds/kind.js';
import {
  API_VERSION_ROOT,
  filterPath,
  filterSets,
  HOST_ONLY_PATHS,
  instancePath,
  listPath,
  listRoot,
  type Site,
  urlOf,
} from '../model/site.js';
import { JSON_TYPE } from '../serving/content-types.js';
import { CONTENT_SECURITY_POLICY, commonHeaders, type Header } from '../serving/headers.js';
import { errorBody, type HttpErrorCode } from '../serving/http-error.js';
import { type Lifecycle, NO_LIFECYCLE } from '../serving/lifecycle.js';
import { filteredListPath, type ServedList, servedLists } from '../serving/lists.js';
import { checkError, FALSE_VALUES, TRUE_VALUES } from '../serving/query.js';
import { CACHE_REVALIDATE, CLOUDFLARE_NOT_FOUND_PATH, GENERATED_NOTICE, isHtml, NOT_FOUND_PATH } from './policy.js';

/** A query rule: the parameters it matches (a value `:value` matches any), the file that answers, and the status. */
export interface QueryRule {
  readonly params: readonly (readonly [string, string])[];
  readonly target: string;
  readonly status: 200 | 400;
}

/**
 * Where the JSON 400 bodies of refused queries on `list` are published, for
 * Netlify's rules to answer with: `api/v1/errors/<code>.json` for the first
 * list of the site (`first`), `api/v1/errors/<kind>/<code>.json` for the
 * others (their messages name their own flags), so that adding a kind moves
 * no file.
 */
export const queryErrorPath = (list: ServedList, first: boolean, code: HttpErrorCode): string =>
  `${API_VERSION_ROOT}/errors/${first ? '' : `${list.kind.name}/`}${code}.json`;

/**
 * The refusals Netlify's rules can express on the lists of `kinds`, each with
 * its published body (from the list's grammar's checks).
 */
export function queryErrorFiles(kinds: readonly KindIdentity[]): [string, Uint8Array][] {
  return [...servedLists(kinds).values()].flatMap((list, i) =>
    list.grammar.checks
      .filter((c) => c.code !== 'invalid-query')
      .map((c): [string, Uint8Array] => [queryErrorPath(list, i === 0, c.code), errorBody(checkError(c))]),
  );
}

/** Every non-empty subset of `items`, each in the order of `items`. */
function subsets<T>(items: readonly T[]): T[][] {
  const all: T[][] = [[]];
  for (const item of items) for (const s of all.slice()) all.push([...s, item]);
  return all.filter((s) => s.length > 0);
}

/**
 * A kind's list's query rules (their error files as `queryErrorPath` names
 * them for the site's `first` list or another), first match wins. Netlify matches a rule when the
 * request has at least its parameters (others are ignored) and cannot match
 * a name in another case or a value by pattern, so: the flags' names in
 * capitals first (400 `unknown-filter`); then, for each set of flags, larger
 * sets first, every valid combination of values (the filter file, or the list
 * when none is true) and then any other value (400 `invalid-filter-value`).
 * The first group whose flags the request all has is the group of exactly
 * the flags it sends, so a valid query gets its file and any other value of
 * those flags a 400.
 */
export function queryRules(list: ServedList, first: boolean): QueryRule[] {
  const { flags } = list.kind;
  const values = [...TRUE_VALUES, ...FALSE_VALUES];
  const unknown = `/${queryErrorPath(list, first, 'unknown-filter')}`;
  const rules: QueryRule[] = flags.map((f) => ({
    params: [[f.toUpperCase(), ':value']],
    target: unknown,
    status: 400,
  }));
  const sets = subsets(flags).sort((a, b) => b.length - a.length);
  for (const set of sets) {
    for (let n = 0; n < values.length ** set.length; n++) {
      const params = set.map((flag, i): [string, string] => [
        flag,
        values[Math.floor(n / values.length ** i) % values.length] as string,
      ]);
      const on = new Set(params.filter(([, v]) => (TRUE_VALUES as readonly string[]).includes(v)).map(([f]) => f));
      rules.push({ params, target: `/${filteredListPath(list, on)}`, status: 200 });
    }
    const params = set.map((f): [string, string] => [f, ':value']);
    rules.push({ params, target: `/${queryErrorPath(list, first, 'invalid-filter-value')}`, status: 400 });
  }
  return rules;
}

/**
 * Folder URLs and the file that answers each, for each of `kinds`: the list
 * and its filters (15 for user services) by name, every instance by one
 * placeholder rule. The file then never changes
 * with the catalog (no noise in a diff of the site) and stays far below
 * Cloudflare's limits (2,000 static and 100 dynamic rules), whatever the number
 * of services.
 */
export function folderRewrites(kinds: readonly KindIdentity[]): [url: string, file: string][] {
  return kinds.flatMap((kind): [string, string][] => {
    const paths = [listPath(kind), ...filterSets(kind).map((flags) => filterPath(kind, flags))];
    const folders = paths.map((p): [string, string] => [urlOf(p), `/${p}`]);
    return [...folders, [`/${listRoot(kind)}/:instance/`, `/${instancePath(kind, ':instance')}`]];
  });
}

/**
 * Netlify's and Cloudflare Pages' `_redirects` for a site of objects of
 * `kinds`: each previous instance URL to its object (`lifecycle`), each
 * combination of a list's query flags to its filter file, each folder URL to
 * its file, and the JSON 404. Text, ending in a newline.
 */
export function redirectsFile(kinds: readonly KindIdentity[], lifecycle: Lifecycle = NO_LIFECYCLE): string {
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
    ...[...servedLists(kinds).values()].flatMap((list, i) =>
      list.urls.flatMap((url) =>
        queryRules(list, i === 0).map((r) => {
          const force = url.endsWith('/') ? '' : '!';
          return `${url} ${r.params.map(([f, v]) => `${f}=${v}`).join(' ')} ${r.target} ${r.status}${force}`;
        }),
      ),
    ),
    '# 2. Every folder URL answers its index.json (an unknown instance: a missing file, 404).',
    ...folderRewrites(kinds).map(([url, file]) => `${url} ${file} 200`),
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
 * Netlify's and Cloudflare Pages' `_headers` for `site`, of objects of
 * `kinds`: the common headers and cache policy, the JSON type of each kind's
 * files, the Content-Security-Policy of
 * each HTML page the site holds, and the headers of its deprecated instances
 * (`lifecycle`: `lifecycleOf(site, kinds)`), at their folder URL and their file. Text, ending in a newline.
 */
export function headersFile(site: Site, kinds: readonly KindIdentity[], lifecycle: Lifecycle): string {
  const lines = [
    `# ${GENERATED_NOTICE}`,
    '# Netlify and Cloudflare Pages: every response, then what some paths add.',
    ...rule('/*', commonHeaders(CACHE_REVALIDATE)),
    ...kinds.flatMap((kind) => rule(`/${listRoot(kind)}/*`, [['Content-Type', JSON_TYPE]])),
    ...rule(`/${CLOUDFLARE_NOT_FOUND_PATH}`, [['Content-Type', JSON_TYPE]]),
    ...htmlUrls(site).flatMap((url) => rule(url, [['Content-Security-Policy', CONTENT_SECURITY_POLICY]])),
    ...[...lifecycle.headers].flatMap(([path, headers]) => [
      ...rule(urlOf(path), headers),
      ...rule(`/${path}`, headers),
    ]),
  ];
  return `${lines.join('\n')}\n`;
}
