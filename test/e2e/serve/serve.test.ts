import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readServices } from '../../../scripts/adapters/read-services.js';
import { KINDS } from '../../../scripts/core/kinds/index.js';
import { userServicesIdentity } from '../../../scripts/core/kinds/user-services/identity.js';
import type { Service } from '../../../scripts/core/model/service.js';
import { filterSets } from '../../../scripts/core/model/site.js';
import { ROOT, runCli } from '../../helpers/cli.js';
import { analyzeInput } from '../../helpers/core.js';
import { FIXTURE_COUNT, FIXTURE_SERVICES } from '../../helpers/fixture-catalog.js';
import { readTree, tempDir } from '../../helpers/fs.js';
import { rawBody, rawRequest, request, startServer } from '../../helpers/http.js';
import { pageAssets } from '../../helpers/page.js';
import { emitSite, USER_SERVICES_LIST } from '../../helpers/user-services-kind.js';

const API = 'api/v1/configs/user_services';
const SERVICES = FIXTURE_SERVICES;

let work: string;
let dist: Map<string, Buffer>;
let services: readonly Service[];
let server: Awaited<ReturnType<typeof startServer>>;
let base: string;

const fileFor = (url: string) => dist.get(`${url.slice(1)}index.json`);
const json = (status: number, code: string, message: string) =>
  `{"error":{"status":${status},"code":"${code}","message":${JSON.stringify(message)}}}\n`;

beforeAll(async () => {
  work = tempDir('user-services-serve-');
  // The static files, built by the command line: the server must answer these bytes.
  const built = runCli(['build', '--services', SERVICES, '--out', join(work, 'dist')], { cwd: work });
  expect(built.status).toBe(0);
  dist = readTree(join(work, 'dist'));
  services = analyzeInput(await readServices(SERVICES, ROOT, KINDS)).services;
  server = await startServer(emitSite(services, { pretty: false, page: pageAssets() }));
  base = server.base;
});

afterAll(async () => {
  await server?.server.close();
});

function expectCommonHeaders(headers: Record<string, unknown>) {
  expect(headers['access-control-allow-origin']).toBe('*');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(String(headers.etag)).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
}

describe('serve: the URL table', () => {
  it('answers the list and each instance at the URLs of the spec', async () => {
    const list = await request(base, `/${API}/`);
    expect(list.status).toBe(200);
    expect(list.headers['content-type']).toBe('application/json');
    expect(list.body.equals(fileFor(`/${API}/`) as Buffer)).toBe(true);
    expect(services).toHaveLength(FIXTURE_COUNT);
    for (const s of services) {
      const reply = await request(base, `/${API}/${s.instance}/`);
      expect([s.instance, reply.status, reply.headers['content-type']]).toEqual([s.instance, 200, 'application/json']);
      expect(reply.body.equals(fileFor(`/${API}/${s.instance}/`) as Buffer)).toBe(true);
      expect(JSON.parse(reply.body.toString()).technical_name).toBe(s.technical_name);
    }
  });

  it('answers each of the 15 filters by path, by query string and by JSON body with the static bytes', async () => {
    expect(filterSets(userServicesIdentity)).toHaveLength(15);
    for (const flags of filterSets(userServicesIdentity)) {
      const expected = fileFor(`/${API}/filters/${flags.join('/')}/`) as Buffer;
      const query = [...flags].reverse().map((f, i) => `${f}=${i % 2 === 0 ? 'true' : '1'}`);
      const replies = await Promise.all([
        request(base, `/${API}/filters/${flags.join('/')}/`),
        request(base, `/${API}/?${query.join('&')}`),
        request(
          base,
          `/${API}/?${[...query, ...USER_SERVICES_LIST.kind.flags.filter((f) => !flags.includes(f)).map((f) => `${f}=0`)].join('&')}`,
        ),
        request(base, `/${API}/`, {
          body: JSON.stringify(Object.fromEntries(flags.map((f) => [f, true]))),
          headers: { 'Content-Type': 'application/json' },
        }),
      ]);
      for (const reply of replies) {
        expect([flags.join('/'), reply.status]).toEqual([flags.join('/'), 200]);
        expect(reply.body.equals(expected)).toBe(true);
        expect(reply.headers.etag).toBe(replies[0]?.headers.etag);
      }
    }
  });

  it('answers the unfiltered list for false, 0 and absent flags', async () => {
    const list = fileFor(`/${API}/`) as Buffer;
    for (const reply of await Promise.all([
      request(base, `/${API}/?for_hg=false&for_cc=0`),
      request(base, `/${API}/`, { body: '{"for_hg": false}' }),
      request(base, `/${API}/`, { body: '' }),
    ])) {
      expect(reply.status).toBe(200);
      expect(reply.body.equals(list)).toBe(true);
    }
  });

  it('answers an unknown instance with 404 and a JSON body', async () => {
    const reply = await request(base, `/${API}/no-such-service/`);
    expect(reply.status).toBe(404);
    expect(reply.headers['content-type']).toBe('application/json');
    expectCommonHeaders(reply.headers);
    expect(reply.body.toString()).toBe(json(404, 'not-found', `nothing is published at /${API}/no-such-service/`));
  });

  it('redirects a folder URL without its final slash', async () => {
    const reply = await request(base, `/${API}/call-waiting?x=1`);
    expect([reply.status, reply.headers.location, reply.body.length]).toEqual([308, `/${API}/call-waiting/?x=1`, 0]);
  });
});

