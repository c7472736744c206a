/**
 * The preview server: answers the request semantics of `core/serving/request.ts` from a
 * site value held in memory. It never touches the file system, so no request
 * can reach a file outside the site, whatever its path says.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { isHtml } from '../core/hosting/policy.js';
import type { KindIdentity } from '../core/kinds/kind.js';
import type { Site } from '../core/model/site.js';
import { contentTypeOf } from '../core/serving/content-types.js';
import { CONTENT_SECURITY_POLICY } from '../core/serving/headers.js';
import { methodNotAllowed, serverFailed } from '../core/serving/http-error.js';
import { type Lifecycle, lifecycleOf } from '../core/serving/lifecycle.js';
import { ALLOWED_METHODS, REQUEST_LIMITS } from '../core/serving/limits.js';
import { type ServedLists, servedLists } from '../core/serving/lists.js';
import { resolveRequest } from '../core/serving/request.js';
import {
  clientErrorOf,
  EMPTY,
  etagOf,
  type Headers,
  headOverLimits,
  matchesEtag,
  PREVIEW_PREFLIGHT_HEADERS,
  previewHeaders,
  readBody,
  send,
  sendError,
  sendTooLarge,
} from './http-responses.js';
import { guardConnections } from './server-guard.js';

/** Bounds on what the preview server accepts, so that a hostile client costs little. */
export interface ServerLimits {
  readonly maxBodyBytes: number;
  /** Time to receive a whole request, body included; slower clients get 408. */
  readonly requestTimeoutMs: number;
  /** Time to receive the headers of a request. */
  readonly headersTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  /** Bytes of the request line and headers together; more gets 431. */
  readonly maxHeaderBytes: number;
  /** Header fields of a request, `Host` included; more gets 431. */
  readonly maxHeadersCount: number;
  /** Open connections at once; at the cap, a new one closes the least recently active (see server-guard.ts). */
  readonly maxConnections: number;
  /** Requests of one connection waiting for their answers; one more closes the connection. */
  readonly maxPipelined: number;
  /** Time a connection may go with answers to send and no byte of them taken by its client. */
  readonly writeTimeoutMs: number;
}

/** The limits `serve` uses: the request semantics' body limit, and timeouts in milliseconds. */
export const DEFAULT_LIMITS: ServerLimits = {
  maxBodyBytes: REQUEST_LIMITS.maxBodyBytes,
  requestTimeoutMs: 10_000,
  headersTimeoutMs: 5_000,
  keepAliveTimeoutMs: 5_000,
  maxHeaderBytes: REQUEST_LIMITS.maxHeaderBytes,
  maxHeadersCount: REQUEST_LIMITS.maxHeadersCount,
  maxConnections: 512,
  maxPipelined: 16,
  writeTimeoutMs: 10_000,
};

/** A running preview server, serving one site value at a time. */
export interface PreviewServer {
  /** Serves another site from the next request on; requests under way finish with the old one. */
  setSite(site: Site): void;
  listen(port: number, host: string): Promise<AddressInfo>;
  /** Stops listening and closes every connection. */
  close(): Promise<void>;
  /** Settles when the server has closed, for whatever reason. */
  readonly closed: Promise<void>;
}

interface Prepared {
  readonly body: Buffer;
  /** The headers of the file itself: its type, its validator, and the page's policy for HTML. */
  readonly headers: Headers;
  readonly etag: string;
}

interface Snapshot {
  readonly site: Site;
  /** The kinds' lists that read filters: the same for every site of the server, made once. */
  readonly lists: ServedLists;
  /** The headers of deprecated instances and the redirects of previous names, read from the site. */
  readonly lifecycle: Lifecycle;
  /** Each file as answered, made on its first request. */
  readonly files: Map<string, Prepared>;
}

/**
 * A site of 10,000 services holds 17 MB: hashing and copying all of it took 50
 * to 80 ms of every swap in `serve --watch`, most of it for files nobody asks
 * for before the next change. So each file is made ready on its first request,
 * and its bytes are answered as they are, not copied: a site is never changed.
 */
function prepare(site: Site, kinds: readonly KindIdentity[], lists: ServedLists, before?: Snapshot): Snapshot {
  const files = new Map<string, Prepared>();
  // Files the new site holds as the very same bytes keep what was made of them.
  for (const [path, file] of before?.files ?? []) {
    if (site.get(path) === before?.site.get(path)) files.set(path, file);
  }
  return { site, lists, files, lifecycle: lifecycleOf(site, kinds) };
}

