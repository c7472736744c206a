/**
 * The errors of the request semantics (preview server and host rules), each with
 * its HTTP status, and their one JSON body:
 * `{"error":{"status":404,"code":"not-found","message":"..."}}`.
 * `code` values are stable; messages are for people.
 */
import { serialize } from '../model/json.js';
import { utf8 } from '../model/site.js';

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

/** The body every error response carries, compact JSON with a final newline. */
export function errorBody(e: HttpError): Uint8Array {
  const inner = new Map<string, string | number>([
    ['status', e.status],
    ['code', e.code],
    ['message', e.message],
  ]);
  return utf8(serialize(new Map([['error', inner]]), false));
}
