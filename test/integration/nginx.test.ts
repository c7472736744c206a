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
import { FIXTURE_COUNT, FIXTURE_LARGE_INSTANCE } from '../helpers/fixture-catalog.js';
import { itBehavesLikeAHost } from '../helpers/host-behaviour.js';
import { NGINX, nginxWrapper } from '../helpers/host-servers.js';
import { type BuiltSite, buildFixtureCatalog, checkUrls, urlTable } from '../helpers/hosted-site.js';
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
    expect(built.hostingFiles.get(NGINX_INCLUDE)).toEqual(Buffer.from(hostingFiles().get(NGINX_INCLUDE) as Uint8Array));
  });

  it('answers every URL of the site with its status, JSON type, CORS, cache policy and exact bytes; gzip decodes to them', async () => {
    const cases = urlTable(built.site);
    // The list twice, each filter three ways, each instance, the four folders for mirrors (_full/,
    // _index/, _history/, _manifest/), one unknown instance.
    expect(cases).toHaveLength(2 + 15 * 3 + FIXTURE_COUNT + 4 + 1);
    // The list, the filters, the one large instance, _full/, _index/ and _history/ have copies (sent
    // compressed); the other instances and the 404 body are under 1 KiB, and the manifest is made after them.
    const compressed = cases.filter((c) => built.site.has(`${c.file}.gz`) && built.site.has(`${c.file}.br`));
    expect(compressed).toHaveLength(2 + 15 * 3 + 1 + 3);
    expect(compressed.filter((c) => c.url.endsWith(`/${FIXTURE_LARGE_INSTANCE}/`))).toHaveLength(1);
    // Debian's nginx has no Brotli module: a br request gets the plain bytes.
    expect(await checkUrls(server.origin, built.site, cases, ['gzip'])).toEqual([]);
  });

  itBehavesLikeAHost(() => ({ origin: server.origin, page: built.site.get('index.html') as Buffer }), {
    redirect: 301,
    htmlType: 'text/html',
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
