/**
 * Debian's Caddy on loopback, serving a built site with the generated import
 * unchanged: the wrapper only sets what an administrator's Caddyfile would
 * (global options for a sandbox, address, root) and imports the file as built.
 */
import { chmodSync, mkdirSync, readFileSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CADDY_FILE, CADDY_IMPORT } from '../../scripts/core/hosting/caddy.js';
import { hostingFiles } from '../../scripts/core/hosting/index.js';
import { CACHE_SHORT, NO_STORE, notFoundBody } from '../../scripts/core/hosting/policy.js';
import { errorBody, httpError } from '../../scripts/core/serving/http-error.js';
import { lifecycleOf } from '../../scripts/core/serving/lifecycle.js';
import { REQUEST_LIMITS } from '../../scripts/core/serving/limits.js';
import { runCliAsync } from '../helpers/cli.js';
import { FIXTURE_COUNT, FIXTURE_LARGE_INSTANCE } from '../helpers/fixture-catalog.js';
import { itBehavesLikeAHost } from '../helpers/host-behaviour.js';
import { CADDY, caddyWrapper, startCaddy } from '../helpers/host-servers.js';
import { type BuiltSite, buildFixtureCatalog, checkUrls, urlTable } from '../helpers/hosted-site.js';
import { rawRequest as rawSocket } from '../helpers/http.js';
import { freePort, programAvailable, type Running, runProgram, startServer } from '../helpers/program.js';
import { rawRequest } from '../helpers/raw-http.js';
import { LIST_URL, USER_SERVICES_ONLY } from '../helpers/user-services-kind.js';

