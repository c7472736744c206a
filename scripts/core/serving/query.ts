/**
 * The filters' grammar: which flags a request to the list sets, from its query
 * string (`for_hg=true&for_cc=1`; `false`, `0` or absent leave a flag unset)
 * or from the spec's JSON body (`{"for_hg": true}`). The request semantics
 * (`request.ts`) read it, and every host's rules (nginx, Caddy, CloudFront,
 * Netlify's redirects) are generated from the same values, so they cannot
 * drift apart.
 */
import { quoteShort, showShort } from '../diagnostics/shorten.js';
import { FLAGS, type Flag } from '../model/service.js';
import { type HttpError, httpError } from './http-error.js';
import { REQUEST_LIMITS, UTF8_STRICT } from './limits.js';

/** Query values that set a filter. */
export const TRUE_VALUES = ['true', '1'] as const;
/** Query values that leave a filter unset, as its absence does. */
export const FALSE_VALUES = ['false', '0'] as const;

/** The filter flags in the canonical order of the filter paths. */
export const FILTER_FLAGS: readonly Flag[] = FLAGS;

const flagList = FILTER_FLAGS.join(', ');

const isFlag = (key: string): key is Flag => (FILTER_FLAGS as readonly string[]).includes(key);
const unknownFilter = (key: string) =>
  httpError('unknown-filter', `unknown filter ${quote(key)}; the filters are ${flagList}`);
/** A value of the request as messages show it: strings quoted, anything else as JSON, long ones shortened. */
const quote = (value: unknown): string => {
  if (typeof value === 'string') return quoteShort(value);
  return showShort(JSON.stringify(value) ?? String(value));
};

/**
 * The flags a query string sets to true: `for_hg=true&for_cc=1`. Returns the
 * error (400 `invalid-query`, `unknown-filter`, `invalid-filter-value`) for
 * an escape that is not UTF-8, an unknown or repeated filter, or another value.
 */
export function parseQueryFlags(query: string): Set<Flag> | HttpError {
  const flags = new Set<Flag>();
  const seen = new Set<string>();
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    let key: string;
    let value: string | undefined;
    try {
      key = decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq));
      value = eq < 0 ? undefined : decodeURIComponent(pair.slice(eq + 1));
    } catch {
      return httpError('invalid-query', 'the query string holds an escape that is not UTF-8');
    }
    if (!isFlag(key)) return unknownFilter(key);
    if (seen.has(key)) return httpError('invalid-query', `the filter ${key} is given more than once`);
    seen.add(key);
    if (value !== undefined && (TRUE_VALUES as readonly string[]).includes(value)) flags.add(key);
    else if (value === undefined || !(FALSE_VALUES as readonly string[]).includes(value)) {
      const found = value === undefined ? 'no value' : quote(value);
      return httpError('invalid-filter-value', `the filter ${key} has ${found}; write true, 1, false or 0`);
    }
  }
  return flags;
}

/**
 * The flags the spec's JSON body sets to true: `{"for_hg": true}`. An empty
 * body sets none. Returns the error (400) for a body that is not UTF-8 JSON,
 * nests deeper than `REQUEST_LIMITS.maxBodyDepth`, is not an object, names an
 * unknown filter or gives one a value that is not a boolean.
 */
export function parseBodyFlags(body: Uint8Array): Set<Flag> | HttpError {
  let text: string;
  try {
    text = UTF8_STRICT.decode(body);
  } catch {
    return httpError('invalid-json', 'the body is not UTF-8 text');
  }
  if (text.trim() === '') return new Set();
  if (nestingDepth(text) > REQUEST_LIMITS.maxBodyDepth) {
    return httpError('too-deep', `the body nests deeper than ${REQUEST_LIMITS.maxBodyDepth} levels`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Not the parser's own message: it varies between Node versions and echoes the body.
    return httpError('invalid-json', 'the body is not valid JSON; send an object such as {"for_hg": true}');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return httpError('not-an-object', `the body must be a JSON object such as {"for_hg": true}, not ${quote(value)}`);
  }
  const flags = new Set<Flag>();
  for (const [key, v] of Object.entries(value)) {
    if (!isFlag(key)) return unknownFilter(key);
    if (typeof v !== 'boolean') {
      return httpError('invalid-filter-value', `the filter ${key} must be true or false, not ${quote(v)}`);
    }
    if (v) flags.add(key);
  }
  return flags;
}

/** How deep brackets nest in JSON text, strings skipped; bounds the work of parsing hostile bodies. */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') max = Math.max(max, ++depth);
    else if (c === ']' || c === '}') depth--;
  }
  return max;
}
