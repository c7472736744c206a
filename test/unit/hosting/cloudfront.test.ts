/**
 * The CloudFront Functions run in Node's vm, as CloudFront calls them: a
 * `handler(event)` with the event shape of the cloudfront-js-2.0 runtime.
 */

import { runInNewContext } from 'node:vm';
import { transformSync } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { viewerRequestFunction, viewerResponseFunction } from '../../../scripts/core/hosting/cloudfront.js';
import { userServicesIdentity } from '../../../scripts/core/kinds/user-services/identity.js';
import { FLAGS } from '../../../scripts/core/model/service.js';
import { filterPath, listPath, listRoot, type Site } from '../../../scripts/core/model/site.js';
import { CONTENT_SECURITY_POLICY } from '../../../scripts/core/serving/headers.js';
import { lifecycleOf } from '../../../scripts/core/serving/lifecycle.js';
import { FALSE_VALUES, TRUE_VALUES } from '../../../scripts/core/serving/query.js';
import { FIXTURE_COUNT, FIXTURE_DEPRECATED, FIXTURE_RENAMES, fixtureServices } from '../../helpers/fixture-catalog.js';
import { pageAssets } from '../../helpers/page.js';
import { emitSite, USER_SERVICES_ONLY } from '../../helpers/user-services-kind.js';

const API_ROOT = listRoot(userServicesIdentity);
type Query = Record<string, { value: string; multiValue?: { value: string }[] }>;
type Handler = (event: unknown) => Record<string, unknown>;

const load = (source: string): Handler => runInNewContext(`${source}\nhandler;`) as Handler;
const API = `/${API_ROOT}/`;
/** Headers of every answer the function gives itself (no viewer-response function runs on those). */
const OWN = {
  'access-control-allow-origin': { value: '*' },
  'x-content-type-options': { value: 'nosniff' },
  'cache-control': { value: 'no-store' },
};
const JSON_ERROR = { ...OWN, 'content-type': { value: 'application/json' } };

