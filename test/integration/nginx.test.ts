/**
 * Debian's nginx on loopback, serving a built site with the generated include
 * unchanged: the wrapper only sets what an administrator's nginx.conf and
 * server block would (paths, port, root) and includes the file as built.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostingFiles } from '../../scripts/core/hosting/index.js';
import { NGINX_INCLUDE, NGINX_SERVER } from '../../scripts/core/hosting/nginx.js';
import { lifecycleOf } from '../../scripts/core/serving/lifecycle.js';
import { FIXTURE_COUNT, FIXTURE_LARGE_INSTANCE } from '../helpers/fixture-catalog.js';
import { itBehavesLikeAHost } from '../helpers/host-behaviour.js';
import { NGINX, nginxWrapper } from '../helpers/host-servers.js';
import { type BuiltSite, buildFixtureCatalog, checkUrls, urlTable } from '../helpers/hosted-site.js';
import { rawBody, rawRequest } from '../helpers/http.js';
import { freePort, programAvailable, type Running, runProgram, startServer } from '../helpers/program.js';

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
      Buffer.from(hostingFiles(lifecycleOf(built.site)).get(NGINX_INCLUDE) as Uint8Array),
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

  itBehavesLikeAHost(() => ({ origin: server.origin, page: built.site.get('index.html') as Buffer }), {
    htmlType: 'text/html',
  });

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
