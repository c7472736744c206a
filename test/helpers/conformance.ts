/**
 * The conformance table: requests every host is sent, and the answer the
 * request semantics give (`resolveRequest` of core/serving on the built site:
 * the rules are not written a second time here). Rows come from the README's
 * URL table (`urlTable`) and from the request semantics (query grammar,
 * methods, redirects, refused paths). A host that cannot give an answer has
 * its documented difference recorded per row, and the test asserts exactly
 * that difference, so it fails when the host changes.
 */
import { NO_STORE } from '../../scripts/core/hosting/policy.js';
import { userServicesIdentity } from '../../scripts/core/kinds/user-services/identity.js';
import { feedPath, HOST_ONLY_PATHS, listRoot, signaturePath } from '../../scripts/core/model/site.js';
import { contentTypeOf } from '../../scripts/core/serving/content-types.js';
import { LIFECYCLE_HEADER_NAMES, lifecycleOf } from '../../scripts/core/serving/lifecycle.js';
import { resolveRequest } from '../../scripts/core/serving/request.js';
import { FIXTURE_DEPRECATED, FIXTURE_RENAMES } from './fixture-catalog.js';
import { urlTable } from './hosted-site.js';
import { rawRequest } from './raw-http.js';
import { USER_SERVICES_LISTS, USER_SERVICES_ONLY } from './user-services-kind.js';

const API_ROOT = listRoot(userServicesIdentity);
export interface Row {
  readonly id: string;
  readonly method: string;
  readonly target: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Sent with `If-None-Match` holding the ETag the host gave the same request just before. */
  readonly revalidate?: true;
}

/** An answer as the suite compares it: status, type, what identifies the body, and its life-cycle headers. */
export interface Answer {
  readonly status: number;
  /** Content-Type without a `charset=utf-8` on JSON; undefined when the answer has none (a 204, a 304, a redirect). */
  readonly type?: string | undefined;
  /** `file:<path>`, `error:<code>`, `location:<url>`, `empty`, or `other:<n> bytes`. */
  readonly body: string;
  /** `Deprecation`, `Sunset` and `Link` as `name: value` lines (serving/lifecycle.ts); absent when none is sent. */
  readonly lifecycle?: string | undefined;
}

/** The life-cycle headers of an answer, one `name: value` per line in `LIFECYCLE_HEADER_NAMES` order; undefined for none. */
function lifecycleLines(get: (name: string) => string | undefined): string | undefined {
  const lines = LIFECYCLE_HEADER_NAMES.flatMap((name) => {
    const value = get(name);
    return value === undefined ? [] : [`${name}: ${value}`];
  });
  return lines.length === 0 ? undefined : lines.join('\n');
}

const LIST = `/${API_ROOT}/`;
/** A previous name and a deprecated instance of the fixture catalog, which the conformance suite serves. */
const RENAMED = Object.keys(FIXTURE_RENAMES)[0] as string;
const DEPRECATED = Object.keys(FIXTURE_DEPRECATED)[0] as string;

/** `name` with each letter in the other case: `Park_Orbit` → `pARK_oRBIT`. */
export const otherCase = (name: string) =>
  [...name].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');

