/**
 * S3 + CloudFront on loopback, as the hosting files configure them: a bucket
 * holding the objects `s3/upload.sh` uploads (its exclusions, Content-Type and
 * Cache-Control per object), and in front of it the generated CloudFront
 * Functions run as CloudFront runs them (Node's vm, the cloudfront-js-2.0
 * event shape), with what CloudFront itself does around them, each from its
 * documentation (Developer Guide):
 *
 * - a GET with a body is refused with 403 before any function runs
 *   ("Request and response behavior for Amazon S3 origins", GET requests that
 *   include a body); so is a method CloudFront does not forward (HTTP 403,
 *   Invalid method);
 * - an answer the viewer-request function gives is sent as is;
 * - the origin (S3 with origin access control, no ListBucket) answers a
 *   missing key 403; the custom error responses of `hosting/README.md` map
 *   403 and 404 to `/404.json` with status 404;
 * - S3 answers a GET holding the object's ETag in If-None-Match with 304
 *   (Amazon S3 API Reference, GetObject), which the viewer-response function sees;
 * - no viewer-response function runs when the origin answers 400 or more
 *   ("Restrictions on all edge functions", HTTP status codes), custom error
 *   pages included.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runInNewContext } from 'node:vm';
import { viewerRequestFunction, viewerResponseFunction } from '../../scripts/core/hosting/cloudfront.js';
import { CACHE_SHORT, NOT_FOUND_PATH } from '../../scripts/core/hosting/policy.js';
import { S3_EXCLUDED, type S3Pass, s3Passes } from '../../scripts/core/hosting/s3.js';
import { lifecycleOf } from '../../scripts/core/serving/lifecycle.js';
import type { Running } from './program.js';
import { USER_SERVICES_ONLY } from './user-services-kind.js';

interface S3Object {
  readonly body: Uint8Array;
  readonly type: string;
  readonly cache: string;
}

type Headers = Record<string, { value: string }>;
interface FunctionResponse {
  statusCode: number;
  headers?: Headers;
  body?: { data: string };
}
type Handler = (event: unknown) => FunctionResponse & { uri?: string };

/** The methods a distribution can forward (all seven chosen, so the function answers 405 for the others). */
const CLOUDFRONT_METHODS = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'];
/** CloudFront's own refusals: a short text it writes itself. */
const CLOUDFRONT_403 = 'The request could not be satisfied.\n';

/** What `aws s3 sync` guesses for the files uploaded without --content-type (Python's mimetypes). */
const GUESSED: Readonly<Record<string, string>> = {
  html: 'text/html',
  css: 'text/css',
  js: 'text/javascript',
  svg: 'image/svg+xml',
  txt: 'text/plain',
  atom: 'application/atom+xml',
};

/** `aws s3 sync`'s filter: `*` any characters, `/` included; the whole relative path. */
const matches = (pattern: string, path: string) =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(path);

/** Whether a pass's filters select `path`: the last filter that matches it decides, and a path no filter matches is selected. */
const selects = (pass: S3Pass, path: string): boolean =>
  pass.filters.reduce((selected, [kind, glob]) => (matches(glob, path) ? kind === 'include' : selected), true);

/**
 * The bucket's objects, as s3/upload.sh uploads `site`, all with CACHE_SHORT: each
 * with the Content-Type of the first pass that selects it, or the one `aws s3 sync`
 * guesses when that pass gives none.
 */
export function bucketOf(site: ReadonlyMap<string, Uint8Array>): Map<string, S3Object> {
  const bucket = new Map<string, S3Object>();
  const passes = s3Passes(USER_SERVICES_ONLY);
  for (const [path, body] of site) {
    if (S3_EXCLUDED.some((p) => matches(p, path))) continue;
    const ext = path.slice(path.lastIndexOf('.') + 1);
    const type = passes.find((p) => selects(p, path))?.contentType ?? GUESSED[ext] ?? 'binary/octet-stream';
    bucket.set(path, { body, type, cache: CACHE_SHORT });
  }
  return bucket;
}

const load = (source: string): Handler => runInNewContext(`${source}\nhandler;`) as Handler;

