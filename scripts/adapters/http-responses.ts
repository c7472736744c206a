/**
 * HTTP/1.1 answers of the preview server, written on Node's response or, for
 * requests Node's parser refused, on the socket itself: the common headers,
 * strong ETags, conditional answers and the JSON error body of every 4xx and
 * 5xx (`core/serving/http-error.ts`).
 */
import { createHash } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { JSON_TYPE } from '../core/serving/content-types.js';
import { commonHeaders, type Header, PREFLIGHT_HEADERS } from '../core/serving/headers.js';
import { bodyTooLarge, errorBody, type HttpError, httpError } from '../core/serving/http-error.js';
import { ALLOWED_METHODS } from '../core/serving/limits.js';

/** Header names to values, as Node writes them. */
export type Headers = Record<string, string>;

/** The body of answers that have none. */
export const EMPTY = Buffer.alloc(0);

/** A strong validator: the content hash, the same for the same bytes on every run. */
export const etagOf = (bytes: Uint8Array): string =>
  `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 32)}"`;

/**
 * The headers of every answer: those every host sends (`core/serving/headers.ts`),
 * with the preview's own cache policy: a preview changes with every rebuild, so
 * clients revalidate with the ETag each time.
 */
const COMMON_HEADERS: Headers = {
  ...Object.fromEntries(commonHeaders('no-cache')),
  'Access-Control-Expose-Headers': 'ETag',
};

/**
 * Headers a resolution adds to a file's answer (a deprecated instance's), as
 * the preview writes them: the headers it exposes to browsers join the ETag.
 */
export function previewHeaders(extra: readonly Header[]): Headers {
  const out: Headers = Object.fromEntries(extra);
  const expose = out['Access-Control-Expose-Headers'];
  if (expose !== undefined)
    out['Access-Control-Expose-Headers'] = `${COMMON_HEADERS['Access-Control-Expose-Headers']}, ${expose}`;
  return out;
}

/** A preflight's answer: the hosts' preflight headers, and `Allow` (RFC 9110 10.2.1). */
export const PREVIEW_PREFLIGHT_HEADERS: Headers = {
  ...Object.fromEntries(PREFLIGHT_HEADERS),
  Allow: ALLOWED_METHODS.join(', '),
};

/** If-None-Match compares weakly (RFC 9110 13.1.2): `W/` is ignored, `*` matches any. */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}

/** The body, up to `limit` bytes; stops reading at the first byte beyond it. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large' | 'aborted'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        // Discard what is still in flight until the connection closes after the 413, rather
        // than leave it unread: a socket closed with unread data resets, losing the 413.
        req.resume();
        resolve('too-large');
      } else chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', () => resolve('aborted'));
    req.once('close', () => resolve(req.complete ? Buffer.concat(chunks) : 'aborted'));
  });
}

/** 413, and the connection closed. */
export function sendTooLarge(res: ServerResponse, maxBodyBytes: number, head: boolean): void {
  const e = bodyTooLarge(maxBodyBytes);
  // The rest of the body is never read: closing the connection is the only way to skip it.
  sendError(res, e, head, true);
}

/** The error's JSON body with its status; `close` closes the connection after it; `extra` headers added. */
export function sendError(res: ServerResponse, e: HttpError, head: boolean, close: boolean, extra: Headers = {}) {
  const body = Buffer.from(errorBody(e));
  const headers = { 'Content-Type': JSON_TYPE, ETag: etagOf(body), ...extra };
  send(res, e.status, close ? { ...headers, Connection: 'close' } : headers, body, head);
}

/**
 * Writes the answer with the common headers; no body for HEAD (`omitBody`);
 * no Content-Length and no Content-Type for 204 and 304, which have no content
 * (RFC 9110 sections 8.3, 8.6 and 15.4.5), as every host answers them.
 */
export function send(res: ServerResponse, status: number, headers: Headers, body: Buffer, omitBody: boolean) {
  const bodiless = status === 204 || status === 304;
  const { 'Content-Type': type, ...others } = headers;
  // HEAD carries the Content-Length and type of GET.
  const content = bodiless
    ? {}
    : { ...(type === undefined ? {} : { 'Content-Type': type }), 'Content-Length': String(body.length) };
  res.writeHead(status, { ...COMMON_HEADERS, ...others, ...content });
  res.end(omitBody ? undefined : body);
}

/** The bounds on a request's head that `headOverLimits` and `clientErrorOf` check. */
export interface HeadLimits {
  /** Bytes of the request line and headers together. */
  readonly maxHeaderBytes: number;
  /** Header fields, `Host` included. */
  readonly maxHeadersCount: number;
}

const headersTooLarge = (limits: HeadLimits) =>
  httpError('headers-too-large', `the request line and headers are larger than ${limits.maxHeaderBytes} bytes`);

/**
 * 431 when `req` has more header fields than `maxHeadersCount` (Node must keep
 * at least one more than the limit, or the extra ones vanish unseen), or when its
 * request line and headers, as sent without optional whitespace, hold more than
 * `maxHeaderBytes` bytes (RFC 9112 sections 3 and 5; RFC 6585 section 5).
 */
export function headOverLimits(req: IncomingMessage, limits: HeadLimits): HttpError | undefined {
  const fields = req.rawHeaders.length / 2;
  if (fields > limits.maxHeadersCount) {
    return httpError('headers-too-large', `the request has more than ${limits.maxHeadersCount} header fields`);
  }
  // Node gives the request line and headers as latin1 strings: one character per byte.
  let bytes = `${req.method} ${req.url} HTTP/${req.httpVersion}\r\n\r\n`.length;
  for (const field of req.rawHeaders) bytes += field.length + 2;
  return bytes > limits.maxHeaderBytes ? headersTooLarge(limits) : undefined;
}

/** The answer to a request Node's parser refused: 431 past the head's size, 408 too slow, 400 otherwise. */
export function clientErrorOf(err: Error & { code?: string }, limits: HeadLimits): HttpError {
  if (err.code === 'HPE_HEADER_OVERFLOW') return headersTooLarge(limits);
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return REQUEST_TIMEOUT;
  return httpError('bad-request', 'the request is not valid HTTP/1.1');
}

/** A request whose whole head and body did not arrive in time. */
export const REQUEST_TIMEOUT = httpError('request-timeout', 'the request took too long to arrive');

/**
 * Writes `e` as a JSON answer on the socket itself, with `extra` headers, then
 * closes the connection; only closes it when it can no longer be written. The
 * caller makes sure no other answer is being written on it.
 */
export function writeRawError(socket: Socket, e: HttpError, extra: Headers = {}) {
  if (socket.writable) {
    const body = errorBody(e);
    const head = [
      `HTTP/1.1 ${e.status} ${STATUS_CODES[e.status]}`,
      ...Object.entries({ ...COMMON_HEADERS, 'Content-Type': JSON_TYPE, ETag: etagOf(body), ...extra }).map(
        ([k, v]) => `${k}: ${v}`,
      ),
      `Content-Length: ${body.length}`,
      'Connection: close',
    ];
    socket.end(Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`), body]));
  } else socket.end();
  // A client that never closes its side does not keep the socket.
  setTimeout(() => socket.destroy(), 1_000).unref();
}
