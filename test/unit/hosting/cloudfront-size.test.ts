/**
 * The CloudFront Functions' size for N previous names or deprecated instances,
 * how many fit in CloudFront's 10 KB (the numbers the README gives), the
 * warning of a function past it, and the functions' answers from their compact
 * tables, run in Node's vm, against the tables of `Lifecycle` they carry.
 */
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { messageFor } from '../../../scripts/core/diagnostics/messages.js';
import {
  CLOUDFRONT_REQUEST,
  CLOUDFRONT_RESPONSE,
  viewerRequestFunction,
  viewerResponseFunction,
} from '../../../scripts/core/hosting/cloudfront.js';
import {
  CLOUDFRONT_FUNCTION_MAX_BYTES,
  cloudfrontSizeWarnings,
} from '../../../scripts/core/hosting/cloudfront-size.js';
import { hostingFiles } from '../../../scripts/core/hosting/index.js';
import { userServicesIdentity } from '../../../scripts/core/kinds/user-services/identity.js';
import { instancePath, listRoot, urlOf } from '../../../scripts/core/model/site.js';
import type { Header } from '../../../scripts/core/serving/headers.js';
import { deprecationHeaders, type Lifecycle, renameRedirects } from '../../../scripts/core/serving/lifecycle.js';
import { USER_SERVICES_ONLY } from '../../helpers/user-services-kind.js';

const API_ROOT = listRoot(userServicesIdentity);
const API = `/${API_ROOT}/`;
const pad = (i: number) => String(i).padStart(3, '0');
/** A name of `length` characters, numbered. */
const nameOf = (prefix: string, i: number, length = 20) =>
  `${prefix}${'x'.repeat(length - prefix.length - 4)}-${pad(i)}`;
const day = (i: number) => new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
const range = (n: number) => [...Array(n).keys()];

const renames = (n: number, length = 20): Lifecycle => ({
  redirects: new Map(
    range(n).flatMap((i) => renameRedirects(userServicesIdentity, nameOf('old', i, length), nameOf('new', i, length))),
  ),
  headers: new Map(),
});
const deprecations = (n: number, full: boolean, length = 20): Lifecycle => ({
  redirects: new Map(),
  headers: new Map(
    range(n).map((i) => {
      const instance = nameOf('dep', i, length);
      const headers = deprecationHeaders({
        instance_name: instance,
        since: day(i),
        sunset: full ? day(i + 400) : null,
        replaced_by: full ? { instance_name: nameOf('new', i, length) } : null,
      });
      return [instancePath(userServicesIdentity, instance), headers] as const;
    }),
  ),
});
const bytes = (text: string) => Buffer.byteLength(text);
/** The most entries `lifecycle(n)` holds with `generate`'s function within CloudFront's limit. */
function capacity(generate: (l: Lifecycle) => string, lifecycle: (n: number) => Lifecycle): number {
  let n = 0;
  while (bytes(generate(lifecycle(n + 1))) <= CLOUDFRONT_FUNCTION_MAX_BYTES) n++;
  return n;
}

describe('the size of the CloudFront Functions', () => {
  it('grows by the names of each previous name alone: "old":"new", in JSON', () => {
    const base = bytes(viewerRequestFunction(USER_SERVICES_ONLY, renames(0)));
    for (const n of [1, 2, 10, 40]) {
      const names = range(n).reduce((sum, i) => sum + nameOf('old', i).length + nameOf('new', i).length + 5, 0);
      expect([n, bytes(viewerRequestFunction(USER_SERVICES_ONLY, renames(n)))]).toEqual([n, base + names + (n - 1)]);
    }
  });

  it('holds as many entries as the README says', () => {
    expect(CLOUDFRONT_FUNCTION_MAX_BYTES).toBe(10_240);
    expect(
      [12, 20, 30].map((length) =>
        capacity(
          (l) => viewerRequestFunction(USER_SERVICES_ONLY, l),
          (n) => renames(n, length),
        ),
      ),
    ).toEqual([95, 62, 43]);
    const full = [12, 20, 30].map((length) =>
      capacity(
        (l) => viewerResponseFunction(USER_SERVICES_ONLY, l),
        (n) => deprecations(n, true, length),
      ),
    );
    expect(full).toEqual([157, 135, 115]);
    const plain = [12, 20, 30].map((length) =>
      capacity(
        (l) => viewerResponseFunction(USER_SERVICES_ONLY, l),
        (n) => deprecations(n, false, length),
      ),
    );
    expect(plain).toEqual([241, 194, 156]);
  });

  it('warns, located at the function, once a function passes the limit, and not before', () => {
    const at = (lifecycle: Lifecycle) =>
      cloudfrontSizeWarnings(hostingFiles(USER_SERVICES_ONLY, lifecycle), USER_SERVICES_ONLY, lifecycle, 'out/hosting');
    expect(at(renames(62))).toEqual([]);
    const over = renames(63);
    const size = bytes(viewerRequestFunction(USER_SERVICES_ONLY, over));
    expect(size).toBeGreaterThan(CLOUDFRONT_FUNCTION_MAX_BYTES);
    const warnings = at(over);
    expect(warnings).toEqual([
      {
        code: 'cloudfront-function-too-large',
        severity: 'warning',
        file: `out/hosting/${CLOUDFRONT_REQUEST}`,
        line: 1,
        column: 1,
        args: { path: CLOUDFRONT_REQUEST, bytes: size, limit: 10_240, entries: 63, kind: 'previous-names' },
      },
    ]);
    expect(messageFor(warnings[0] as never)).toBe(
      `the CloudFront Function ${CLOUDFRONT_REQUEST} is ${size} bytes, over the 10240 bytes CloudFront accepts, so CloudFront refuses to publish it (the other host files are whole and the site is built); it holds the redirects of 63 previous names. To serve from CloudFront, remove the previous_names whose old URLs no client uses any more until it fits, or serve from a host without that limit (nginx, Caddy, Netlify, Cloudflare Pages)`,
    );
    expect(at(deprecations(135, true))).toEqual([]);
    const both = { ...renames(100), headers: deprecations(136, true).headers };
    expect(at(both).map((d) => [d.file, d.args])).toEqual([
      [`out/hosting/${CLOUDFRONT_REQUEST}`, expect.objectContaining({ entries: 100, kind: 'previous-names' })],
      [`out/hosting/${CLOUDFRONT_RESPONSE}`, expect.objectContaining({ entries: 136, kind: 'deprecations' })],
    ]);
  });
});

