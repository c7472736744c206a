/**
 * The CloudFront Functions run in Node's vm, as CloudFront calls them: a
 * `handler(event)` with the event shape of the cloudfront-js-2.0 runtime.
 */

import { runInNewContext } from 'node:vm';
import { transformSync } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { emitSite } from '../../../scripts/core/emit/index.js';
import { viewerRequestFunction, viewerResponseFunction } from '../../../scripts/core/hosting/cloudfront.js';
import { FLAGS } from '../../../scripts/core/model/service.js';
import { API_ROOT, filterPath, listPath, type Site } from '../../../scripts/core/model/site.js';
import { CONTENT_SECURITY_POLICY } from '../../../scripts/core/serving/headers.js';
import { FALSE_VALUES, TRUE_VALUES } from '../../../scripts/core/serving/query.js';
import { FIXTURE_COUNT, fixtureServices } from '../../helpers/fixture-catalog.js';
import { pageAssets } from '../../helpers/page.js';

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
  const handler = load(viewerRequestFunction());
  const request = (uri: string, querystring: Query = {}) =>
    handler({ version: '1.0', context: { eventType: 'viewer-request' }, request: { method: 'GET', uri, querystring } });
  let site: Site;

  beforeAll(async () => {
    site = emitSite(await fixtureServices(), { pretty: false, page: pageAssets() });
  });

  it('is plain ES5, as CloudFront Functions run it', () => {
    expect(() => transformSync(viewerRequestFunction(), { target: 'es5', loader: 'js' })).not.toThrow();
    expect(() => transformSync(viewerResponseFunction(), { target: 'es5', loader: 'js' })).not.toThrow();
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
      const file = set.length === 0 ? listPath() : filterPath(set);
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
    expect(list.uri).toBe(`/${filterPath(['for_hg'])}`);
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
    // The list, its filters, the instances, and _full/, _index/ and _manifest/.
    expect(folders).toHaveLength(1 + 15 + FIXTURE_COUNT + 3);
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

describe('viewer-response function', () => {
  const handler = load(viewerResponseFunction());
  const respond = (type: string) =>
    handler({ response: { statusCode: 200, headers: { 'content-type': { value: type } } } }).headers;

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
