/**
 * The one grammar of the list's query flags, for the preview server and every
 * host file (nginx, Caddy, CloudFront, Cloudflare Pages, Netlify). Hosts cannot
 * run this module, so the grammar is also given as regular expressions that
 * each host's configuration language takes as they are (JavaScript, PCRE for
 * nginx, RE2 for Caddy: anchors, classes, groups, alternation; no lookaround,
 * no back-references):
 *
 * - names are the spec's, lowercase: `FOR_HG` is not a flag (400 `unknown-filter`);
 * - values are `true` or `1` (filters), `false` or `0` (does not filter);
 *   anything else, or no value, is refused (400 `invalid-filter-value`);
 * - no percent-escapes: the names and values never need one, and a host that
 *   cannot decode them would read `%74rue` differently (400 `invalid-query`);
 * - each flag at most once (400 `invalid-query`); empty pairs (`&&`) are skipped;
 * - read on the list, at its folder URL and at its `index.json` alike, and
 *   nowhere else (other files ignore their query, as static hosts do).
 *
 * A host that cannot check a query answers 400 rather than the whole list.
 */

import { quoteShort } from '../diagnostics/shorten.js';
import { FLAGS, type Flag } from '../model/service.js';
import { API_ROOT } from '../model/site.js';
import { type HttpError, type HttpErrorCode, httpError } from './http-error.js';
import { FALSE_VALUES, TRUE_VALUES } from './query-values.js';

export { FALSE_VALUES, TRUE_VALUES };

/** The filter flags in the canonical order of the filter paths. */
export const FILTER_FLAGS: readonly Flag[] = FLAGS;

/** The folder URL of the list, where the query flags are read. */
export const LIST_URL = `/${API_ROOT}/`;

/** Every URL of the list (its folder URL and its file), each reading the query flags. */
export const LIST_URLS = [LIST_URL, `${LIST_URL}index.json`] as const;

const names = `(?:${FLAGS.join('|')})`;
const values = `(?:${[...TRUE_VALUES, ...FALSE_VALUES].join('|')})`;

/** One check of a raw query string (still percent-encoded, without `?`): refused when `pattern` matches, or when it does not. */
export interface QueryCheck {
  readonly pattern: string;
  readonly refuseWhen: 'match' | 'no-match';
  readonly code: HttpErrorCode;
  /** What a host answers; the preview server names the pair at fault. */
  readonly message: string;
}

/**
 * The checks in the order they are made; the first that refuses gives the
 * error. Each is a regular expression source without flags.
 */
export const QUERY_CHECKS: readonly QueryCheck[] = [
  {
    pattern: '%',
    refuseWhen: 'match',
    code: 'invalid-query',
    message: 'the query string holds a % escape; write the filters as they are, such as for_hg=true',
  },
  {
    pattern: `^&*(?:${names}(?:=[^&]*)?(?:&+|$))*$`,
    refuseWhen: 'no-match',
    code: 'unknown-filter',
    message: `the query string names an unknown filter; the filters are ${FLAGS.join(', ')}, in lowercase`,
  },
  {
    pattern: `^&*(?:${names}=${values}(?:&+|$))*$`,
    refuseWhen: 'no-match',
    code: 'invalid-filter-value',
    message: 'a filter has a value other than true, 1, false or 0',
  },
  {
    pattern: `(?:^|&)(?:${FLAGS.map((f) => `${f}=[^&]*&(?:[^&]*&)*${f}=`).join('|')})`,
    refuseWhen: 'match',
    code: 'invalid-query',
    message: 'a filter is given more than once',
  },
];

/** The first check a raw query refuses, or undefined when it follows the grammar. */
export function failedCheck(query: string): QueryCheck | undefined {
  return QUERY_CHECKS.find((c) => new RegExp(c.pattern).test(query) === (c.refuseWhen === 'match'));
}

/** The error a host answers for a query the grammar refuses. */
export const checkError = (check: QueryCheck): HttpError => httpError(check.code, check.message);

const isFlag = (key: string): key is Flag => (FLAGS as readonly string[]).includes(key);

/**
 * The flags a raw query string sets to true (`for_hg=true&for_cc=1`), or the
 * error of the first check it fails, with a message naming the pair at fault.
 */
export function parseQueryFlags(query: string): Set<Flag> | HttpError {
  const failed = failedCheck(query);
  const pairs = query
    .split('&')
    .filter((p) => p !== '')
    .map((p): [string, string | undefined] => {
      const eq = p.indexOf('=');
      return eq < 0 ? [p, undefined] : [p.slice(0, eq), p.slice(eq + 1)];
    });
  if (failed !== undefined) return httpError(failed.code, describe(failed, pairs));
  return new Set(pairs.filter(([, v]) => (TRUE_VALUES as readonly string[]).includes(v ?? '')).map(([k]) => k as Flag));
}

/** The preview server's message for a failed check: the pair at fault, quoted. */
function describe(check: QueryCheck, pairs: readonly [string, string | undefined][]): string {
  if (check.pattern === '%') return check.message;
  if (check.code === 'unknown-filter') {
    const [key = ''] = pairs.find(([k]) => !isFlag(k)) ?? [];
    return `unknown filter ${quoteShort(key)}; the filters are ${FLAGS.join(', ')}, in lowercase`;
  }
  if (check.code === 'invalid-filter-value') {
    const [key, value] =
      pairs.find(([, v]) => !([...TRUE_VALUES, ...FALSE_VALUES] as string[]).includes(v ?? '')) ?? [];
    const found = value === undefined ? 'no value' : quoteShort(value);
    return `the filter ${key} has ${found}; write true, 1, false or 0`;
  }
  const seen = new Set<string>();
  const [key] = pairs.find(([k]) => seen.size === seen.add(k).size) ?? [];
  return `the filter ${key} is given more than once`;
}