describe.runIf(programAvailable(CADDY))('Caddy with the generated configuration', () => {
  let built: BuiltSite;
  let server: Running;
  let prefix: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    built = buildFixtureCatalog();
    prefix = join(built.work, 'caddy');
    mkdirSync(prefix);
    env = { HOME: prefix, XDG_CONFIG_HOME: prefix, XDG_DATA_HOME: prefix };
    const port = await freePort();
    writeFileSync(join(prefix, 'Caddyfile'), caddyWrapper(prefix, port, built.dist, join(built.hosting, CADDY_IMPORT)));
    const args = ['run', '--config', join(prefix, 'Caddyfile'), '--adapter', 'caddyfile'];
    server = await startServer(CADDY, args, port, env);
  });

  afterAll(() => server?.stop());

  it('is given the import exactly as the build wrote it', () => {
    expect(built.hostingFiles.get(CADDY_IMPORT)).toEqual(
      Buffer.from(
        hostingFiles(USER_SERVICES_ONLY, lifecycleOf(built.site, USER_SERVICES_ONLY)).get(CADDY_IMPORT) as Uint8Array,
      ),
    );
  });

  it('answers every URL of the site with its status, JSON type, CORS, cache policy and exact bytes; br and gzip decode to them', async () => {
    const cases = urlTable(built.site);
    // The list twice, each filter three ways, each instance, the six folders for mirrors (_full/,
    // _index/, _deprecations/, _renames/, _history/, _manifest/), one unknown instance.
    expect(cases).toHaveLength(2 + 15 * 3 + FIXTURE_COUNT + 6 + 1);
    // The list, the filters, the one large instance, _full/, _index/ and _history/ have copies (sent
    // compressed); the other instances and the 404 body are under 1 KiB, and the manifest is made after them.
    const compressed = cases.filter((c) => built.site.has(`${c.file}.gz`) && built.site.has(`${c.file}.br`));
    expect(compressed).toHaveLength(2 + 15 * 3 + 1 + 3);
    expect(compressed.filter((c) => c.url.endsWith(`/${FIXTURE_LARGE_INSTANCE}/`))).toHaveLength(1);
    expect(await checkUrls(server.origin, built.site, cases, ['gzip', 'br'])).toEqual([]);
  });

  itBehavesLikeAHost(() => ({
    origin: server.origin,
    page: built.site.get('index.html') as Buffer,
    files: [...built.site.keys()],
  }));

  it('answers a missing file with the JSON 404 written in the import, kept as any file', async () => {
    for (const url of ['/nope', `${LIST_URL}no-such-service/`, '/_headers', '/api/']) {
      const r = await rawRequest(`${server.origin}${url}`);
      expect([url, r.status, r.headers['content-type'], r.headers['cache-control'], r.body.toString()]).toEqual([
        url,
        404,
        'application/json',
        CACHE_SHORT,
        Buffer.from(notFoundBody()).toString(),
      ]);
      expect([url, r.headers['accept-ranges'], r.headers.etag]).toEqual([url, undefined, undefined]);
    }
  });

  it('answers a file of a site its user may not read with a JSON 500 that no cache keeps', async () => {
    const folder = realpathSync(built.dist);
    const unprivileged = await startCaddy(built, 'caddy-unreadable', true);
    const failed = Buffer.from(errorBody(httpError('internal-error', 'the server failed'))).toString();
    // Caddy looks for the index files of a folder it can open but not read as for missing
    // ones: the page's folder answers the 404 (the README says so).
    const cases: [string, number, string, string][] = [
      ['/', 404, CACHE_SHORT, Buffer.from(notFoundBody()).toString()],
      [LIST_URL, 500, NO_STORE, failed],
      [`${LIST_URL}call-waiting/`, 500, NO_STORE, failed],
      ['/nope', 500, NO_STORE, failed],
    ];
    chmodSync(folder, 0o000);
    try {
      for (const [url, status, cache, body] of cases) {
        const r = await rawRequest(`${unprivileged.origin}${url}`);
        expect([url, r.status, r.headers['content-type'], r.headers['cache-control'], r.body.toString()]).toEqual([
          url,
          status,
          'application/json',
          cache,
          body,
        ]);
      }
    } finally {
      chmodSync(folder, 0o755);
      await unprivileged.stop();
    }
  });

  it("answers what Go's HTTP server refuses before any handler runs with Go's plain text, which no directive changes", async () => {
    const port = Number(new URL(server.origin).port);
    const list = '/api/v1/configs/user_services/';
    const host = `Host: 127.0.0.1:${port}`;
    const plain = (status: string, body: string) =>
      `HTTP/1.1 ${status}\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n${body}`;
    const cases: [string, string, string][] = [
      [
        'an unknown Transfer-Encoding',
        `GET ${list} HTTP/1.1\r\n${host}\r\nTransfer-Encoding: gzip\r\n\r\n`,
        plain('501 Not Implemented', 'Unsupported transfer encoding'),
      ],
      [
        'an HTTP version it does not speak',
        `GET ${list} HTTP/3.0\r\n${host}\r\n\r\n`,
        plain(
          '505 HTTP Version Not Supported: unsupported protocol version',
          '505 HTTP Version Not Supported: unsupported protocol version',
        ),
      ],
      ['a request line that is not HTTP', 'garbage\r\n\r\n', plain('400 Bad Request', '400 Bad Request')],
      [
        'headers over 1 MB',
        `GET ${list} HTTP/1.1\r\n${host}\r\nX-Big: ${'a'.repeat(1024 * 1024 + 8192)}\r\n\r\n`,
        plain('431 Request Header Fields Too Large', '431 Request Header Fields Too Large'),
      ],
    ];
    for (const [what, request, answer] of cases) {
      const reply = await rawSocket(port, request, { waitMs: 5_000 });
      expect([what, reply.text]).toEqual([what, answer]);
    }
    // Under 1 MB (Caddy's default), a header line nginx refuses is read: the list.
    const big = await rawSocket(
      port,
      `GET ${list} HTTP/1.1\r\n${host}\r\nConnection: close\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      {
        waitMs: 5_000,
      },
    );
    expect(big.status).toBe(200);
  });

  it('is caught by verify when it serves a damaged .br copy, which browsers get and a gzip client does not', async () => {
    const path = `${LIST_URL.slice(1)}_history/index.json`;
    const file = join(built.dist, path);
    const plain = readFileSync(file);
    const copy = readFileSync(`${file}.br`);
    // Replaced, not written in place: the build's files may be links to the ones it keeps.
    const replace = (bytes: Uint8Array) => {
      writeFileSync(`${file}.br.tmp`, bytes);
      renameSync(`${file}.br.tmp`, `${file}.br`);
    };
    replace(brotliCompressSync(Buffer.from(plain.toString('utf8').replace('"api_version"', '"api_versiom"'))));
    try {
      const served = await rawRequest(`${server.origin}/${path}`, { 'Accept-Encoding': 'br' });
      expect(served.headers['content-encoding']).toBe('br');
      const r = await runCliAsync(['verify', `${server.origin}/`, '--format', 'json'], { cwd: built.work });
      const found = JSON.parse(r.stdout).diagnostics.map(
        (d: { code: string; file: string; args: { asked: string } }) => [d.code, d.file, d.args.asked],
      );
      expect([r.status, found]).toEqual([1, [['verify-encoding-differs', `${server.origin}/${path}`, 'br']]]);
    } finally {
      replace(copy);
    }
    const r = await runCliAsync(['verify', `${server.origin}/`], { cwd: built.work });
    expect([r.status, r.stdout]).toEqual([0, '']);
  });

  it('accepts the complete example Caddyfile, once its import is where it says', () => {
    const installed = '/etc/caddy/user-services.caddy';
    const example = (built.hostingFiles.get(CADDY_FILE) as Buffer).toString();
    expect(example).toContain(`import ${installed}\n`);
    const path = join(prefix, 'Example');
    writeFileSync(path, example.replace(`import ${installed}\n`, `import ${join(built.hosting, CADDY_IMPORT)}\n`));
    const result = runProgram(CADDY, ['adapt', '--config', path, '--adapter', 'caddyfile']);
    expect([result.status, result.output]).toEqual([0, expect.stringContaining('"file_server"')]);
    // The preview server's bound on the request line and headers, as a global option.
    expect(result.output).toContain(`"max_header_bytes":${REQUEST_LIMITS.maxHeaderBytes}`);
  });
});