/** The requests beyond the URL table, each naming what it checks. */
const SEMANTICS: readonly Row[] = [
  { id: 'list file with a flag', method: 'GET', target: `${LIST}index.json?for_hg=1` },
  { id: 'flag in capitals', method: 'GET', target: `${LIST}?FOR_HG=true` },
  { id: 'escaped value', method: 'GET', target: `${LIST}?for_hg=%74rue` },
  { id: 'flag given twice', method: 'GET', target: `${LIST}?for_hg=1&for_hg=0` },
  { id: 'other parameter', method: 'GET', target: `${LIST}?for_hg=true&utm_source=mail` },
  { id: 'other value', method: 'GET', target: `${LIST}?for_hg=yes` },
  { id: 'flag without value', method: 'GET', target: `${LIST}?for_hg` },
  { id: 'list without its slash', method: 'GET', target: `${LIST.slice(0, -1)}?for_cc=1` },
  { id: 'list without its slash or a query', method: 'GET', target: LIST.slice(0, -1) },
  { id: 'instance without its slash', method: 'GET', target: `${LIST}call-waiting` },
  { id: 'instance without its slash, with a query', method: 'GET', target: `${LIST}call-waiting?for_hg=1&x=%20` },
  { id: 'folder for mirrors without its slash', method: 'GET', target: `${LIST}_manifest` },
  { id: 'HEAD without the slash', method: 'HEAD', target: `${LIST}call-waiting?x=1` },
  { id: 'HEAD', method: 'HEAD', target: LIST },
  {
    id: 'CORS preflight',
    method: 'OPTIONS',
    target: LIST,
    headers: { Origin: 'https://portal.example', 'Access-Control-Request-Method': 'GET' },
  },
  { id: 'POST', method: 'POST', target: LIST, body: '{}' },
  { id: 'DELETE', method: 'DELETE', target: LIST },
  { id: 'FOO', method: 'FOO', target: LIST },
  { id: 'unknown file outside the list', method: 'GET', target: '/api/v1/schemas/nope.json' },
  { id: 'unknown top-level URL', method: 'GET', target: '/nope' },
  { id: 'NUL in the path', method: 'GET', target: `${LIST}%00/` },
  { id: 'segment of 300 bytes', method: 'GET', target: `${LIST}${'a'.repeat(300)}/` },
  { id: 'compressed copy', method: 'GET', target: `${LIST}index.json.gz` },
  // A Range header is ignored: the whole file (RFC 9110 section 14.2), never a part or an error page.
  { id: 'byte range', method: 'GET', target: LIST, headers: { Range: 'bytes=0-9' } },
  { id: 'byte range past the end', method: 'GET', target: LIST, headers: { Range: 'bytes=100000000-' } },
  { id: 'filter in the JSON body', method: 'GET', target: LIST, body: '{"for_hg": true}' },
  { id: 'JSON body at the list file', method: 'GET', target: `${LIST}index.json`, body: '{"for_cc": true}' },
  {
    id: 'JSON body sent chunked',
    method: 'GET',
    target: LIST,
    headers: { 'Transfer-Encoding': 'chunked' },
    body: '{"for_hg": true}',
  },
  { id: 'empty body', method: 'GET', target: LIST, body: '' },
  // A service's life cycle: previous names redirect (query kept), deprecated instances send their headers.
  { id: 'previous name without its slash', method: 'GET', target: `${LIST}${RENAMED}` },
  { id: 'previous name with a query', method: 'GET', target: `${LIST}${RENAMED}/?utm_source=mail` },
  { id: 'previous name file', method: 'GET', target: `${LIST}${RENAMED}/index.json` },
  { id: 'previous name HEAD', method: 'HEAD', target: `${LIST}${RENAMED}/` },
  { id: 'deprecated instance file', method: 'GET', target: `${LIST}${DEPRECATED}/index.json` },
  { id: 'deprecated instance HEAD', method: 'HEAD', target: `${LIST}${DEPRECATED}/` },
  // Paths match in their case on every host: another case names no file, previous or deprecated.
  { id: 'previous name in another case', method: 'GET', target: `${LIST}${otherCase(RENAMED)}/` },
  { id: 'previous name in another case, without its slash', method: 'GET', target: `${LIST}${otherCase(RENAMED)}` },
  { id: 'previous name file in another case', method: 'GET', target: `${LIST}${otherCase(RENAMED)}/index.json` },
  { id: 'deprecated instance in another case', method: 'GET', target: `${LIST}${otherCase(DEPRECATED)}/` },
  {
    id: 'deprecated instance file in another case',
    method: 'GET',
    target: `${LIST}${otherCase(DEPRECATED)}/index.json`,
  },
  { id: 'list in another case with a flag', method: 'GET', target: `${otherCase(LIST)}?for_hg=true` },
  ...HOST_ONLY_PATHS.map((path): Row => ({ id: `host file ${path}`, method: 'GET', target: `/${path}` })),
  // The files that keep clients in sync beside the folder URLs of the URL table (_full/, _index/, ...).
  { id: 'change feed', method: 'GET', target: `/${feedPath()}` },
  { id: 'manifest signature', method: 'GET', target: `/${signaturePath()}` },
  // The catalog page, typed as the preview server types HTML.
  { id: 'catalog page', method: 'GET', target: '/' },
  { id: 'catalog page file', method: 'GET', target: '/index.html' },
  // A cache revalidating what it holds: 304, bodiless, so without a Content-Type (RFC 9110 section 15.4.5).
  { id: 'list revalidated', method: 'GET', target: LIST, revalidate: true },
  { id: 'catalog page revalidated', method: 'GET', target: '/', revalidate: true },
  {
    id: 'preflight of the catalog page',
    method: 'OPTIONS',
    target: '/',
    headers: { Origin: 'https://portal.example' },
  },
];

