/**
 * The request semantics of the API, pure: from a method, a request target and a
 * body to the site path that answers, or to the error. The preview server uses
 * it as is; host rules (nginx, Netlify, ...) implement the same table.
 *
 * - GET, HEAD and OPTIONS only (405 otherwise).
 * - The path is percent-decoded once, as UTF-8; encoded dots, slashes,
 *   backslashes and NUL, dot segments, control characters and invalid UTF-8
 *   are refused (400): no path can name anything outside the site.
 * - A folder URL (`.../`) answers its `index.json`; a folder URL without its
 *   final slash is redirected (308) to the one with it.
 * - On the list (its folder URL or its `index.json`), filters come from the
 *   query string, in the one grammar of `query.ts` that every host follows
 *   too, and from the spec's JSON body (`{"for_hg": true}`); a flag true in
 *   either filters. The answer is the
 *   static filter file, so both give the same bytes as the built site.
 */

import { quoteShort, showShort } from '../diagnostics/shorten.js';
import { FLAGS, type Flag } from '../model/service.js';
import { filterPath, INDEX_FILES, listPath, type Site } from '../model/site.js';
import { type HttpError, httpError } from './http-error.js';
import { parseQueryFlags } from './query.js';

export { parseQueryFlags };

/** The filter flags in the canonical order of the filter paths. */
export const FILTER_FLAGS: readonly Flag[] = FLAGS;

export const ALLOWED_METHODS = ['GET', 'HEAD', 'OPTIONS'] as const;

export const REQUEST_LIMITS = {
  /** Longest request target (path and query) in bytes. */
  maxTargetLength: 2048,
  /** Largest request body in bytes; the spec's body is a few dozen. */
  maxBodyBytes: 16 * 1024,
  /** Deepest nesting of arrays and objects in a body, checked before parsing. */
  maxBodyDepth: 8,
} as const;

export interface ApiRequest {
  readonly method: string;
  /** The request target as sent: path and query, still percent-encoded. */
  readonly target: string;
  readonly body: Uint8Array;
}

export type Resolution =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'redirect'; readonly location: string }
  | { readonly kind: 'preflight' }
  | { readonly kind: 'error'; readonly error: HttpError };

const fail = (e: HttpError): Resolution => ({ kind: 'error', error: e });

/** The site path of the list, or of the filter file of the flags that are set. */
export function filteredListPath(flags: ReadonlySet<Flag>): string {
  const set = FILTER_FLAGS.filter((f) => flags.has(f));
  return set.length === 0 ? listPath() : filterPath(set);
}

/** What the request semantics ask of a site: whether a path is published (a Worker asks its host). */
export type SiteIndex = Pick<Site, 'has'>;

/** The answer to a request: the site path that answers it, a redirect, a preflight, or the error. */
export function resolveRequest(request: ApiRequest, site: SiteIndex): Resolution {
  if (!(ALLOWED_METHODS as readonly string[]).includes(request.method)) {
    return fail(
      httpError('method-not-allowed', `the method ${request.method} is not allowed; use GET, HEAD or OPTIONS`),
    );
  }
  const target = splitTarget(request.target);
  if ('code' in target) return fail(target);
  if (request.method === 'OPTIONS') return { kind: 'preflight' };
  const found = locate(target.path, site);
  if (found.kind !== 'file') {
    return found.kind === 'redirect' && target.query !== ''
      ? { kind: 'redirect', location: `${found.location}?${target.query}` }
      : found;
  }
  if (found.path !== listPath()) return found;
  const fromQuery = parseQueryFlags(target.query);
  if ('code' in fromQuery) return fail(fromQuery);
  const fromBody = parseBodyFlags(request.body);
  if ('code' in fromBody) return fail(fromBody);
  return { kind: 'file', path: filteredListPath(new Set([...fromQuery, ...fromBody])) };
}

interface Target {
  /** The decoded path, starting with `/`. */
  readonly path: string;
  /** The raw query string, without `?`. */
  readonly query: string;
}

