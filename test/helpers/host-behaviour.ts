/**
 * What every self-hosted server (nginx, Caddy) must do beyond the URL table,
 * registered once for each: redirects of folder URLs without their slash and
 * of previous instance names, the headers of deprecated instances, ranges
 * ignored, CORS preflights, and the catalog page with its policy.
 */
import { expect, it } from 'vitest';
import { CACHE_SHORT, LIST_URL } from '../../scripts/core/hosting/policy.js';
import { CONTENT_SECURITY_POLICY } from '../../scripts/core/serving/headers.js';
import { FIXTURE_DEPRECATED, FIXTURE_RENAMES } from './fixture-catalog.js';
import { rawRequest } from './raw-http.js';

export interface HostUnderTest {
  readonly origin: string;
  readonly page: Buffer;
}

export function itBehavesLikeAHost(host: () => HostUnderTest, expected: { htmlType: string }): void {
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

  it('redirects each previous instance name to its service, query kept: 308, no body, with CORS', async () => {
    const { origin } = host();
    for (const [previous, instance] of Object.entries(FIXTURE_RENAMES)) {
      for (const [from, to] of [
        [`${previous}/?utm_source=mail`, `${instance}/?utm_source=mail`],
        [previous, `${instance}/`],
        [`${previous}/index.json`, `${instance}/index.json`],
      ]) {
        const r = await rawRequest(`${origin}${LIST_URL}${from}`);
        expect([from, r.status, r.headers.location, r.body.length, r.headers['access-control-allow-origin']]).toEqual([
          from,
          308,
          `${LIST_URL}${to}`,
          0,
          '*',
        ]);
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

  it('answers a CORS preflight with 204 and the allowed methods and headers', async () => {
    const { origin } = host();
    const r = await rawRequest(`${origin}${LIST_URL}`, { Origin: 'https://portal.example' }, 'OPTIONS');
    expect([r.status, r.headers['access-control-allow-origin'], r.headers['access-control-allow-methods']]).toEqual([
      204,
      '*',
      'GET, HEAD, OPTIONS',
    ]);
    const get = await rawRequest(`${origin}${LIST_URL}`);
    expect(get.headers['access-control-allow-methods']).toBeUndefined();
  });

  it('serves the catalog page as HTML with its Content-Security-Policy', async () => {
    const { origin, page } = host();
    for (const url of ['/', '/index.html']) {
      const r = await rawRequest(origin + url);
      expect([url, r.status, r.headers['content-type'], r.headers['content-security-policy']]).toEqual([
        url,
        200,
        expected.htmlType,
        CONTENT_SECURITY_POLICY,
      ]);
      expect([r.headers['cache-control'], r.body.equals(page)]).toEqual([CACHE_SHORT, true]);
    }
  });
}