type Handler = (event: unknown) => Record<string, unknown> & { headers: Record<string, { value: string }> };
const load = (source: string): Handler => runInNewContext(`${source}\nhandler;`) as Handler;

describe('the compact tables in the functions', () => {
  // Names the compact table holds, and URLs it cannot: outside the API, two segments, a name missing a form.
  const odd: [string, string][] = [
    ['/elsewhere/', '/api/v1/configs/user_services/a/'],
    [`${API}two/segments/`, `${API}b/`],
    [`${API}only-folder/`, `${API}c/`],
  ];
  const lifecycle: Lifecycle = {
    redirects: new Map([
      ...renames(20).redirects,
      ...renameRedirects(userServicesIdentity, 'Park_Orbit', 'call-park'),
      ...odd,
    ]),
    headers: new Map<string, readonly Header[]>([
      ...deprecations(5, true).headers,
      ...deprecations(3, false, 14).headers,
      ['api/v1/other/index.json', [['Deprecation', '@1']]],
    ]),
  };
  const request = load(viewerRequestFunction(USER_SERVICES_ONLY, lifecycle));
  const respond = load(viewerResponseFunction(USER_SERVICES_ONLY, lifecycle));
  const location = (uri: string) => {
    const answer = request({ request: { method: 'GET', uri, querystring: {} } });
    return answer.statusCode === 308 ? answer.headers.location?.value : undefined;
  };
  const otherCase = (s: string) =>
    s.replace(/[a-z]/gi, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()));

  it('redirect exactly the URLs of the life cycle, and no other: not in another case, not a neighbour', () => {
    for (const [from, to] of lifecycle.redirects) expect([from, location(from)]).toEqual([from, to]);
    // Elsewhere an API URL without its slash is redirected to its folder URL, and nothing else is.
    const folder = (uri: string) =>
      uri.startsWith(API) && !uri.endsWith('/') && !uri.endsWith('.json') ? `${uri}/` : undefined;
    const neighbours = [...lifecycle.redirects.keys()].flatMap((from) => [
      otherCase(from),
      `${from}x`,
      `${from}x/`,
      `${from}/x/`,
      from.replace(API, `${API}x/`),
    ]);
    const others = [
      ...neighbours,
      `${API}only-folder`,
      `${API}only-folder/index.json`,
      `${API}two/`,
      `${API}index.json`,
    ];
    for (const uri of others.filter((u) => !lifecycle.redirects.has(u)))
      expect([uri, location(uri)]).toEqual([uri, folder(uri)]);
  });

  it('add exactly the headers of the life cycle, at the file and the folder URL, and to no other', () => {
    const headersAt = (uri: string) => {
      const { headers } = respond({ request: { uri }, response: { statusCode: 200, headers: {} } });
      const { 'access-control-allow-origin': _, 'x-content-type-options': __, ...rest } = headers;
      return rest;
    };
    for (const [path, headers] of lifecycle.headers) {
      const expected = Object.fromEntries(headers.map(([name, value]) => [name.toLowerCase(), { value }]));
      for (const uri of [`/${path}`, urlOf(path)]) expect([uri, headersAt(uri)]).toEqual([uri, expected]);
      for (const uri of [otherCase(`/${path}`), urlOf(path).slice(0, -1), `${urlOf(path)}x/`])
        expect([uri, headersAt(uri)]).toEqual([uri, {}]);
    }
    expect(headersAt(API)).toEqual({});
  });
});
