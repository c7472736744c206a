/**
 * `user-services serve` run as a command: it answers every file `build` writes, with
 * its bytes and type, and an address it cannot listen on is one line that says
 * what to change, and exit 2. (The URL table, errors and HTTP semantics of the
 * server it starts: serve.test.ts.)
 */

import { chmodSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readServices } from '../../../scripts/adapters/read-services.js';
import { KINDS } from '../../../scripts/core/kinds/index.js';
import type { Service } from '../../../scripts/core/model/service.js';
import { HOST_ONLY_PATHS } from '../../../scripts/core/model/site.js';
import { ROOT, runCli, untimed } from '../../helpers/cli.js';
import { analyzeInput } from '../../helpers/core.js';
import { FIXTURE_COUNT, FIXTURE_RENAMES, FIXTURE_SERVICES } from '../../helpers/fixture-catalog.js';
import { readTree, tempDir, writeTree } from '../../helpers/fs.js';
import { request, startServer } from '../../helpers/http.js';
import { pageAssets } from '../../helpers/page.js';
import { LISTENING, startServe } from '../../helpers/serve.js';
import { canDropPrivileges, type Unprivileged, unprivileged } from '../../helpers/unprivileged.js';
import { emitSite } from '../../helpers/user-services-kind.js';

const API = 'api/v1/configs/user_services';
const SERVICES = FIXTURE_SERVICES;

let work: string;
let dist: Map<string, Buffer>;
let services: readonly Service[];
let server: Awaited<ReturnType<typeof startServer>>;
const fileFor = (url: string) => dist.get(`${url.slice(1)}index.json`);
beforeAll(async () => {
  work = tempDir('user-services-serve-');
  // The static files, built by the command line: the server must answer these bytes.
  const built = runCli(['build', '--services', SERVICES, '--out', join(work, 'dist')], { cwd: work });
  expect(built.status).toBe(0);
  dist = readTree(join(work, 'dist'));
  services = analyzeInput(await readServices(SERVICES, ROOT, KINDS)).services;
  server = await startServer(emitSite(services, { pretty: false, page: pageAssets() }));
});

afterAll(async () => {
  await server?.server.close();
});

function expectCommonHeaders(headers: Record<string, unknown>) {
  expect(headers['access-control-allow-origin']).toBe('*');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(String(headers.etag)).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
}

describe('serve: the command line', () => {
  it('answers every file that build writes at its path, with its bytes and type', async () => {
    const p = startServe(['--services', SERVICES, '--port', '0'], work);
    const [, origin] = await p.waitFor(LISTENING);
    // serve answers uncompressed: the precompressed copies are for hosts that negotiate encodings.
    const files = [...dist].filter(([path]) => !/\.(gz|br)$/.test(path));
    expect(files.length).toBeGreaterThan(1 + 15 + FIXTURE_COUNT);
    for (const [path, bytes] of files) {
      const reply = await request(String(origin), `/${path}`);
      // The files kept for hosts (_headers, _redirects, ...) are published but answered 404, as on every host.
      if (HOST_ONLY_PATHS.includes(path)) {
        expect([path, reply.status, JSON.parse(reply.body.toString()).error.code]).toEqual([path, 404, 'not-found']);
        continue;
      }
      // A copy of an instance at a previous name (for GitHub Pages) is redirected to the instance.
      const renamed = Object.entries(FIXTURE_RENAMES).find(([previous]) => path === `${API}/${previous}/index.json`);
      if (renamed !== undefined) {
        expect([path, reply.status, reply.headers.location]).toEqual([path, 308, `/${API}/${renamed[1]}/index.json`]);
        continue;
      }
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
    const dir = writeTree(tempDir(), { 'services/bad.yaml': 'technical_name: Basic Call Logs\nfor_hg: yes\n' });
    const run = runCli(['serve', '--port', '0'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe(
      'services/bad.yaml:2:9: error yaml11-boolean: for_hg is the string "yes": YAML 1.2 reads yes as text, not as a boolean; write true\n',
    );
    expect(run.stderr.replace(/ in \d+\.\d\d s$/m, ' in T s')).toBe('serve: 1 service read, 1 error in T s\n');
  });

  describe('an address it cannot listen on: one line that says what to change, and exit 2', () => {
    const one = () => writeTree(tempDir(), { 'services/a.yaml': 'technical_name: Authentication\n' });
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
      'user-services serve: --port must be a number from 0 to 65535, not "99999"\nUsage: user-services serve [--services DIR] [--port N] [--host HOST] [--watch] [--format text|github|json] [--history N]\n',
    );
  });
});