/** Every row: the URL table (GET), then the request semantics. */
export function conformanceRows(site: ReadonlyMap<string, Uint8Array>): Row[] {
  const urls = urlTable(site).map((c): Row => ({ id: c.url, method: 'GET', target: c.url }));
  // Each previous name's folder URL, where GitHub Pages serves a copy and every other host redirects.
  const previous = Object.keys(FIXTURE_RENAMES).map((name): Row => {
    const url = `${LIST}${name}/`;
    return { id: url, method: 'GET', target: url };
  });
  return [...urls, ...previous, ...SEMANTICS];
}

const normalType = (type: string | undefined) =>
  type?.replace(/^application\/json; ?charset=utf-8$/i, 'application/json');

/** The spec's answer to a row, from the request semantics on the built site. */
export function specAnswer(row: Row, site: ReadonlyMap<string, Uint8Array>): Answer {
  const body = new TextEncoder().encode(row.body ?? '');
  const r = resolveRequest(
    { method: row.method, target: row.target, body },
    site,
    USER_SERVICES_LISTS,
    lifecycleOf(site, USER_SERVICES_ONLY),
  );
  switch (r.kind) {
    case 'file': {
      if (row.revalidate === true) return { status: 304, body: 'empty' };
      const lifecycle = lifecycleLines((name) => r.headers.find(([n]) => n === name)?.[1]);
      const file = {
        status: 200,
        type: contentTypeOf(r.path),
        body: row.method === 'HEAD' ? 'empty' : `file:${r.path}`,
      };
      return lifecycle === undefined ? file : { ...file, lifecycle };
    }
    case 'redirect':
      return { status: 308, body: `location:${r.location}` };
    case 'preflight':
      return { status: 204, body: 'empty' };
    case 'error':
      return { status: r.error.status, type: 'application/json', body: `error:${r.error.code}` };
  }
}

export interface Seen extends Answer {
  readonly cors: string | undefined;
  readonly cache: string | undefined;
  /** `Access-Control-Expose-Headers`. */
  readonly exposed: string | undefined;
}

/** A header as one string: the values of a repeated one joined. */
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(', ') : v);

/** Sends a row as is (exact target and method) and names what came back. */
export async function observe(origin: string, row: Row, site: ReadonlyMap<string, Uint8Array>): Promise<Seen> {
  // One connection per row: a host may close it after an error, as the preview server does.
  const send = (extra: Record<string, string>) =>
    rawRequest(origin + row.target, { Connection: 'close', ...row.headers, ...extra }, row.method, row.body);
  const etag = row.revalidate === true ? one((await send({})).headers.etag) : undefined;
  const r = await send(etag === undefined ? {} : { 'If-None-Match': etag });
  const location = one(r.headers.location);
  let body: string;
  if (location !== undefined && r.status >= 300 && r.status < 400) body = `location:${location}`;
  else if (r.body.length === 0) body = 'empty';
  else body = identify(r.body, site);
  const lifecycle = lifecycleLines((name) => one(r.headers[name.toLowerCase()]));
  return {
    status: r.status,
    type: normalType(one(r.headers['content-type'])),
    body,
    ...(lifecycle === undefined ? {} : { lifecycle }),
    cors: one(r.headers['access-control-allow-origin']),
    cache: one(r.headers['cache-control']),
    exposed: one(r.headers['access-control-expose-headers']),
  };
}