function preparedFile(snapshot: Snapshot, path: string): Prepared | undefined {
  const known = snapshot.files.get(path);
  if (known !== undefined) return known;
  const bytes = snapshot.site.get(path);
  if (bytes === undefined) return undefined;
  const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const etag = etagOf(bytes);
  // The catalog page's policy, as every host sends it (its <meta> cannot carry frame-ancestors).
  const policy: Headers = isHtml(path) ? { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } : {};
  const file = { body, etag, headers: { 'Content-Type': contentTypeOf(path), ETag: etag, ...policy } };
  snapshot.files.set(path, file);
  return file;
}

/**
 * An HTTP/1.1 server answering the request semantics (`core/serving/`) from
 * `site`, held in memory, with the lists and files of `kinds`; not listening
 * until `listen` (which rejects with the listen error, such as EADDRINUSE).
 * Any failure while answering is a JSON 500, never a crash.
 */
export function createPreviewServer(
  site: Site,
  kinds: readonly KindIdentity[],
  limits: ServerLimits = DEFAULT_LIMITS,
): PreviewServer {
  const lists = servedLists(kinds);
  let current = prepare(site, kinds, lists);
  const server = createServer({
    requestTimeout: limits.requestTimeoutMs,
    headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    maxHeaderSize: limits.maxHeaderBytes,
    // Timeouts are checked at this interval; Node's default (30 s) would let slow clients linger.
    connectionsCheckingInterval: Math.min(1_000, Math.ceil(limits.requestTimeoutMs / 4)),
  });
  // Node drops the fields past its count unseen: it keeps one more than the limit, so that more can be refused.
  server.maxHeadersCount = limits.maxHeadersCount + 1;
  const guard = guardConnections(server, limits);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!guard.admit(req, res)) return;
    const overLimits = headOverLimits(req, limits);
    if (overLimits !== undefined) return sendError(res, overLimits, req.method === 'HEAD', true);
    answer(req, res, current, limits).catch(() => {
      if (!res.headersSent) sendError(res, serverFailed(), false, true);
      else res.destroy();
    });
  });
  server.on('clientError', (err: Error & { code?: string }, socket: Socket) =>
    guard.refuse(socket, clientErrorOf(err, limits)),
  );
  // CONNECT never reaches 'request': it is answered as any other method the API does not allow.
  server.on('connect', (req: IncomingMessage, socket: Socket) =>
    guard.refuse(socket, methodNotAllowed(req.method ?? 'CONNECT'), { Allow: ALLOWED_METHODS.join(', ') }),
  );
  const closed = new Promise<void>((resolve) => server.once('close', resolve));
  return {
    setSite(next) {
      current = prepare(next, kinds, lists, current);
    },
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve(server.address() as AddressInfo);
        });
      });
    },
    close() {
      server.close();
      server.closeAllConnections();
      return closed;
    },
    closed,
  };
}

async function answer(req: IncomingMessage, res: ServerResponse, snapshot: Snapshot, limits: ServerLimits) {
  const head = req.method === 'HEAD';
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limits.maxBodyBytes) return sendTooLarge(res, limits.maxBodyBytes, head);
  const body = await readBody(req, limits.maxBodyBytes);
  if (body === 'too-large') return sendTooLarge(res, limits.maxBodyBytes, head);
  if (body === 'aborted') return;
  const request = { method: req.method ?? '', target: req.url ?? '', body };
  const resolution = resolveRequest(request, snapshot.site, snapshot.lists, snapshot.lifecycle);
  switch (resolution.kind) {
    case 'error': {
      const allow: Headers =
        resolution.error.code === 'method-not-allowed' ? { Allow: ALLOWED_METHODS.join(', ') } : {};
      return sendError(res, resolution.error, head, false, allow);
    }
    case 'preflight':
      return send(res, 204, { ...PREVIEW_PREFLIGHT_HEADERS, ETag: etagOf(EMPTY) }, EMPTY, true);
    case 'redirect':
      return send(res, 308, { Location: resolution.location, ETag: etagOf(EMPTY) }, EMPTY, true);
    case 'file': {
      const file = preparedFile(snapshot, resolution.path);
      if (file === undefined) throw new Error(`resolved to a path outside the site: ${resolution.path}`);
      const headers = { ...file.headers, ...previewHeaders(resolution.headers) };
      if (matchesEtag(req.headers['if-none-match'], file.etag)) return send(res, 304, headers, EMPTY, true);
      return send(res, 200, headers, file.body, head);
    }
  }
}
