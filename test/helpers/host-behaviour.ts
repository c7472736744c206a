/**
 * What every self-hosted server (nginx, Caddy) must do beyond the URL table,
 * registered once for each: redirects of folder URLs without their slash and
 * of previous instance names, the headers of deprecated instances, ranges
 * ignored, CORS preflights, revalidations, and the catalog page with its
 * policy. Every bodiless answer (308, 204, 304) carries no Content-Type, as
 * the preview server's 308 and 204 do.
 */
import { expect, it } from 'vitest';
import { CACHE_SHORT, notFoundBody } from '../../scripts/core/hosting/policy.js';
import { feedPath } from '../../scripts/core/model/site.js';
import { contentTypeOf } from '../../scripts/core/serving/content-types.js';
import { CONTENT_SECURITY_POLICY } from '../../scripts/core/serving/headers.js';
import { FIXTURE_DEPRECATED, FIXTURE_RENAMES } from './fixture-catalog.js';
import { rawRequest } from './raw-http.js';
import { LIST_URL } from './user-services-kind.js';

export interface HostUnderTest {
  readonly origin: string;
  readonly page: Buffer;
  /** The paths of the published site. */
  readonly files: readonly string[];
}

export function itBehavesLikeAHost(host: () => HostUnderTest): void {
  it('redirects every folder URL without its final slash to the one with it, query kept: 308, no body, no type', async () => {
    const { origin } = host();
    const list = LIST_URL.slice(0, -1);
    const instance = `${LIST_URL}call-waiting`;
    const history = `${LIST_URL}_history`;
    const cases: [string, string][] = [
      [list, `${list}/`],
      [`${list}?for_cc=1`, `${list}/?for_cc=1`],
      [instance, `${instance}/`],
      [`${instance}?x=1`, `${instance}/?x=1`],
      [`${history}?since=a%20b&x`, `${history}/?since=a%20b&x`],
    ];
    for (const [target, location] of cases) {
      const r = await rawRequest(`${origin}${target}`);
      expect([target, r.status, r.headers.location, r.headers['content-type'], r.body.length]).toEqual([
        target,
        308,
        location,
        undefined,
        0,
      ]);
    }
    const head = await rawRequest(`${origin}${instance}?x=1`, {}, 'HEAD');
    expect([head.status, head.headers.location, head.headers['content-type']]).toEqual([
      308,
      `${instance}/?x=1`,
      undefined,
    ]);
  });

  it('ignores a Range header and never says that ranges are accepted', async () => {
    const { origin } = host();
    const whole = await rawRequest(`${origin}${LIST_URL}`, { 'Accept-Encoding': 'identity' });
    const ranged = await rawRequest(`${origin}${LIST_URL}`, { 'Accept-Encoding': 'identity', Range: 'bytes=0-9' });
    expect([ranged.status, ranged.headers['content-range'], ranged.body.equals(whole.body)]).toEqual([
      200,
      undefined,
      true,
    ]);
    for (const url of [LIST_URL, '/', '/nope', `${LIST_URL}call-waiting`])
      expect([url, (await rawRequest(`${origin}${url}`)).headers['accept-ranges']]).toEqual([url, undefined]);
  });

  it('redirects each previous instance name to its service, query kept: 308, no body, no type, with CORS', async () => {
    const { origin } = host();
    for (const [previous, instance] of Object.entries(FIXTURE_RENAMES)) {
      for (const [from, to] of [
        [`${previous}/?utm_source=mail`, `${instance}/?utm_source=mail`],
        [previous, `${instance}/`],
        [`${previous}/index.json`, `${instance}/index.json`],
      ]) {
        for (const method of ['GET', 'HEAD']) {
          const r = await rawRequest(`${origin}${LIST_URL}${from}`, {}, method);
          const cors = r.headers['access-control-allow-origin'];
          expect([method, from, r.status, r.headers.location, r.headers['content-type'], r.body.length, cors]).toEqual([
            method,
            from,
            308,
            `${LIST_URL}${to}`,
            undefined,
            0,
            '*',
          ]);
        }
      }
    }
  });

  it('sends Deprecation, Sunset and Link with a deprecated instance, exposed to browsers, and with no other', async () => {
    const { origin } = host();
    for (const [instance, headers] of Object.entries(FIXTURE_DEPRECATED)) {
      for (const url of [`${LIST_URL}${instance}/`, `${LIST_URL}${instance}/index.json`]) {
        const r = await rawRequest(`${origin}${url}`);
        const seen = ['deprecation', 'sunset', 'link', 'access-control-expose-headers'].map((h) => r.headers[h]);
        const sunset = 'Sunset' in headers ? headers.Sunset : undefined;
        expect([url, r.status, ...seen]).toEqual([
          url,
          200,
          headers.Deprecation,
          sunset,
          headers.Link,
          'Deprecation, Sunset, Link',
        ]);
        expect(r.headers['access-control-allow-origin']).toBe('*');
      }
    }
    const plain = await rawRequest(`${origin}${LIST_URL}call-waiting/`);
    expect([plain.headers.deprecation, plain.headers.sunset, plain.headers.link]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('matches paths in their case: a previous name, a deprecated instance, the list or a file in another case answer the JSON 404', async () => {
    const { origin } = host();
    const other = (name: string) =>
      [...name].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');
    const targets = [
      ...Object.keys(FIXTURE_RENAMES).flatMap((p) => [`${other(p)}/`, other(p), `${other(p)}/index.json`]),
      ...Object.keys(FIXTURE_DEPRECATED).flatMap((d) => [`${other(d)}/`, `${other(d)}/index.JSON`]),
    ].map((path) => `${LIST_URL}${path}`);
    targets.push(`${other(LIST_URL)}?for_hg=true`, `${other(LIST_URL)}INDEX.JSON?for_cc=1`, '/INDEX.HTML', '/_HEADERS');
    for (const target of targets) {
      const r = await rawRequest(`${origin}${target}`);
      const lifecycle = [r.headers.deprecation, r.headers.sunset, r.headers.link, r.headers.location];
      const type = String(r.headers['content-type']).replace(/; ?charset=utf-8$/i, '');
      expect([target, r.status, type, r.body.toString(), ...lifecycle]).toEqual([
        target,
        404,
        'application/json',
        Buffer.from(notFoundBody()).toString(),
        undefined,
        undefined,
        undefined,
        undefined,
      ]);
    }
  });

  it('answers a CORS preflight anywhere with 204, the allowed methods and headers, no body and no type', async () => {
    const { origin } = host();
    for (const url of [LIST_URL, `${LIST_URL}index.json`, `${LIST_URL}call-waiting/`, `/${feedPath()}`, '/', '/nope']) {
      const r = await rawRequest(`${origin}${url}`, { Origin: 'https://portal.example' }, 'OPTIONS');
      const seen = ['access-control-allow-origin', 'access-control-allow-methods', 'content-type'].map(
        (h) => r.headers[h],
      );
      expect([url, r.status, ...seen, r.body.length]).toEqual([url, 204, '*', 'GET, HEAD, OPTIONS', undefined, 0]);
    }
    const get = await rawRequest(`${origin}${LIST_URL}`);
    expect(get.headers['access-control-allow-methods']).toBeUndefined();
  });

  it('answers a request with the ETag it sent with 304, no body and no type, headers kept', async () => {
    const { origin } = host();
    const deprecated = Object.keys(FIXTURE_DEPRECATED)[0] as string;
    for (const url of [LIST_URL, `${LIST_URL}${deprecated}/`, '/', `/${feedPath()}`]) {
      const first = await rawRequest(`${origin}${url}`);
      const etag = first.headers.etag as string;
      const r = await rawRequest(`${origin}${url}`, { 'If-None-Match': etag });
      const kept = ['etag', 'access-control-allow-origin', 'cache-control', 'deprecation'].map((h) => r.headers[h]);
      expect([url, r.status, r.headers['content-type'], r.body.length, ...kept]).toEqual([
        url,
        304,
        undefined,
        0,
        etag,
        '*',
        CACHE_SHORT,
        first.headers.deprecation,
      ]);
    }
  });

  it('serves the catalog page as the preview server types HTML, with its Content-Security-Policy', async () => {
    const { origin, page } = host();
    expect(contentTypeOf('index.html')).toBe('text/html; charset=utf-8');
    for (const url of ['/', '/index.html']) {
      const r = await rawRequest(origin + url);
      expect([url, r.status, r.headers['content-type'], r.headers['content-security-policy']]).toEqual([
        url,
        200,
        contentTypeOf('index.html'),
        CONTENT_SECURITY_POLICY,
      ]);
      expect([r.headers['cache-control'], r.body.equals(page)]).toEqual([CACHE_SHORT, true]);
    }
  });

  it("types each file of the site as the preview server does (content-types.ts), whatever the host's MIME table says", async () => {
    const { origin, files } = host();
    const paths = files.filter((p) => !p.startsWith('_') && p !== '.nojekyll' && !/(^|\/)index\.json$/.test(p));
    // The page's style and script, the feed, the 404 body, the compressed copies.
    for (const ext of ['.css', '.js', '.atom', '.html', '.gz', '.br'])
      expect([ext, paths.some((p) => p.endsWith(ext))]).toEqual([ext, true]);
    const wrong: string[] = [];
    for (const path of paths) {
      const r = await rawRequest(`${origin}/${path}`, { 'Accept-Encoding': 'identity' }, 'HEAD');
      if (r.headers['content-type'] !== contentTypeOf(path)) wrong.push(`${path}: ${r.headers['content-type']}`);
    }
    expect(wrong).toEqual([]);
  });
}
