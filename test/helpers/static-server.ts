/** A tiny static file server on loopback, as a plain static host serves `dist/`. */
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
};

export interface StaticServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly origin: string;
  close(): Promise<void>;
}

/** What a folder URL answers, in order: most hosts' (nginx's `index`), and GitHub Pages', which has no index.json. */
export const FOLDER_INDEXES = ['index.html', 'index.json'] as const;
export const PAGES_INDEXES = ['index.html'] as const;

/** A folder URL answers the first of `indexes` it holds; anything else is a 404. */
async function resolveFile(root: string, urlPath: string, indexes: readonly string[]): Promise<string | undefined> {
  const path = normalize(join(root, decodeURIComponent(urlPath)));
  if (path !== root && !path.startsWith(root + sep)) return undefined;
  const candidates = urlPath.endsWith('/') ? indexes.map((name) => join(path, name)) : [path];
  for (const candidate of candidates) {
    const info = await stat(candidate).catch(() => undefined);
    if (info?.isFile()) return candidate;
  }
  return undefined;
}

/** Serves the files under `root` on loopback, each with `headers`; a folder URL answers the first of `indexes` it holds. */
export async function serveStatic(
  root: string,
  headers: Record<string, string> = {},
  indexes: readonly string[] = FOLDER_INDEXES,
): Promise<StaticServer> {
  const server: Server = createServer(async (request, response) => {
    const file = await resolveFile(normalize(root), new URL(request.url ?? '/', 'http://x').pathname, indexes);
    if (request.method !== 'GET' || file === undefined) {
      response.writeHead(request.method === 'GET' ? 404 : 405).end();
      return;
    }
    const body = await readFile(file);
    response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', ...headers });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