describe('viewer-request function', () => {
  const handler = load(viewerRequestFunction(USER_SERVICES_ONLY));
  const request = (uri: string, querystring: Query = {}) =>
    handler({ version: '1.0', context: { eventType: 'viewer-request' }, request: { method: 'GET', uri, querystring } });
  let site: Site;

  beforeAll(async () => {
    site = emitSite(await fixtureServices(), { pretty: false, page: pageAssets() });
  });

  it('is plain ES5, as CloudFront Functions run it', () => {
    expect(() =>
      transformSync(viewerRequestFunction(USER_SERVICES_ONLY), { target: 'es5', loader: 'js' }),
    ).not.toThrow();
    expect(() =>
      transformSync(viewerResponseFunction(USER_SERVICES_ONLY), { target: 'es5', loader: 'js' }),
    ).not.toThrow();
  });

  it('maps every query string of flags on the list to the filter file of the flags that are true or 1, and drops it', () => {
    const states = [undefined, ...TRUE_VALUES, ...FALSE_VALUES];
    for (let n = 0; n < states.length ** FLAGS.length; n++) {
      const query: Query = {};
      const set = FLAGS.filter((f, i) => {
        const value = states[Math.floor(n / states.length ** i) % states.length];
        if (value !== undefined) query[f] = { value };
        return value === 'true' || value === '1';
      });
      const file = set.length === 0 ? listPath(userServicesIdentity) : filterPath(userServicesIdentity, set);
      expect(request(API, query)).toEqual({ method: 'GET', uri: `/${file}`, querystring: {} });
      expect(request(`${API}index.json`, query)).toEqual({ method: 'GET', uri: `/${file}`, querystring: {} });
      expect(site.has(file)).toBe(true);
    }
  });

  it.each([
    [{ FOR_HG: { value: 'true' } }, 'unknown-filter'],
    [{ for_hg: { value: 'true' }, utm_source: { value: 'mail' } }, 'unknown-filter'],
    [{ for_hg: { value: '%74rue' } }, 'invalid-query'],
    [{ for_hg: { value: 'yes' } }, 'invalid-filter-value'],
    [{ for_hg: { value: '' } }, 'invalid-filter-value'],
    [{ for_hg: { value: '1', multiValue: [{ value: '1' }, { value: '0' }] } }, 'invalid-query'],
  ])('refuses the query %j on the list with a JSON 400 that no cache keeps', (querystring, code) => {
    for (const uri of [API, `${API}index.json`]) {
      const r = request(uri, querystring as Query) as { statusCode: number; headers: unknown; body: { data: string } };
      expect([r.statusCode, r.headers, JSON.parse(r.body.data).error.code]).toEqual([400, JSON_ERROR, code]);
    }
  });

  it.each([
    [{ 'content-length': { value: '16' } }, 'body-not-read'],
    [{ 'content-length': { value: '010' } }, 'body-not-read'],
    [{ 'transfer-encoding': { value: 'chunked' } }, 'body-not-read'],
  ])('refuses the list with a body shown by %j (a function cannot read it) with a JSON 400', (headers, code) => {
    for (const uri of [API, `${API}index.json`]) {
      const event = { request: { method: 'GET', uri, querystring: { for_hg: { value: 'true' } }, headers } };
      const r = handler(event) as { statusCode: number; headers: unknown; body: { data: string } };
      expect([r.statusCode, r.headers, JSON.parse(r.body.data).error]).toEqual([
        400,
        JSON_ERROR,
        {
          status: 400,
          code,
          message:
            'this host reads the filters from the query string (?for_hg=true) or the filter paths (filters/for_hg/), ' +
            'not from a request body; send the filters there and no body',
        },
      ]);
    }
  });

  it('reads the query of a list request whose Content-Length is 0, and ignores bodies elsewhere', () => {
    const headers = { 'content-length': { value: '0' } };
    const list = handler({ request: { method: 'GET', uri: API, querystring: { for_hg: { value: '1' } }, headers } });
    expect(list.uri).toBe(`/${filterPath(userServicesIdentity, ['for_hg'])}`);
    const other = { 'content-length': { value: '5' } };
    const file = handler({ request: { method: 'GET', uri: '/404.json', querystring: {}, headers: other } });
    expect(file.uri).toBe('/404.json');
  });

  it('answers other methods with a JSON 405 and Allow, and OPTIONS with the preflight', () => {
    const post = handler({ request: { method: 'POST', uri: API, querystring: {} } }) as Record<string, unknown>;
    expect([post.statusCode, post.headers]).toEqual([405, { ...JSON_ERROR, allow: { value: 'GET, HEAD, OPTIONS' } }]);
    expect(JSON.parse((post.body as { data: string }).data).error.code).toBe('method-not-allowed');
    const options = handler({ request: { method: 'OPTIONS', uri: API, querystring: {} } }) as Record<string, unknown>;
    expect([options.statusCode, Object.keys(options.headers as object)]).toEqual([
      204,
      [...Object.keys(OWN), 'access-control-allow-methods', 'access-control-allow-headers', 'access-control-max-age'],
    ]);
  });

  it('maps every folder URL to its index.json, and index.html outside the API', () => {
    const folders = [...site.keys()].filter((p) => p.startsWith(API.slice(1)) && p.endsWith('/index.json'));
    // The list, its filters, the instances, _full/, _index/, _deprecations/, _renames/ and _manifest/, and the
    // copies of the renamed instance at its previous names (which the function redirects once it knows them).
    expect(folders).toHaveLength(1 + 15 + FIXTURE_COUNT + 5 + Object.keys(FIXTURE_RENAMES).length);
    for (const file of folders) {
      const uri = `/${file.slice(0, -'index.json'.length)}`;
      expect(request(uri).uri).toBe(`/${file}`);
    }
    expect(request('/').uri).toBe('/index.html');
  });

  it('redirects an API URL without its final slash, query kept, and leaves files alone', () => {
    const location = (r: Record<string, unknown>) => (r.headers as { location: { value: string } }).location.value;
    const bare = request(API.slice(0, -1), {
      for_hg: { value: '1' },
      x: { value: 'a', multiValue: [{ value: 'a' }, { value: 'b' }] },
    });
    expect([bare.statusCode, location(bare)]).toEqual([308, `${API}?for_hg=1&x=a&x=b`]);
    expect(bare.headers).toEqual({ ...OWN, location: { value: `${API}?for_hg=1&x=a&x=b` } });
    const instance = request(`${API}call-waiting`);
    expect([instance.statusCode, location(instance)]).toEqual([308, `${API}call-waiting/`]);
    for (const uri of [
      `${API}call-waiting/index.json`,
      `${API}index.json.gz`,
      `${API}x.br`,
      '/index.html',
      '/404.json',
    ]) {
      expect(request(uri)).toEqual({ method: 'GET', uri, querystring: {} });
    }
  });
});

