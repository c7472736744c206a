/**
 * The errors of the request semantics (preview server and host rules), each with
 * its HTTP status, and their one JSON body:
 * `{"error":{"status":404,"code":"not-found","message":"..."}}`.
 * `code` values are stable; messages are for people.
 */
import { serialize } from '../model/json.js';
import { utf8 } from '../model/site.js';
import { ALLOWED_METHODS, REQUEST_LIMITS } from './limits.js';

/** Each error code of the API and its HTTP status (RFC 9110 section 15). */
export const HTTP_ERRORS = {
  'bad-request': 400,
  'invalid-path': 400,
  'invalid-query': 400,
  'invalid-json': 400,
  'not-an-object': 400,
  'too-deep': 400,
  'unknown-filter': 400,
  'invalid-filter-value': 400,
  'body-not-read': 400,
  'not-found': 404,
  'method-not-allowed': 405,
  'request-timeout': 408,
  'body-too-large': 413,
  'uri-too-long': 414,
  'headers-too-large': 431,
  'internal-error': 500,
} as const;

export type HttpErrorCode = keyof typeof HTTP_ERRORS;

/** The error codes, in `HTTP_ERRORS`' order. */
export const HTTP_ERROR_CODES = Object.keys(HTTP_ERRORS) as HttpErrorCode[];

export interface HttpError {
  readonly status: number;
  readonly code: HttpErrorCode;
  readonly message: string;
}

/** An error with `code`'s status and a message for people. */
export const httpError = (code: HttpErrorCode, message: string): HttpError => ({
  status: HTTP_ERRORS[code],
  code,
  message,
});

/** A size in bytes in words: `16 KiB` when a whole number of KiB (1024 bytes), else `100 bytes`. */
export const bytesInWords = (bytes: number): string =>
  bytes > 0 && bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;

/**
 * 413 (RFC 9110 section 15.5.14): the request's body is larger than
 * `maxBodyBytes` (default `REQUEST_LIMITS.maxBodyBytes`). The preview server,
 * the Worker and nginx answer with this one wording.
 */
export const bodyTooLarge = (maxBodyBytes: number = REQUEST_LIMITS.maxBodyBytes): HttpError =>
  httpError('body-too-large', `the body is larger than ${bytesInWords(maxBodyBytes)}`);

/** 404 for a URL where nothing is published, without naming it (hosts' error pages serve every URL). */
export const notPublished = (): HttpError => httpError('not-found', 'nothing is published at this URL');

/**
 * 405 (RFC 9110 section 15.5.6), naming the methods allowed (`ALLOWED_METHODS`)
 * and `method` when the answer knows it (the preview server, the request
 * semantics); a host's rule that does not see it leaves it out. The answer
 * carries `Allow`.
 */
export function methodNotAllowed(method?: string): HttpError {
  if (method === undefined)
    return httpError('method-not-allowed', `the method is not allowed; use ${ALLOWED_METHODS.join(', ')}`);
  const others = ALLOWED_METHODS.slice(0, -1).join(', ');
  return httpError(
    'method-not-allowed',
    `the method ${method} is not allowed; use ${others} or ${ALLOWED_METHODS.at(-1)}`,
  );
}

/** 500: the server failed; what failed is logged, never sent. */
export const serverFailed = (): HttpError => httpError('internal-error', 'the server failed');

/** The body every error response carries, compact JSON with a final newline. */
export function errorBody(e: HttpError): Uint8Array {
  const inner = new Map<string, string | number>([
    ['status', e.status],
    ['code', e.code],
    ['message', e.message],
  ]);
  return utf8(serialize(new Map([['error', inner]]), false));
}
