/**
 * The Cloudflare Pages Worker (`_worker.js`, advanced mode): every request
 * runs the request semantics of the preview server (`resolveRequest` of
 * core/serving, bundled in), and the files come from the site's static
 * assets (`env.ASSETS.fetch`). So Pages answers like `serve`: the query
 * grammar and the spec's JSON body on the list, 405 for other methods, CORS
 * preflights, 308 to folder URLs, the JSON 404, and `.gz`/`.br` copies typed
 * as what they are. Headers are the Worker's own (`_headers` does not apply
 * to a Worker's responses).
 *
 * The bundler builds it to text (`build-worker.mjs`) and the emit step
 * publishes that text as `_worker.js`, with the site's kinds before it.
 */
import { CACHE_REVALIDATE, isHtml, NO_STORE } from '../core/hosting/policy.js';
import type { KindIdentity } from '../core/kinds/kind.js';
import { contentTypeOf, JSON_TYPE } from '../core/serving/content-types.js';
import { CONTENT_SECURITY_POLICY, commonHeaders, type Header, PREFLIGHT_HEADERS } from '../core/serving/headers.js';
import { bodyTooLarge, errorBody, type HttpError, notPublished, serverFailed } from '../core/serving/http-error.js';
import { type Lifecycle, lifecycleFrom, lifecyclePaths } from '../core/serving/lifecycle.js';
import { ALLOWED_METHODS, REQUEST_LIMITS } from '../core/serving/limits.js';
import { servedLists } from '../core/serving/lists.js';
import { resolveRequest } from '../core/serving/request.js';

interface Env {
  readonly ASSETS: { fetch(request: Request): Promise<Response> };
}

/** The URL the static assets answer a site path at: Pages serves `x.html` at `x` and `x/index.html` at `x/`. */
const assetPath = (path: string): string => `/${path.replace(/(^|\/)index\.html$/, '$1').replace(/\.html$/, '')}`;

/**
 * The kinds of the site the Worker serves (their names and flags): the emit
 * step writes them at the top of `_worker.js` (`emit/host-files/cloudflare-worker.ts`),
 * so the Worker serves the kinds of the build that published it.
 */
declare const SERVED_KINDS: readonly KindIdentity[];

/** The lists of the kinds the Worker serves, each reading its own filters: made once per isolate. */
const LISTS = servedLists(SERVED_KINDS);

/**
 * The site's life cycle (deprecated instances' headers, previous names'
 * redirects), read once per isolate from each kind's `_deprecations/` and
 * `_renames/`: a deploy starts new isolates, so it always matches the files served.
 */
let lifecycle: Promise<Lifecycle> | undefined;

async function readLifecycle(origin: string, env: Env): Promise<Lifecycle> {
  const read = async (path: string): Promise<unknown> => {
    const r = await env.ASSETS.fetch(new Request(new URL(assetPath(path), origin)));
    return r.status === 200 ? await r.json() : null;
  };
  const files = SERVED_KINDS.map(async (kind) => {
    const paths = lifecyclePaths(kind);
    return { kind, deprecations: await read(paths.deprecations), renames: await read(paths.renames) };
  });
  return lifecycleFrom(await Promise.all(files));
}

function lifecycleFor(origin: string, env: Env): Promise<Lifecycle> {
  lifecycle ??= readLifecycle(origin, env).catch((e: unknown) => {
    lifecycle = undefined;
    throw e;
  });
  return lifecycle;
}

/**
 * Which of the paths the request semantics ask about are published, asking
 * the assets once per path; the semantics are run again until they ask
 * nothing new (at most a few rounds: the path, its folder index, a filter).
 */
async function resolve(method: string, target: string, body: Uint8Array, origin: string, env: Env) {
  const known = new Map<string, boolean>();
  const cycle = await lifecycleFor(origin, env);
  for (;;) {
    const asked: string[] = [];
    const has = (p: string): boolean => {
      const seen = known.get(p);
      if (seen === undefined) asked.push(p);
      return seen ?? false;
    };
    const site = { has };
    const answer = resolveRequest({ method, target, body }, site, LISTS, cycle);
    if (asked.length === 0) return answer;
    for (const p of asked) {
      const r = await env.ASSETS.fetch(new Request(new URL(assetPath(p), origin), { method: 'HEAD' }));
      known.set(p, r.status === 200);
    }
  }
}

const headersOf = (list: readonly Header[]) => new Headers(list.map(([n, v]): [string, string] => [n, v]));

function errorResponse(e: HttpError, head: boolean): Response {
  const extra: Header[] = e.status === 405 ? [['Allow', ALLOWED_METHODS.join(', ')]] : [];
  const cache = e.status === 404 ? CACHE_REVALIDATE : NO_STORE;
  const headers = headersOf([...commonHeaders(cache), ['Content-Type', JSON_TYPE], ...extra]);
  return new Response(head ? null : new TextDecoder().decode(errorBody(e)), { status: e.status, headers });
}

/** The body of the request, at most the preview server's limit (413 beyond). */
async function readBody(request: Request): Promise<Uint8Array | HttpError> {
  if (request.body === null) return new Uint8Array();
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.length > REQUEST_LIMITS.maxBodyBytes) {
    return bodyTooLarge();
  }
  return bytes;
}

async function answer(request: Request, env: Env): Promise<Response> {
  const url = new URL(request.url);
  const head = request.method === 'HEAD';
  const body = await readBody(request);
  if ('code' in body) return errorResponse(body, head);
  const r = await resolve(request.method, url.pathname + url.search, body, url.origin, env);
  if (r.kind === 'error') return errorResponse(r.error, head);
  if (r.kind === 'preflight') {
    return new Response(null, { status: 204, headers: headersOf([...commonHeaders(NO_STORE), ...PREFLIGHT_HEADERS]) });
  }
  if (r.kind === 'redirect') {
    const headers = headersOf([...commonHeaders(CACHE_REVALIDATE), ['Location', r.location]]);
    return new Response(null, { status: 308, headers });
  }
  const conditional = request.headers.get('If-None-Match');
  const init = conditional === null ? {} : { headers: { 'If-None-Match': conditional } };
  const file = await env.ASSETS.fetch(new Request(new URL(assetPath(r.path), url.origin), init));
  if (file.status !== 200 && file.status !== 304) return errorResponse(notPublished(), head);
  // A 304 has no body, so no Content-Type (RFC 9110 section 15.4.5), as nginx and Caddy answer it.
  const type: Header[] = file.status === 304 ? [] : [['Content-Type', contentTypeOf(r.path)]];
  const headers = headersOf([...commonHeaders(CACHE_REVALIDATE), ...type, ...r.headers]);
  if (isHtml(r.path)) headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  const etag = file.headers.get('ETag');
  if (etag !== null) headers.set('ETag', etag);
  return new Response(head || file.status === 304 ? null : file.body, { status: file.status, headers });
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    try {
      return await answer(request, env);
    } catch {
      return errorResponse(serverFailed(), request.method === 'HEAD');
    }
  },
};