describe('the functions of a catalog with previous names and deprecations', () => {
  let site: Site;
  let request: (uri: string, method?: string, querystring?: Query) => Record<string, unknown>;
  let respond: (uri: string) => unknown;

  beforeAll(async () => {
    site = emitSite(await fixtureServices(), { pretty: false, page: pageAssets() });
    const lifecycle = lifecycleOf(site, USER_SERVICES_ONLY);
    const requestHandler = load(viewerRequestFunction(USER_SERVICES_ONLY, lifecycle));
    const responseHandler = load(viewerResponseFunction(USER_SERVICES_ONLY, lifecycle));
    request = (uri, method = 'GET', querystring = {}) =>
      requestHandler({
        version: '1.0',
        context: { eventType: 'viewer-request' },
        request: { method, uri, querystring },
      });
    respond = (uri) =>
      responseHandler({
        request: { method: 'GET', uri, querystring: {} },
        response: { statusCode: 200, headers: { 'content-type': { value: 'application/json' } } },
      }).headers;
  });

  it('redirects each previous instance URL to its service with 308, query kept, and answers a preflight first', () => {
    for (const [previous, instance] of Object.entries(FIXTURE_RENAMES)) {
      const cases: [string, string][] = [
        [`${API}${previous}/`, `${API}${instance}/`],
        [`${API}${previous}`, `${API}${instance}/`],
        [`${API}${previous}/index.json`, `${API}${instance}/index.json`],
      ];
      for (const [uri, to] of cases) {
        expect(request(uri)).toEqual({
          statusCode: 308,
          statusDescription: 'Permanent Redirect',
          headers: { ...OWN, location: { value: to } },
        });
        const kept = request(uri, 'HEAD', { utm_source: { value: 'mail' } }) as {
          headers: { location: { value: string } };
        };
        expect(kept.headers.location.value).toBe(`${to}?utm_source=mail`);
      }
      expect(request(`${API}${previous}/`, 'OPTIONS').statusCode).toBe(204);
      // Case matters, as in the URL: another case is no previous name.
      expect(request(`${API}${previous.toUpperCase()}/`).uri).toBe(`${API}${previous.toUpperCase()}/index.json`);
    }
  });

  it('adds the deprecation headers to a deprecated instance, at its file and its folder URL, and to no other', () => {
    for (const [instance, headers] of Object.entries(FIXTURE_DEPRECATED)) {
      const expected = Object.fromEntries(
        Object.entries({ ...headers, 'Access-Control-Expose-Headers': 'Deprecation, Sunset, Link' }).map(([k, v]) => [
          k.toLowerCase(),
          { value: v },
        ]),
      );
      for (const uri of [`${API}${instance}/index.json`, `${API}${instance}/`]) {
        expect(respond(uri)).toEqual({
          'content-type': { value: 'application/json' },
          'access-control-allow-origin': { value: '*' },
          'x-content-type-options': { value: 'nosniff' },
          ...expected,
        });
      }
    }
    expect(Object.keys(respond(`${API}call-waiting/index.json`) as object)).toEqual([
      'content-type',
      'access-control-allow-origin',
      'x-content-type-options',
    ]);
  });
});

describe('viewer-response function', () => {
  const handler = load(viewerResponseFunction(USER_SERVICES_ONLY));
  const respond = (type: string) =>
    handler({
      request: { method: 'GET', uri: '/x', querystring: {} },
      response: { statusCode: 200, headers: { 'content-type': { value: type } } },
    }).headers;

  it('adds CORS and nosniff to every response, and the Content-Security-Policy to HTML only', () => {
    const common = { 'access-control-allow-origin': { value: '*' }, 'x-content-type-options': { value: 'nosniff' } };
    expect(respond('application/json')).toEqual({ 'content-type': { value: 'application/json' }, ...common });
    expect(respond('text/html')).toEqual({
      'content-type': { value: 'text/html' },
      ...common,
      'content-security-policy': { value: CONTENT_SECURITY_POLICY },
    });
  });
});
