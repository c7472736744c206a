/**
 * The spec's JSON body on the list (`{"for_hg": true}`): which flags it sets.
 * Read by the preview server (and the Cloudflare Worker, which runs the same
 * request semantics); static hosts cannot read a body, and refuse a request
 * to a list that has one (`bodyNotRead`) rather than answer the whole list.
 */
import { quoteShort, showShort } from '../diagnostics/shorten.js';
import { FILTERS_FOLDER } from '../model/site-folders.js';
import { type HttpError, httpError } from './http-error.js';
import { REQUEST_LIMITS, UTF8_STRICT } from './limits.js';

/**
 * What a host that cannot read a request body answers a request to the list
 * of a kind filtered by `flags` (not empty) that has one (400): the filters
 * it reads instead, the first flag as the example.
 */
export function bodyNotRead(flags: readonly string[]): HttpError {
  const [flag] = flags;
  return httpError(
    'body-not-read',
    `this host reads the filters from the query string (?${flag}=true) or the filter paths (${FILTERS_FOLDER}/${flag}/), ` +
      'not from a request body; send the filters there and no body',
  );
}

/**
 * How a host sees that a request has a body without reading it (RFC 9112
 * section 6.3): a Content-Length with a digit other than 0, or any
 * Transfer-Encoding. Each is a header name and a regular expression its
 * value matches (JavaScript, PCRE and RE2 alike).
 */
export const BODY_SIGNS: readonly (readonly [header: string, pattern: string])[] = [
  ['Content-Length', '[1-9]'],
  ['Transfer-Encoding', '.'],
];

const unknownFilter = (key: string, flags: readonly string[]) =>
  httpError('unknown-filter', `unknown filter ${quote(key)}; the filters are ${flags.join(', ')}`);
/** A value of the request as messages show it: strings quoted, anything else as JSON, long ones shortened. */
const quote = (value: unknown): string => {
  if (typeof value === 'string') return quoteShort(value);
  return showShort(JSON.stringify(value) ?? String(value));
};

/**
 * The flags of `flags` (a kind's, not empty) the spec's JSON body sets to
 * true: `{"for_hg": true}`. An empty
 * body sets none. Returns the error (400) for a body that is not UTF-8 JSON,
 * nests deeper than `REQUEST_LIMITS.maxBodyDepth`, is not an object, names a
 * key twice (`invalid-json`: RFC 8259 section 4 leaves the meaning of repeated
 * names open, and the query refuses a repeated flag too), names an unknown
 * filter or gives one a value that is not a boolean.
 */
export function parseBodyFlags(body: Uint8Array, flags: readonly string[]): Set<string> | HttpError {
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
    return httpError('invalid-json', `the body is not valid JSON; send an object such as {"${flags[0]}": true}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return httpError(
      'not-an-object',
      `the body must be a JSON object such as {"${flags[0]}": true}, not ${quote(value)}`,
    );
  }
  const repeated = repeatedKey(text);
  if (repeated !== undefined) {
    return httpError('invalid-json', `the body names ${quote(repeated)} twice; give each filter once`);
  }
  const set = new Set<string>();
  for (const [key, v] of Object.entries(value)) {
    if (!flags.includes(key)) return unknownFilter(key, flags);
    if (typeof v !== 'boolean') {
      return httpError('invalid-filter-value', `the filter ${key} must be true or false, not ${quote(v)}`);
    }
    if (v) set.add(key);
  }
  return set;
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

/** The whitespace JSON allows between tokens (RFC 8259 section 2). */
const JSON_SPACE = ' \t\n\r';

/**
 * The first name the top-level object of valid JSON `text` gives twice, as
 * decoded (so `"for_hg"` and `"for\\u005fhg"` are the same name), or undefined.
 */
function repeatedKey(text: string): string | undefined {
  const seen = new Set<string>();
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const start = i;
      for (i++; text[i] !== '"'; i++) if (text[i] === '\\') i++;
      // A string at the top level followed by a colon is a name.
      let next = i + 1;
      while (JSON_SPACE.includes(text.charAt(next)) && next < text.length) next++;
      if (depth === 1 && text[next] === ':') {
        const name = JSON.parse(text.slice(start, i + 1)) as string;
        if (seen.has(name)) return name;
        seen.add(name);
      }
    } else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
  }
  return undefined;
}