describe('serve: errors', () => {
  it.each([
    [`/${API}/?for_hg=yes`, '', 'invalid-filter-value', 'the filter for_hg has "yes"; write true, 1, false or 0'],
    [
      `/${API}/?limit=5`,
      '',
      'unknown-filter',
      'unknown filter "limit"; the filters are for_hg, for_cc, for_ivr, for_enduser, in lowercase',
    ],
    [`/${API}/`, '{"for_hg": "yes"}', 'invalid-filter-value', 'the filter for_hg must be true or false, not "yes"'],
    [
      `/${API}/`,
      '{"for_cc": true, "foo": true}',
      'unknown-filter',
      'unknown filter "foo"; the filters are for_hg, for_cc, for_ivr, for_enduser',
    ],
    [
      `/${API}/`,
      '{"for_hg": true',
      'invalid-json',
      'the body is not valid JSON; send an object such as {"for_hg": true}',
    ],
    [
      `/${API}/`,
      '["for_hg"]',
      'not-an-object',
      'the body must be a JSON object such as {"for_hg": true}, not ["for_hg"]',
    ],
  ])('answers GET %s with body %s: 400 %s', async (path, body, code, message) => {
    const reply = await request(base, path, { body });
    expect(reply.status).toBe(400);
    expect(reply.headers['content-type']).toBe('application/json');
    expectCommonHeaders(reply.headers);
    expect(reply.body.toString()).toBe(json(400, code, message));
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH'])('answers %s with 405 and the allowed methods', async (method) => {
    const reply = await request(base, `/${API}/`, { method, body: '{}' });
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe('GET, HEAD, OPTIONS');
    expectCommonHeaders(reply.headers);
    expect(reply.body.toString()).toBe(
      json(405, 'method-not-allowed', `the method ${method} is not allowed; use GET, HEAD or OPTIONS`),
    );
  });

  it.each([
    ['..', `/${API}/../../../../etc/passwd`],
    ['%2e%2e', `/${API}/%2e%2e/%2e%2e/%2e%2e/etc/passwd`],
    ['%2f', `/${API}/..%2f..%2f..%2fetc%2fpasswd`],
    ['backslash', `/${API}/..\\..\\..\\etc\\passwd`],
    ['overlong UTF-8', `/${API}/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd`],
  ])('refuses a path escape with %s (400, as sent on the wire)', async (_name, path) => {
    const reply = await rawRequest(server.port, `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    expect(reply.status).toBe(400);
    expect(rawBody(reply.text)).toMatch(/^\{"error":\{"status":400,"code":"(invalid-path|bad-request)"/);
  });
});

describe('serve: HTTP semantics', () => {
  it('answers 304 to If-None-Match with the ETag, weak or in a list, and 200 otherwise', async () => {
    for (const path of [`/${API}/`, `/${API}/call-waiting/`, `/${API}/filters/for_cc/`]) {
      const first = await request(base, path);
      const etag = String(first.headers.etag);
      for (const header of [etag, `W/${etag}`, `"nope", ${etag}`, '*']) {
        const again = await request(base, path, { headers: { 'If-None-Match': header } });
        expect([header, again.status, again.body.length]).toEqual([header, 304, 0]);
        expect(again.headers.etag).toBe(etag);
        expect(again.headers['access-control-allow-origin']).toBe('*');
      }
      const other = await request(base, path, { headers: { 'If-None-Match': '"nope"' } });
      expect(other.status).toBe(200);
    }
    const list = await request(base, `/${API}/`);
    const filtered = await request(base, `/${API}/?for_hg=1`, {
      headers: { 'If-None-Match': String(list.headers.etag) },
    });
    expect(filtered.status).toBe(200);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    for (const path of [`/${API}/`, `/${API}/call-waiting/`, `/${API}/?for_ivr=true`, `/${API}/nope/`]) {
      const get = await request(base, path);
      const head = await request(base, path, { method: 'HEAD' });
      expect([path, head.status, head.body.length]).toEqual([path, get.status, 0]);
      expect(head.headers['content-length']).toBe(String(get.body.length));
      expect(head.headers.etag).toBe(get.headers.etag);
      expect(head.headers['content-type']).toBe(get.headers['content-type']);
    }
  });

  it('answers an OPTIONS preflight with 204 and the CORS headers', async () => {
    const reply = await request(base, `/${API}/`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://portal.example', 'Access-Control-Request-Method': 'GET' },
    });
    expect(reply.status).toBe(204);
    expect(reply.body.length).toBe(0);
    expect(reply.headers['access-control-allow-origin']).toBe('*');
    expect(reply.headers['access-control-allow-methods']).toBe('GET, HEAD, OPTIONS');
    expect(reply.headers['access-control-allow-headers']).toBe('Content-Type, If-None-Match');
    expect(reply.headers['access-control-max-age']).toBe('86400');
  });

  it('refuses a body larger than 16 KiB with 413 and closes the connection', async () => {
    const reply = await request(base, `/${API}/`, { body: `{"for_hg": true, "x": "${'a'.repeat(17_000)}"}` });
    expect(reply.status).toBe(413);
    expect(reply.headers.connection).toBe('close');
    expect(reply.body.toString()).toBe(json(413, 'body-too-large', 'the body is larger than 16 KiB'));
  });
});
