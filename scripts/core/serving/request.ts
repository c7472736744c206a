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
 *   final slash is redirected (308) to the one with it. The files hosts read
 *   (`HOST_ONLY_FILES`: `_headers`, `_worker.js`, ...) are not found.
 * - On each kind's list (`lists.ts`), filters come from the query string and
 *   from the spec's JSON body, with that kind's flags (their grammar:
 *   `query.ts`); a flag true in either filters. The answer is the static
 *   filter file, so both give the same bytes as the built site.
 */

import { HOST_ONLY_PATHS, INDEX_FILES, type Site } from '../model/site.js';
import { parseBodyFlags } from './body.js';
import type { Header } from './headers.js';
import { type HttpError, httpError, methodNotAllowed } from './http-error.js';
import { type Lifecycle, NO_LIFECYCLE } from './lifecycle.js';
import { ALLOWED_METHODS, REQUEST_LIMITS, UTF8_STRICT } from './limits.js';
import { filteredListPath, type ServedLists } from './lists.js';
import { parseQueryFlags } from './query.js';

export interface ApiRequest {
  readonly method: string;
  /** The request target as sent: path and query, still percent-encoded. */
  readonly target: string;
  readonly body: Uint8Array;
}

export type Resolution =
  /** A file of the site, with the headers its answers add (a deprecated instance's: `lifecycle.ts`). */
  | { readonly kind: 'file'; readonly path: string; readonly headers: readonly Header[] }
  | { readonly kind: 'redirect'; readonly location: string }
  | { readonly kind: 'preflight' }
  | { readonly kind: 'error'; readonly error: HttpError };

const fail = (e: HttpError): Resolution => ({ kind: 'error', error: e });

/** What the request semantics ask of a site: whether a path is published (a Worker asks its host). */
export type SiteIndex = Pick<Site, 'has'>;

/**
 * What answers `request` from `site` (see the module's comment): a site path
 * with the headers `lifecycle` adds to it, a redirect (308) with its Location
 * (a folder URL without its slash, or a previous instance name of
 * `lifecycle`), a preflight, or the error. `lists` are the kinds' lists that
 * read filters (`servedLists(kinds)`, made once). Never throws.
 */
export function resolveRequest(
  request: ApiRequest,
  site: SiteIndex,
  lists: ServedLists,
  lifecycle: Lifecycle = NO_LIFECYCLE,
): Resolution {
  if (!(ALLOWED_METHODS as readonly string[]).includes(request.method)) {
    return fail(methodNotAllowed(request.method));
  }
  const target = splitTarget(request.target);
  if ('code' in target) return fail(target);
  if (request.method === 'OPTIONS') return { kind: 'preflight' };
  const moved = lifecycle.redirects.get(target.path);
  const found: Resolution = moved === undefined ? locate(target.path, site) : { kind: 'redirect', location: moved };
  if (found.kind !== 'file') {
    return found.kind === 'redirect' && target.query !== ''
      ? { kind: 'redirect', location: `${found.location}?${target.query}` }
      : found;
  }
  const list = lists.get(found.path);
  if (list === undefined) return { ...found, headers: lifecycle.headers.get(found.path) ?? [] };
  const fromQuery = parseQueryFlags(target.query, list.grammar);
  if ('code' in fromQuery) return fail(fromQuery);
  const fromBody = parseBodyFlags(request.body, list.kind.flags);
  if ('code' in fromBody) return fail(fromBody);
  return { kind: 'file', path: filteredListPath(list, new Set([...fromQuery, ...fromBody])), headers: [] };
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
    path = UTF8_STRICT.decode(percentDecode(rawPath));
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
  if (HOST_ONLY_PATHS.includes(key)) return fail(httpError('not-found', `nothing is published at ${path}`));
  const folderIndex = (folder: string) => INDEX_FILES.map((i) => folder + i).find((p) => site.has(p));
  if (key === '' || key.endsWith('/')) {
    const index = folderIndex(key);
    if (index !== undefined) return { kind: 'file', path: index, headers: [] };
  } else if (site.has(key)) {
    return { kind: 'file', path: key, headers: [] };
  } else if (folderIndex(`${key}/`) !== undefined) {
    return { kind: 'redirect', location: `${encodePath(path)}/` };
  }
  return fail(httpError('not-found', `nothing is published at ${path}`));
}

// Every character a site path may hold outside this set is escaped, so the Location is plain ASCII.
const encodePath = (path: string): string => path.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/]/g, encodeURIComponent);
