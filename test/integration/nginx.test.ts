/**
 * Debian's nginx on loopback, serving a built site with the generated include
 * unchanged: the wrapper only sets what an administrator's nginx.conf and
 * server block would (paths, port, root) and includes the file as built.
 */
import { chmodSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostingFiles } from '../../scripts/core/hosting/index.js';
import { NGINX_INCLUDE, NGINX_SERVER } from '../../scripts/core/hosting/nginx.js';
import { UNREADABLE } from '../../scripts/core/hosting/nginx-errors.js';
import { CACHE_SHORT, NO_STORE, notFoundBody } from '../../scripts/core/hosting/policy.js';
import { errorBody } from '../../scripts/core/serving/http-error.js';
import { lifecycleOf } from '../../scripts/core/serving/lifecycle.js';
import { FIXTURE_COUNT, FIXTURE_LARGE_INSTANCE } from '../helpers/fixture-catalog.js';
import { itBehavesLikeAHost } from '../helpers/host-behaviour.js';
import { NGINX, nginxWrapper, startNginx } from '../helpers/host-servers.js';
import { type BuiltSite, buildFixtureCatalog, checkUrls, urlTable } from '../helpers/hosted-site.js';
import { rawBody, rawRequest } from '../helpers/http.js';
import { freePort, programAvailable, type Running, runProgram, startServer } from '../helpers/program.js';
import { rawRequest as request } from '../helpers/raw-http.js';
import { LIST_URL, USER_SERVICES_ONLY } from '../helpers/user-services-kind.js';