/**
 * The file of the site an answer's body is; a copy of an instance at a previous
 * name (the same bytes, for GitHub Pages) is never taken for its instance.
 */
function identify(bytes: Buffer, site: ReadonlyMap<string, Uint8Array>): string {
  try {
    const code = JSON.parse(bytes.toString('utf8'))?.error?.code;
    if (typeof code === 'string') return `error:${code}`;
  } catch {}
  const copies = new Set([...lifecycleOf(site, USER_SERVICES_ONLY).redirects.keys()].map((url) => url.slice(1)));
  for (const [path, file] of site) if (!copies.has(path) && Buffer.compare(bytes, file) === 0) return `file:${path}`;
  return `other:${bytes.length} bytes`;
}

/** A host's known answer where it cannot give the spec's, with why (shown in the README's matrix). */
export interface Difference {
  readonly answer: Answer;
  readonly why: string;
  /** The runtime answers before any of the site's rules run: its CORS and cache headers are its own. */
  readonly beforeRules?: true;
}

export interface HostProfile {
  readonly name: string;
  /** Cache-Control of files and of the 404 body. */
  readonly cache: string;
  /** Cache-Control the host's own errors may carry (none that a cache keeps). */
  readonly errorCache: readonly (string | undefined)[];
  readonly differences: Readonly<Record<string, Difference>>;
}

const sameAnswer = (a: Answer, b: Answer) =>
  a.status === b.status && a.type === b.type && a.body === b.body && a.lifecycle === b.lifecycle;

/** Whether a browser may read each life-cycle header the answer sends (`Access-Control-Expose-Headers`). */
const exposesLifecycle = (seen: Seen): boolean =>
  seen.lifecycle === undefined ||
  LIFECYCLE_HEADER_NAMES.every((name) => (seen.exposed ?? '').split(/, */).includes(name));

/** What is wrong with a host's answer to a row, or undefined when it is the spec's (or its documented difference). */
export function judge(row: Row, seen: Seen, spec: Answer, host: HostProfile): string | undefined {
  const difference = host.differences[row.id];
  const want = difference?.answer ?? spec;
  const answer = { status: seen.status, type: seen.type, body: seen.body, lifecycle: seen.lifecycle };
  const problems: string[] = [];
  if (!sameAnswer(answer, want)) problems.push(`answered ${JSON.stringify(answer)}, not ${JSON.stringify(want)}`);
  if (difference?.beforeRules === true) return problems.length === 0 ? undefined : `${row.id}: ${problems.join('; ')}`;
  if (seen.status >= 200 && seen.cors !== '*') problems.push(`CORS ${seen.cors}`);
  if (!exposesLifecycle(seen)) problems.push(`life-cycle headers not exposed: ${seen.exposed}`);
  const hostError = want.body.startsWith('error:') && want.status !== 404;
  if (seen.status >= 500 && !host.errorCache.includes(seen.cache)) problems.push(`a cacheable ${seen.status}`);
  if (hostError && !host.errorCache.includes(seen.cache)) problems.push(`error cached: ${seen.cache}`);
  if (!hostError && want.body.startsWith('file:') && seen.cache !== host.cache) problems.push(`cache ${seen.cache}`);
  return problems.length === 0
    ? undefined
    : `${row.id} (${row.method} ${row.target.slice(0, 80)}): ${problems.join('; ')}`;
}

/** Every row against a host: the problems, one line each (none when it conforms). */
export async function runConformance(
  origin: string,
  site: ReadonlyMap<string, Uint8Array>,
  host: HostProfile,
): Promise<string[]> {
  const problems: string[] = [];
  for (const row of conformanceRows(site)) {
    const seen = await observe(origin, row, site);
    const problem = judge(row, seen, specAnswer(row, site), host);
    if (problem !== undefined) problems.push(problem);
  }
  const unknown = Object.keys(host.differences).filter((id) => !conformanceRows(site).some((r) => r.id === id));
  return [...problems, ...unknown.map((id) => `difference for a row that does not exist: ${id}`)];
}

export const ERROR_NEVER_KEPT = [NO_STORE, 'no-cache'] as const;
