import { chmodSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readServices } from '../scripts/adapters/read-services.js';
import { analyze } from '../scripts/core/analyze.js';
import { emitSite } from '../scripts/core/emit/index.js';
import { FILTER_FLAGS } from '../scripts/core/request.js';
import type { Service } from '../scripts/core/service.js';
import { FILTER_SETS } from '../scripts/core/site.js';
import { ROOT, runCli, untimed } from './helpers/cli.js';
import { FIXTURE_COUNT, FIXTURE_SERVICES } from './helpers/fixture-catalog.js';
import { readTree, tempDir, writeTree } from './helpers/fs.js';
import { rawBody, rawRequest, request, startServer } from './helpers/http.js';
import { pageAssets } from './helpers/page.js';
import { LISTENING, startServe } from './helpers/serve.js';
import { canDropPrivileges, type Unprivileged, unprivileged } from './helpers/unprivileged.js';

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
  services = analyze(await readServices(SERVICES, ROOT)).services;
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
    expect(FILTER_SETS).toHaveLength(15);
    for (const flags of FILTER_SETS) {
      const expected = fileFor(`/${API}/filters/${flags.join('/')}/`) as Buffer;
      const query = [...flags].reverse().map((f, i) => `${f}=${i % 2 === 0 ? 'true' : '1'}`);
      const replies = await Promise.all([
        request(base, `/${API}/filters/${flags.join('/')}/`),
        request(base, `/${API}/?${query.join('&')}`),
        request(
          base,
          `/${API}/?${[...query, ...FILTER_FLAGS.filter((f) => !flags.includes(f)).map((f) => `${f}=0`)].join('&')}`,
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
      'unknown filter "limit"; the filters are for_hg, for_cc, for_ivr, for_enduser',
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
    expect(reply.body.toString()).toBe(json(413, 'body-too-large', 'the body is larger than 16384 bytes'));
  });
});

describe('serve: the command line', () => {
  it('answers every file that build writes at its path, with its bytes and type', async () => {
    const p = startServe(['--services', SERVICES, '--port', '0'], work);
    const [, origin] = await p.waitFor(LISTENING);
    // serve answers uncompressed: the precompressed copies are for hosts that negotiate encodings.
    const files = [...dist].filter(([path]) => !/\.(gz|br)$/.test(path));
    expect(files.length).toBeGreaterThan(1 + 15 + FIXTURE_COUNT);
    for (const [path, bytes] of files) {
      const reply = await request(String(origin), `/${path}`);
      expect([path, reply.status]).toEqual([path, 200]);
      expect(reply.body.equals(bytes)).toBe(true);
      expectCommonHeaders(reply.headers);
      if (path.endsWith('.json')) expect(reply.headers['content-type']).toBe('application/json');
      if (path.endsWith('.html')) expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    }
    p.child.kill('SIGINT');
    expect(await p.exited).toBe(0);
  });

  it('serves the catalog on the port it prints, and stops cleanly on SIGTERM', async () => {
    const p = startServe(['--services', SERVICES, '--port', '0'], work);
    const [, origin] = await p.waitFor(LISTENING);
    for (const url of [`/${API}/`, `/${API}/filters/for_hg/for_cc/`, `/${API}/call-waiting/`]) {
      const reply = await request(String(origin), url);
      expect([url, reply.status]).toEqual([url, 200]);
      expect(reply.body.equals(fileFor(url) as Buffer)).toBe(true);
    }
    const byQuery = await request(String(origin), `/${API}/?for_cc=true&for_hg=true`);
    expect(byQuery.body.equals(fileFor(`/${API}/filters/for_hg/for_cc/`) as Buffer)).toBe(true);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(p.stdout()).toBe('');
    expect(
      p
        .stderr()
        .replace(/ in \d+\.\d\d s$/m, ' in T s')
        .replace(/:\d+\//, ':PORT/'),
    ).toBe(
      `serve: ${FIXTURE_COUNT} services read in T s\nserve: listening on http://127.0.0.1:PORT/${API}/\nserve: stopped\n`,
    );
  });

  it('prints the problems and exits 1 when the catalog has errors at start', () => {
    const dir = writeTree(tempDir(), { 'services/bad.yaml': 'technical_name: Bad\nfor_hg: yes\n' });
    const run = runCli(['serve', '--port', '0'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe(
      'services/bad.yaml:2:9: error yaml11-boolean: for_hg is the string "yes": YAML 1.2 reads yes as text, not as a boolean; write true\n',
    );
    expect(run.stderr.replace(/ in \d+\.\d\d s$/m, ' in T s')).toBe('serve: 1 service read, 1 error in T s\n');
  });

  describe('an address it cannot listen on: one line that says what to change, and exit 2', () => {
    const one = () => writeTree(tempDir(), { 'services/a.yaml': 'technical_name: A\n' });
    const READ = 'serve: 1 service read in T s\n';
    const listenOn = (args: string[], program?: Unprivileged) => {
      const cwd = one();
      // The folder of the case must be reachable by the unprivileged process.
      if (program !== undefined) chmodSync(cwd, 0o755);
      const r = runCli(['serve', ...args], { cwd, program });
      return [r.status, r.stdout, untimed(r.stderr)];
    };

    it('a port in use, which names the address and suggests --port', () => {
      expect(listenOn(['--port', String(server.port)])).toEqual([
        2,
        '',
        `${READ}user-services serve: 127.0.0.1:${server.port} is already in use by another program; choose another port with --port N, or --port 0 for any free one\n`,
      ]);
    });

    it('a port in use on an IPv6 address', async () => {
      const taken = createServer();
      await new Promise<void>((resolve) => taken.listen(0, '::1', resolve));
      const { port } = taken.address() as AddressInfo;
      try {
        expect(listenOn(['--host', '::1', '--port', String(port)])).toEqual([
          2,
          '',
          `${READ}user-services serve: [::1]:${port} is already in use by another program; choose another port with --port N, or --port 0 for any free one\n`,
        ]);
      } finally {
        taken.close();
      }
    });

    it('an address of another machine', () => {
      expect(listenOn(['--host', '203.0.113.9', '--port', '0'])).toEqual([
        2,
        '',
        `${READ}user-services serve: cannot listen on 203.0.113.9:0: 203.0.113.9 is not an address of this machine (EADDRNOTAVAIL); choose one with --host, such as 127.0.0.1\n`,
      ]);
    });

    it('a host name that cannot be resolved', () => {
      expect(listenOn(['--host', 'no-such-host.invalid', '--port', '0'])).toEqual([
        2,
        '',
        `${READ}user-services serve: cannot listen on no-such-host.invalid:0: the host name no-such-host.invalid cannot be resolved (ENOTFOUND); give an address with --host, such as 127.0.0.1\n`,
      ]);
    });

    // Root may listen on any port: the low port is tried as "nobody" (see unprivileged).
    it.skipIf(!canDropPrivileges)('a port below 1024 without the privilege', () => {
      expect(listenOn(['--port', '80'], unprivileged())).toEqual([
        2,
        '',
        `${READ}user-services serve: not allowed to listen on 127.0.0.1:80 (EACCES): ports below 1024 need privileges; choose another port with --port N, or --port 0 for any free one\n`,
      ]);
    });
  });

  it('refuses a bad port with a usage error (2)', () => {
    const run = runCli(['serve', '--port', '99999'], { cwd: work });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'user-services serve: --port must be a number from 0 to 65535, not "99999"\nUsage: user-services serve [--services DIR] [--port N] [--host HOST] [--watch] [--format text|github|json]\n',
    );
  });
});