// RFC 3986 path characters, raw or percent-encoded; anything else is refused as sent.
const PATH_CHARS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*$/;
const QUERY_CHARS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]*$/;
const ESCAPE = /%(?![0-9A-Fa-f]{2})/;
// Encoded dot, slash, backslash or NUL: legitimate paths of the site never need them.
const ENCODED_SEPARATOR = /%(2e|2f|5c|00)/i;
const ABSOLUTE_FORM = /^https?:\/\/[^/?#]*/i;
const utf8Strict = new TextDecoder('utf-8', { fatal: true });

function splitTarget(raw: string): Target | HttpError {
  if (raw.length > REQUEST_LIMITS.maxTargetLength) {
    return httpError('uri-too-long', `the URL is longer than ${REQUEST_LIMITS.maxTargetLength} characters`);
  }
  const target = raw.replace(ABSOLUTE_FORM, '');
  const q = target.indexOf('?');
  const rawPath = q < 0 ? target : target.slice(0, q);
  const query = q < 0 ? '' : target.slice(q + 1);
  const invalid = (why: string) => httpError('invalid-path', `the path is not valid: ${why}`);
  if (!rawPath.startsWith('/')) return invalid('it must start with /');
  if (!PATH_CHARS.test(rawPath)) return invalid('it holds a character that must not appear in a URL path');
  if (ESCAPE.test(rawPath)) return invalid('it holds a % that does not start an escape like %41');
  if (ENCODED_SEPARATOR.test(rawPath)) return invalid('it holds an encoded dot, slash, backslash or NUL');
  if (!QUERY_CHARS.test(query) || ESCAPE.test(query)) {
    return httpError('invalid-query', 'the query string holds a character that must not appear in a URL');
  }
  let path: string;
  try {
    path = utf8Strict.decode(percentDecode(rawPath));
  } catch {
    return invalid('its escapes are not UTF-8');
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused here
  if (/[\u0000-\u001f\u007f-\u009f\\]/.test(path)) return invalid('it holds a control character or a backslash');
  if (path.split('/').some((s) => s === '.' || s === '..')) return invalid('it holds a . or .. segment');
  return { path, query };
}

/** The bytes an ASCII path with valid escapes stands for. */
function percentDecode(raw: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === '%') {
      bytes.push(Number.parseInt(raw.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(raw.charCodeAt(i));
    }
  }
  return Uint8Array.from(bytes);
}

function locate(path: string, site: SiteIndex): Resolution {
  const key = path.slice(1);
  const folderIndex = (folder: string) => INDEX_FILES.map((i) => folder + i).find((p) => site.has(p));
  if (key === '' || key.endsWith('/')) {
    const index = folderIndex(key);
    if (index !== undefined) return { kind: 'file', path: index };
  } else if (site.has(key)) {
    return { kind: 'file', path: key };
  } else if (folderIndex(`${key}/`) !== undefined) {
    return { kind: 'redirect', location: `${encodePath(path)}/` };
  }
  return fail(httpError('not-found', `nothing is published at ${path}`));
}

// Every character a site path may hold outside this set is escaped, so the Location is plain ASCII.
const encodePath = (path: string): string => path.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/]/g, encodeURIComponent);

const flagList = FILTER_FLAGS.join(', ');

const isFlag = (key: string): key is Flag => (FILTER_FLAGS as readonly string[]).includes(key);
const unknownFilter = (key: string) =>
  httpError('unknown-filter', `unknown filter ${quote(key)}; the filters are ${flagList}`);
/** A value of the request as messages show it: strings quoted, anything else as JSON, long ones shortened. */
const quote = (value: unknown): string => {
  if (typeof value === 'string') return quoteShort(value);
  return showShort(JSON.stringify(value) ?? String(value));
};

/** The flags the spec's JSON body sets to true: `{"for_hg": true}`. An empty body sets none. */
export function parseBodyFlags(body: Uint8Array): Set<Flag> | HttpError {
  let text: string;
  try {
    text = utf8Strict.decode(body);
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

const TYPES: Record<string, string> = {
  json: 'application/json',
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
  txt: 'text/plain; charset=utf-8',
  xml: 'application/xml',
  png: 'image/png',
  ico: 'image/x-icon',
  webmanifest: 'application/manifest+json',
  // Precompressed copies: never labelled as what they decompress to.
  gz: 'application/gzip',
};

/** The Content-Type of a site file, by its extension. */
export function contentTypeOf(path: string): string {
  const dot = path.lastIndexOf('.');
  const ext = dot < 0 ? '' : path.slice(dot + 1).toLowerCase();
  return TYPES[ext] ?? 'application/octet-stream';
}