describe.runIf(programAvailable(NGINX))('nginx with the generated configuration', () => {
  let built: BuiltSite;
  let server: Running;
  let prefix: string;

  beforeAll(async () => {
    built = buildFixtureCatalog();
    prefix = join(built.work, 'nginx');
    mkdirSync(prefix);
    const port = await freePort();
    writeFileSync(
      join(prefix, 'nginx.conf'),
      nginxWrapper(prefix, port, built.dist, join(built.hosting, NGINX_INCLUDE)),
    );
    server = await startServer(NGINX, ['-p', prefix, '-c', join(prefix, 'nginx.conf')], port);
  });

  afterAll(() => server?.stop());

  it('is given the include exactly as the build wrote it', () => {
    expect(built.hostingFiles.get(NGINX_INCLUDE)).toEqual(
      Buffer.from(
        hostingFiles(USER_SERVICES_ONLY, lifecycleOf(built.site, USER_SERVICES_ONLY)).get(NGINX_INCLUDE) as Uint8Array,
      ),
    );
  });

  it('answers every URL of the site with its status, JSON type, CORS, cache policy and exact bytes; gzip decodes to them', async () => {
    const cases = urlTable(built.site);
    // The list twice, each filter three ways, each instance, the six folders for mirrors (_full/,
    // _index/, _deprecations/, _renames/, _history/, _manifest/), one unknown instance.
    expect(cases).toHaveLength(2 + 15 * 3 + FIXTURE_COUNT + 6 + 1);
    // The list, the filters, the one large instance, _full/, _index/ and _history/ have copies (sent
    // compressed); the other instances and the 404 body are under 1 KiB, and the manifest is made after them.
    const compressed = cases.filter((c) => built.site.has(`${c.file}.gz`) && built.site.has(`${c.file}.br`));
    expect(compressed).toHaveLength(2 + 15 * 3 + 1 + 3);
    expect(compressed.filter((c) => c.url.endsWith(`/${FIXTURE_LARGE_INSTANCE}/`))).toHaveLength(1);
    // Debian's nginx has no Brotli module: a br request gets the plain bytes.
    expect(await checkUrls(server.origin, built.site, cases, ['gzip'])).toEqual([]);
  });

  itBehavesLikeAHost(() => ({
    origin: server.origin,
    page: built.site.get('index.html') as Buffer,
    files: [...built.site.keys()],
  }));

  it("answers its own refusals as the preview server does: JSON, never cached, without nginx's name", async () => {
    const port = Number(new URL(server.origin).port);
    const list = '/api/v1/configs/user_services/';
    const cases: [string, string, number, string][] = [
      [
        'an unknown Transfer-Encoding',
        `GET ${list} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n`,
        400,
        'bad-request',
      ],
      ['an HTTP version it does not speak', `GET ${list} HTTP/3.0\r\nHost: x\r\n\r\n`, 400, 'bad-request'],
      [
        'a header over its buffers',
        `GET ${list} HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
        431,
        'headers-too-large',
      ],
    ];
    for (const [what, request, status, code] of cases) {
      const reply = await rawRequest(port, request, { waitMs: 5_000 });
      const head = reply.text.slice(0, reply.text.indexOf('\r\n\r\n')).toLowerCase();
      const body = JSON.parse(rawBody(reply.text)) as { error: { status: number; code: string } };
      expect([what, reply.status, body.error.status, body.error.code]).toEqual([what, status, status, code]);
      expect([what, head.includes('content-type: application/json'), head.includes('cache-control: no-store')]).toEqual(
        [what, true, true],
      );
      expect(reply.text.toLowerCase().includes('<center>nginx')).toBe(false);
    }
  });

  it('refuses one header line over its 8 KiB buffer, but reads many smaller ones', async () => {
    const port = Number(new URL(server.origin).port);
    const head = (fields: string[]) =>
      `GET /api/v1/configs/user_services/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${fields.join('')}\r\n`;
    const one = await rawRequest(port, head([`X-Big: ${'a'.repeat(8200)}\r\n`]), { waitMs: 5_000 });
    const many = await rawRequest(port, head(Array.from({ length: 7 }, (_, i) => `X-H${i}: ${'a'.repeat(4000)}\r\n`)), {
      waitMs: 5_000,
    });
    const tooMany = head(Array.from({ length: 20 }, (_, i) => `X-H${i}: ${'a'.repeat(4000)}\r\n`));
    const over = await rawRequest(port, tooMany, { waitMs: 5_000 });
    expect([one.status, many.status, over.status]).toEqual([431, 200, 431]);
  });

  it('answers a missing file with the JSON 404 written in the include, kept as any file', async () => {
    for (const url of ['/nope', `${LIST_URL}no-such-service/`, '/_headers', '/api/']) {
      const r = await request(`${server.origin}${url}`);
      const cache = url === '/api/' ? NO_STORE : CACHE_SHORT;
      const body = url === '/api/' ? errorBody(UNREADABLE) : notFoundBody();
      expect([url, r.status, r.headers['content-type'], r.headers['cache-control'], r.body.toString()]).toEqual([
        url,
        404,
        'application/json',
        cache,
        Buffer.from(body).toString(),
      ]);
    }
  });

  it('answers a site its user may not read with a JSON 404 that no cache keeps, never its HTML 403', async () => {
    const folder = realpathSync(built.dist);
    const unprivileged = await startNginx(built, 'nginx-unreadable', true);
    chmodSync(folder, 0o000);
    try {
      for (const url of ['/', LIST_URL, `${LIST_URL}call-waiting/`, '/nope']) {
        const r = await request(`${unprivileged.origin}${url}`);
        expect([url, r.status, r.headers['content-type'], r.headers['cache-control'], r.body.toString()]).toEqual([
          url,
          404,
          'application/json',
          NO_STORE,
          Buffer.from(errorBody(UNREADABLE)).toString(),
        ]);
      }
    } finally {
      chmodSync(folder, 0o755);
      await unprivileged.stop();
    }
  });

  it('accepts the complete example server block, once its include is where it says', () => {
    const installed = '/etc/nginx/snippets/user-services.conf';
    const example = (built.hostingFiles.get(NGINX_SERVER) as Buffer).toString();
    expect(example).toContain(`include ${installed};`);
    writeFileSync(
      join(prefix, 'server.conf'),
      example.replace(`include ${installed};`, `include ${join(built.hosting, NGINX_INCLUDE)};`),
    );
    writeFileSync(
      join(prefix, 'check.conf'),
      `pid ${join(prefix, 'check.pid')};\nevents {}\nhttp {\n    include ${join(prefix, 'server.conf')};\n}\n`,
    );
    const result = runProgram(NGINX, ['-t', '-q', '-p', prefix, '-c', join(prefix, 'check.conf')]);
    expect(result).toEqual({ status: 0, output: '' });
  });
});
