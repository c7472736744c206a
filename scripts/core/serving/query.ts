/**
 * The one grammar of the list's query flags, for the preview server and every
 * host file (nginx, Caddy, CloudFront, Cloudflare Pages, Netlify). Hosts cannot
 * run this module, so the grammar is also given as regular expressions that
 * each host's configuration language takes as they are (JavaScript, PCRE for
 * nginx, RE2 for Caddy: anchors, classes, groups, alternation; no lookaround,
 * no back-references):
 *
 * - names are the kind's flags (the spec's for user services), lowercase:
 *   `FOR_HG` is not a flag (400 `unknown-filter`);
 * - values are `true` or `1` (filters), `false` or `0` (does not filter);
 *   anything else, or no value, is refused (400 `invalid-filter-value`);
 * - no percent-escapes: the names and values never need one, and a host that
 *   cannot decode them would read `%74rue` differently (400 `invalid-query`);
 * - each flag at most once (400 `invalid-query`); empty pairs (`&&`) are skipped;
 * - read on each kind's list, at its folder URL and at its `index.json` alike,
 *   with that kind's flags, and nowhere else (other files ignore their query,
 *   as static hosts do; so does the list of a kind without flags).
 *
 * A host that cannot check a query answers 400 rather than the whole list.
 */

import { quoteShort } from '../diagnostics/shorten.js';
import type { KindIdentity } from '../kinds/kind.js';
import { listRoot } from '../model/site.js';
import { type HttpError, type HttpErrorCode, httpError } from './http-error.js';
import { FALSE_VALUES, TRUE_VALUES } from './query-values.js';

export { FALSE_VALUES, TRUE_VALUES };

/** Every URL of a kind's list, each reading the query flags: its folder URL, then its file. */
export const listUrls = (kind: Pick<KindIdentity, 'name'>): readonly [folder: string, file: string] => {
  const folder = `/${listRoot(kind)}/`;
  return [folder, `${folder}index.json`];
};

/** One check of a raw query string (still percent-encoded, without `?`): refused when `pattern` matches, or when it does not. */
export interface QueryCheck {
  readonly pattern: string;
  readonly refuseWhen: 'match' | 'no-match';
  readonly code: HttpErrorCode;
  /** What a host answers; the preview server names the pair at fault. */
  readonly message: string;
}

/**
 * The checks of a query on a list filtered by `flags` (a kind's flags, in
 * their order; not empty), in the order they are made; the first that refuses
 * gives the error. Each is a regular expression source without flags.
 */
export function queryChecks(flags: readonly string[]): readonly QueryCheck[] {
  const names = `(?:${flags.join('|')})`;
  const values = `(?:${[...TRUE_VALUES, ...FALSE_VALUES].join('|')})`;
  return [
    {
      pattern: '%',
      refuseWhen: 'match',
      code: 'invalid-query',
      message: `the query string holds a % escape; write the filters as they are, such as ${flags[0]}=true`,
    },
    {
      pattern: `^&*(?:${names}(?:=[^&]*)?(?:&+|$))*$`,
      refuseWhen: 'no-match',
      code: 'unknown-filter',
      message: `the query string names an unknown filter; the filters are ${flags.join(', ')}, in lowercase`,
    },
    {
      pattern: `^&*(?:${names}=${values}(?:&+|$))*$`,
      refuseWhen: 'no-match',
      code: 'invalid-filter-value',
      message: 'a filter has a value other than true, 1, false or 0',
    },
    {
      pattern: `(?:^|&)(?:${flags.map((f) => `${f}=[^&]*&(?:[^&]*&)*${f}=`).join('|')})`,
      refuseWhen: 'match',
      code: 'invalid-query',
      message: 'a filter is given more than once',
    },
  ];
}

/** A kind's query grammar, made once (see `queryGrammar`) and read on every request to its list. */
export interface QueryGrammar {
  /** The kind's flags, in their order. */
  readonly flags: readonly string[];
  readonly checks: readonly QueryCheck[];
  /** Each check's pattern, compiled. */
  readonly tests: readonly RegExp[];
}

/** The query grammar of a list filtered by `flags` (not empty), its patterns compiled. */
export function queryGrammar(flags: readonly string[]): QueryGrammar {
  const checks = queryChecks(flags);
  return { flags, checks, tests: checks.map((c) => new RegExp(c.pattern)) };
}

/** The first check of `grammar` a raw query refuses, or undefined when it follows the grammar. */
export function failedCheck(query: string, grammar: QueryGrammar): QueryCheck | undefined {
  return grammar.checks.find((c, i) => (grammar.tests[i] as RegExp).test(query) === (c.refuseWhen === 'match'));
}

/** The error a host answers for a query the grammar refuses. */
export const checkError = (check: QueryCheck): HttpError => httpError(check.code, check.message);

/**
 * The flags a raw query string sets to true (`for_hg=true&for_cc=1`), or the
 * error of the first check of `grammar` it fails, with a message naming the
 * pair at fault.
 */
export function parseQueryFlags(query: string, grammar: QueryGrammar): Set<string> | HttpError {
  const failed = failedCheck(query, grammar);
  const pairs = query
    .split('&')
    .filter((p) => p !== '')
    .map((p): [string, string | undefined] => {
      const eq = p.indexOf('=');
      return eq < 0 ? [p, undefined] : [p.slice(0, eq), p.slice(eq + 1)];
    });
  if (failed !== undefined) return httpError(failed.code, describe(failed, pairs, grammar.flags));
  return new Set(pairs.filter(([, v]) => (TRUE_VALUES as readonly string[]).includes(v ?? '')).map(([k]) => k));
}

/** The preview server's message for a failed check: the pair at fault, quoted. */
function describe(check: QueryCheck, pairs: readonly [string, string | undefined][], flags: readonly string[]): string {
  if (check.pattern === '%') return check.message;
  if (check.code === 'unknown-filter') {
    const [key = ''] = pairs.find(([k]) => !flags.includes(k)) ?? [];
    return `unknown filter ${quoteShort(key)}; the filters are ${flags.join(', ')}, in lowercase`;
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
