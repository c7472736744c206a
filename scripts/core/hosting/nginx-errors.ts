/**
 * nginx's answers that are not files of the site: its own errors and the 404,
 * each a JSON body written in the configuration (never read from the site, so
 * that they cannot fail), and its folder redirects made bodiless.
 */
import { commonHeaders, type Header } from '../serving/headers.js';
import {
  bodyTooLarge,
  errorBody,
  type HttpError,
  httpError,
  methodNotAllowed,
  serverFailed,
} from '../serving/http-error.js';
import { ALLOWED_METHODS } from '../serving/limits.js';
import { addHeaders, jsonTypes } from './nginx-parts.js';
import { CACHE_SHORT, NO_STORE, NOT_FOUND } from './policy.js';

/** A JSON error answered by nginx itself, with the headers of every response and the cache life given (none by default). */
export const jsonError = (
  e: HttpError,
  indent: string,
  extra: readonly Header[] = [],
  cache: string = NO_STORE,
): string[] => [
  ...addHeaders([...commonHeaders(cache), ...extra], indent),
  `${indent}return ${e.status} '${new TextDecoder().decode(errorBody(e))}';`,
];

/** nginx's 403 (a folder without an index, or a file its user may not read), as answered: a 404. */
export const UNREADABLE: HttpError = httpError('not-found', 'nothing can be served at this URL');

interface OwnError {
  /** The statuses nginx gives (494: its own for headers over its buffers). */
  readonly statuses: string;
  readonly error: HttpError;
  readonly cache: string;
}

/**
 * nginx's own errors, each a JSON body without nginx's name, with the status the
 * preview server gives the same request: an unknown Transfer-Encoding (501) or
 * HTTP version (505) is a 400 there, as Node's parser refuses both; headers over
 * nginx's buffers (its internal 494) a 431 (RFC 6585 section 5); 502 to 504
 * answer as 500. A missing file answers the site's 404 body, kept 5 minutes as
 * any file; a 403 (a folder without an index, or a file nginx's user may not
 * read) a 404 that no cache keeps, so that a site nginx cannot read is not
 * remembered as missing once its permissions are mended.
 */
const OWN_ERRORS: readonly OwnError[] = [
  { statuses: '400 501 505', error: httpError('bad-request', 'the request is not valid HTTP'), cache: NO_STORE },
  { statuses: '403', error: UNREADABLE, cache: NO_STORE },
  { statuses: '404', error: NOT_FOUND, cache: CACHE_SHORT },
  {
    statuses: '405',
    error: methodNotAllowed(),
    cache: NO_STORE,
  },
  {
    statuses: '413',
    error: bodyTooLarge(),
    cache: NO_STORE,
  },
  { statuses: '414', error: httpError('uri-too-long', 'the URL is too long'), cache: NO_STORE },
  { statuses: '494', error: httpError('headers-too-large', 'the request headers are too large'), cache: NO_STORE },
  { statuses: '500 502 503 504', error: serverFailed(), cache: NO_STORE },
];

/**
 * Each error page is an internal URI, not a named location: nginx cannot go to a
 * named location from an error found while reading the request line (a 400 for
 * `%00`), and would answer its own 500 instead.
 */
export const ownErrors = (): string[] =>
  OWN_ERRORS.flatMap(({ statuses, error: e, cache }) => {
    const uri = `/.user-services-errors/${statuses.split(' ')[0]}`;
    const allow: Header[] = e.status === 405 ? [['Allow', ALLOWED_METHODS.join(', ')]] : [];
    return [
      `error_page ${statuses} =${e.status} ${uri};`,
      `location = ${uri} {`,
      '    internal;',
      ...jsonTypes('    '),
      ...jsonError(e, '    ', allow, cache),
      '}',
    ];
  });

const REDIRECT_PAGE = '/.user-services-errors/redirect';

/**
 * nginx's redirect of a folder URL without its final slash (a 301 with an HTML
 * body naming nginx) answers as the preview server does: 308, the same
 * Location (query kept), no body. The error page keeps the Location nginx set.
 */
export const redirects = (): string[] => [
  `error_page 301 =308 ${REDIRECT_PAGE};`,
  `location = ${REDIRECT_PAGE} {`,
  '    internal;',
  '    types { } default_type "";',
  '    return 200 "";',
  '}',
];
