/** HTTP clients for the server tests: node:http for ordinary requests, raw sockets for what fetch would normalize. */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { createPreviewServer, type ServerLimits } from '../../scripts/adapters/server.js';
import type { Site } from '../../scripts/core/model/site.js';
import { USER_SERVICES_ONLY } from './user-services-kind.js';

export interface Reply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export interface RequestOptions {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
}

/** One request on a fresh connection; GET may carry a body, as the spec's clients send it. */
export function request(base: string, path: string, options: RequestOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    // Node's client sends a GET body with neither Content-Length nor chunking unless told the length.
    const length = options.body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(options.body)) };
    const req = httpRequest(`${base}${path}`, {
      method: options.method ?? 'GET',
      headers: { ...length, ...options.headers },
      agent: false,
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

export interface RawReply {
  /** Everything the server sent before closing or before the wait ended. */
  readonly text: string;
  /** The status of the first response, or 0 when none came. */
  readonly status: number;
  /** Whether the server closed the connection. */
  readonly closed: boolean;
}

/**
 * Sends bytes exactly as given on a new connection, then collects what comes
 * back until the server closes or `waitMs` passes. `write` may send more later.
 */
export function rawRequest(
  port: number,
  data: string | Buffer,
  options: { waitMs?: number; write?: (send: (chunk: string | Buffer) => boolean) => void } = {},
): Promise<RawReply> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      resolve({ text, status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), closed });
    };
    const timer = setTimeout(() => finish(false), options.waitMs ?? 2_000);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('close', () => finish(true));
    // A reset after the server answered and closed is still an answer.
    socket.on('error', () => finish(true));
    socket.write(data);
    options.write?.((chunk) => !socket.destroyed && socket.write(chunk));
  });
}

/** The body of a raw HTTP/1.1 response with a Content-Length. */
export const rawBody = (text: string): string => text.slice(text.indexOf('\r\n\r\n') + 4);

export async function startServer(site: Site, limits?: ServerLimits) {
  const server = createPreviewServer(site, USER_SERVICES_ONLY, limits);
  const { port } = await server.listen(0, '127.0.0.1');
  return { server, port, base: `http://127.0.0.1:${port}` };
}
