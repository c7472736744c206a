/**
 * nginx and Caddy derive a file's ETag from its modification time in whole
 * seconds and its size. A published file whose bytes change must get a time
 * of a later second than any file published at that path before (replaced,
 * or deleted and added again), or a client revalidating with the old ETag
 * would be told 304 and keep the old body; a file whose bytes did not change
 * keeps its time (and its ETag). No time is ever ahead of the clock.
 */
import { chmodSync, existsSync, mkdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSite } from '../../scripts/adapters/write-site.js';
import { main } from '../../scripts/cli/main.js';
import { CADDY_IMPORT } from '../../scripts/core/hosting/caddy.js';
import { NGINX_INCLUDE } from '../../scripts/core/hosting/nginx.js';
import { runCli } from '../helpers/cli.js';
import { readTree, tempDir, writeTree } from '../helpers/fs.js';
import { freePort, programAvailable, type Running, startServer } from '../helpers/program.js';
import { rawRequest } from '../helpers/raw-http.js';

const second = (ms: number) => Math.floor(ms / 1000);
const bytes = (s: string) => new TextEncoder().encode(s);
const site = (files: Record<string, string>) => new Map(Object.entries(files).map(([p, s]) => [p, bytes(s)]));

/** Waits for the start of the next second of the clock, so that what follows starts early in one second. */
async function nextSecond(): Promise<void> {
  await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 5));
}

/** The modification time of every file below `root` (links followed), by path. */
function times(root: string): Map<string, number> {
  return new Map([...readTree(root).keys()].map((p) => [p, statSync(join(root, p)).mtimeMs]));
}

/** No file's time is after the clock (nginx would send a Last-Modified in the future; tar and make warn). */
function expectNoFutureTime(root: string): void {
  const now = Date.now();
  const ahead = [...times(root)].filter(([, ms]) => ms > now);
  expect(ahead).toEqual([]);
}