/** The query string as CloudFront gives it to a function: values kept encoded, repeats in multiValue. */
function querystring(raw: string): Record<string, { value: string; multiValue?: { value: string }[] }> {
  const out: Record<string, { value: string; multiValue?: { value: string }[] }> = {};
  for (const pair of raw.split('&').filter((p) => p !== '')) {
    const eq = pair.indexOf('=');
    const [name, value] = eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
    const seen = out[name];
    if (seen === undefined) out[name] = { value };
    else out[name] = { value: seen.value, multiValue: [...(seen.multiValue ?? [{ value: seen.value }]), { value }] };
  }
  return out;
}

function send(res: ServerResponse, status: number, headers: Headers, body: Uint8Array | string, head: boolean) {
  for (const [name, { value }] of Object.entries(headers)) res.setHeader(name, value);
  res.writeHead(status);
  res.end(head ? undefined : body);
}

/** The two functions as the build writes them for a site (with its life cycle's redirects and headers). */
interface Functions {
  readonly request: Handler;
  readonly response: Handler;
}

/** One request through CloudFront to the bucket. */
function answer(
  req: IncomingMessage,
  hasBody: boolean,
  bucket: Map<string, S3Object>,
  res: ServerResponse,
  fns: Functions,
) {
  const method = req.method ?? '';
  const head = method === 'HEAD';
  if (!CLOUDFRONT_METHODS.includes(method) || (method === 'GET' && hasBody)) {
    return send(res, 403, { 'content-type': { value: 'text/plain' } }, CLOUDFRONT_403, head);
  }
  const target = req.url ?? '/';
  const q = target.indexOf('?');
  const headers: Headers = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name] = { value: String(value) };
  const request = {
    method,
    uri: q < 0 ? target : target.slice(0, q),
    querystring: querystring(q < 0 ? '' : target.slice(q + 1)),
    headers,
    cookies: {},
  };
  const event = { version: '1.0', context: { eventType: 'viewer-request' }, viewer: { ip: '127.0.0.1' }, request };
  const out = fns.request(event);
  if (typeof out.statusCode === 'number')
    return send(res, out.statusCode, out.headers ?? {}, out.body?.data ?? '', head);
  let key: string | undefined;
  try {
    key = decodeURIComponent((out.uri ?? '/').slice(1));
  } catch {}
  const object = key === undefined ? undefined : bucket.get(key);
  if (object === undefined) {
    // A custom error response: the 404 object with status 404, and no viewer-response function.
    const page = bucket.get(NOT_FOUND_PATH) as S3Object;
    const pageHeaders = { 'content-type': { value: page.type }, 'cache-control': { value: page.cache } };
    return send(res, 404, pageHeaders, page.body, head);
  }
  // S3's ETag of an object uploaded in one part: the MD5 of its bytes. A request holding it
  // is answered 304 (GetObject, If-None-Match), bodiless: ETag and Cache-Control, no Content-Type.
  const etag = `"${createHash('md5').update(object.body).digest('hex')}"`;
  const cached = (req.headers['if-none-match'] ?? '').split(/, */).includes(etag);
  const typed: Headers = cached ? {} : { 'content-type': { value: object.type } };
  const response = {
    statusCode: cached ? 304 : 200,
    headers: { ...typed, etag: { value: etag }, 'cache-control': { value: object.cache } } as Headers,
  };
  const viewed = fns.response({ version: '1.0', context: { eventType: 'viewer-response' }, request, response });
  return send(res, viewed.statusCode, viewed.headers ?? {}, cached ? '' : object.body, head);
}

/** S3 + CloudFront serving `site` on loopback, with the functions the build writes for it. */
export async function startCloudFrontS3(site: ReadonlyMap<string, Uint8Array>): Promise<Running> {
  const bucket = bucketOf(site);
  const lifecycle = lifecycleOf(site, USER_SERVICES_ONLY);
  const fns = {
    request: load(viewerRequestFunction(USER_SERVICES_ONLY, lifecycle)),
    response: load(viewerResponseFunction(USER_SERVICES_ONLY, lifecycle)),
  };
  const server = createServer((req, res) => {
    const chunked = req.headers['transfer-encoding'] !== undefined;
    const hasBody = chunked || Number(req.headers['content-length'] ?? '0') > 0;
    req.resume();
    req.on('end', () => answer(req, hasBody, bucket, res, fns));
  });
  // A method Node's parser does not know: CloudFront's own 403 (Invalid method), as for any it does not forward.
  server.on('clientError', (_e, socket) => {
    const head = `HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nContent-Length: ${CLOUDFRONT_403.length}`;
    socket.end(`${head}\r\nConnection: close\r\n\r\n${CLOUDFRONT_403}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
