/**
 * What every self-hosted server (nginx, Caddy) must do beyond the URL table,
 * registered once for each: redirects of folder URLs without their slash and
 * of previous instance names, the headers of deprecated instances, CORS
 * preflights, and the catalog page with its policy.
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
  it('redirects a folder URL without its final slash to the one with it, query kept: 308, no body', async () => {
    const { origin } = host();
    const r = await rawRequest(`${origin}${LIST_URL.slice(0, -1)}?for_cc=1`);
    expect([r.status, r.headers.location, r.body.length]).toEqual([308, `${LIST_URL}?for_cc=1`, 0]);
    const instance = await rawRequest(`${origin}${LIST_URL}call-waiting`);
    expect([instance.status, instance.headers.location, instance.body.length]).toEqual([
      308,
      `${LIST_URL}call-waiting/`,
      0,
    ]);
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