describe('the modification time of a published file', () => {
  it('is of a later second when its bytes change within the same second, at the same length, and never ahead of the clock', async () => {
    const out = join(tempDir(), 'dist');
    await nextSecond();
    await writeSite(out, site({ 'x.json': 'one', 'same.json': 'kept' }));
    const first = statSync(join(out, 'x.json'));
    const kept = statSync(join(out, 'same.json'));
    await writeSite(out, site({ 'x.json': 'two', 'same.json': 'kept' }));
    const then = statSync(join(out, 'x.json'));
    expect(then.size).toBe(first.size);
    expect(second(then.mtimeMs)).toBe(second(first.mtimeMs) + 1);
    expectNoFutureTime(out);
    expect([statSync(join(out, 'same.json')).mtimeMs, statSync(join(out, 'same.json')).ino]).toEqual([
      kept.mtimeMs,
      kept.ino,
    ]);
  });

  it('is of a later second than a file deleted and added again within one second (the clock is kept in the manifest)', async () => {
    const out = join(tempDir(), 'dist');
    await nextSecond();
    await writeSite(out, site({ 'x.json': 'one', 'y.json': 'y1' }));
    const first = statSync(join(out, 'x.json')).mtimeMs;
    await writeSite(out, site({ 'y.json': 'y2' }));
    expect(existsSync(join(out, 'x.json'))).toBe(false);
    await writeSite(out, site({ 'x.json': 'two', 'y.json': 'y2' }));
    const again = statSync(join(out, 'x.json')).mtimeMs;
    expect(second(again)).toBeGreaterThan(second(first));
    expectNoFutureTime(out);
  });

  it('increases by a second with each of rapid builds, and is never ahead of the clock', async () => {
    const out = join(tempDir(), 'dist');
    const seconds: number[] = [];
    for (const word of ['aaaa', 'bbbb', 'cccc', 'dddd', 'eeee', 'ffff']) {
      await writeSite(out, site({ 'x.json': word }));
      expectNoFutureTime(out);
      seconds.push(second(statSync(join(out, 'x.json')).mtimeMs));
    }
    for (let i = 1; i < seconds.length; i++) expect(seconds[i]).toBeGreaterThan(seconds[i - 1] as number);
  }, 30_000);

  it('does not wait when nothing is written, nor when the last write was in an earlier second', async () => {
    const out = join(tempDir(), 'dist');
    await writeSite(out, site({ 'x.json': 'one' }));
    let started = Date.now();
    await writeSite(out, site({ 'x.json': 'one' }));
    expect(Date.now() - started).toBeLessThan(500);
    await nextSecond();
    started = Date.now();
    await writeSite(out, site({ 'x.json': 'two' }));
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('moves past the time of a file edited by hand when the build publishes the file again', async () => {
    const out = join(tempDir(), 'dist');
    await writeSite(out, site({ 'x.json': 'one' }));
    writeFileSync(join(out, 'x.json'), 'eno');
    const edited = statSync(join(out, 'x.json')).mtimeMs;
    await writeSite(out, site({ 'x.json': 'one' }));
    expect(second(statSync(join(out, 'x.json')).mtimeMs)).toBeGreaterThan(second(edited));
    expectNoFutureTime(out);
  });

  it('is not set ahead of the clock to pass a file touched far into the future: that second is another', async () => {
    const out = join(tempDir(), 'dist');
    await writeSite(out, site({ 'x.json': 'one' }));
    const ahead = Date.now() + 60_000;
    utimesSync(join(out, 'x.json'), new Date(), new Date(ahead));
    const started = Date.now();
    await writeSite(out, site({ 'x.json': 'two' }));
    expect(Date.now() - started).toBeLessThan(2_000);
    const time = statSync(join(out, 'x.json')).mtimeMs;
    expect(time).toBeLessThanOrEqual(Date.now());
    expect(second(time)).toBeLessThan(second(ahead));
  });
});

const INSTANCE = '/api/v1/configs/user_services/voice-mail/';
const INSTANCE_FILE = `${INSTANCE.slice(1)}index.json`;

const nginxConf = (prefix: string, port: number, root: string, include: string) => `daemon off;
master_process off;
worker_processes 1;
pid ${join(prefix, 'nginx.pid')};
error_log ${join(prefix, 'error.log')} warn;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    access_log off;
    ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((n) => `${n}_temp_path ${join(prefix, n)};`).join('\n    ')}
    server {
        listen 127.0.0.1:${port};
        root ${root};
        include ${include};
    }
}
`;

const caddyFile = (prefix: string, port: number, root: string, imported: string) => `{
	admin off
	storage file_system ${join(prefix, 'storage')}
}
http://127.0.0.1:${port} {
	bind 127.0.0.1
	root * ${root}
	import ${imported}
}
`;

const NGINX = '/usr/sbin/nginx';
const CADDY = '/usr/bin/caddy';

describe.runIf(programAvailable(NGINX) && programAvailable(CADDY))('nginx and Caddy revalidating', () => {
  let work: string;
  const servers: Running[] = [];
  const describe = (text: string) =>
    writeFileSync(join(work, 'services', 'voice-mail.yaml'), `technical_name: Voice Mail\ndescription: ${text}\n`);

  beforeAll(async () => {
    work = tempDir('user-services-etag-');
    chmodSync(work, 0o755);
    writeTree(join(work, 'services'), { 'call-waiting.yaml': 'technical_name: Call Waiting\nfor_hg: true\n' });
    describe('Takes aaaa');
    expect(runCli(['build'], { cwd: work }).status).toBe(0);
    const [nginxPort, caddyPort] = [await freePort(), await freePort()];
    const prefix = (name: string) => {
      mkdirSync(join(work, name));
      return join(work, name);
    };
    const n = prefix('nginx');
    writeFileSync(
      join(n, 'nginx.conf'),
      nginxConf(n, nginxPort, join(work, 'dist'), join(work, 'hosting', NGINX_INCLUDE)),
    );
    servers.push(await startServer(NGINX, ['-p', n, '-c', join(n, 'nginx.conf')], nginxPort));
    const c = prefix('caddy');
    writeFileSync(
      join(c, 'Caddyfile'),
      caddyFile(c, caddyPort, join(work, 'dist'), join(work, 'hosting', CADDY_IMPORT)),
    );
    const env = { HOME: c, XDG_CONFIG_HOME: c, XDG_DATA_HOME: c };
    servers.push(
      await startServer(CADDY, ['run', '--config', join(c, 'Caddyfile'), '--adapter', 'caddyfile'], caddyPort, env),
    );
  });

  afterAll(async () => {
    for (const s of servers) await s.stop();
  });

  /** The command line run in this process: a build of two services takes milliseconds once loaded. */
  const build = async () => {
    const quiet = { write: () => true };
    expect(await main(['build'], { cwd: work, env: {}, stdout: quiet, stderr: quiet })).toBe(0);
  };

  /** Asks each server with the ETag it gave first: it must answer 200, the new body and a new ETag. */
  async function expectRevalidated(firsts: readonly { headers: Record<string, unknown>; status: number }[]) {
    const body = readTree(join(work, 'dist')).get(INSTANCE_FILE) as Buffer;
    for (const [i, server] of servers.entries()) {
      const etag = firsts[i]?.headers.etag as string;
      expect(firsts[i]?.status).toBe(200);
      const again = await rawRequest(server.origin + INSTANCE, { 'If-None-Match': etag });
      expect([server.origin, again.status, again.body.toString()]).toEqual([server.origin, 200, body.toString()]);
      expect(again.headers.etag).not.toBe(etag);
      const cached = await rawRequest(server.origin + INSTANCE, { 'If-None-Match': again.headers.etag as string });
      expect([server.origin, cached.status]).toEqual([server.origin, 304]);
    }
    expectNoFutureTime(join(work, 'dist'));
  }

  it('answer 200 and the new body to the first ETag after rapid builds of same-length changes', async () => {
    for (const letters of ['bbbb', 'cccc', 'dddd']) {
      describe(`Takes ${letters}`);
      await build();
      const firsts = await Promise.all(servers.map((s) => rawRequest(s.origin + INSTANCE)));
      const firstLength = firsts[0]?.body.length;
      describe(`Fakes ${letters}`);
      await build();
      expect(readTree(join(work, 'dist')).get(INSTANCE_FILE)?.length).toBe(firstLength);
      await expectRevalidated(firsts);
    }
  }, 60_000);

  it('answer 200 and the new body to the first ETag when a file is deleted and added again at once', async () => {
    for (const letters of ['jjjj', 'kkkk']) {
      describe(`Takes ${letters}`);
      await build();
      const firsts = await Promise.all(servers.map((s) => rawRequest(s.origin + INSTANCE)));
      rmSync(join(work, 'services', 'voice-mail.yaml'));
      await build();
      expect((await rawRequest(servers[0]?.origin + INSTANCE)).status).toBe(404);
      describe(`Fakes ${letters}`);
      await build();
      expect(readTree(join(work, 'dist')).get(INSTANCE_FILE)?.length).toBe(firsts[0]?.body.length);
      await expectRevalidated(firsts);
    }
  }, 60_000);
});
