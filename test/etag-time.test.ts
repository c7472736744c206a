/**
 * nginx and Caddy derive a file's ETag from its modification time in whole
 * seconds and its size. A published file whose bytes change must get a time
 * of a later second than the file it replaces, or a client revalidating with
 * the old ETag would be told 304 and keep the old body; a file whose bytes
 * did not change keeps its time (and its ETag).
 */
import { chmodSync, lstatSync, mkdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSite } from '../scripts/adapters/write-site.js';
import { main } from '../scripts/cli/main.js';
import { CADDY_IMPORT } from '../scripts/core/hosting/caddy.js';
import { NGINX_INCLUDE } from '../scripts/core/hosting/nginx.js';
import { runCli } from './helpers/cli.js';
import { readTree, tempDir, writeTree } from './helpers/fs.js';
import { freePort, programAvailable, type Running, startServer } from './helpers/program.js';
import { rawRequest } from './helpers/raw-http.js';

const second = (ms: number) => Math.floor(ms / 1000);
const bytes = (s: string) => new TextEncoder().encode(s);
const site = (files: Record<string, string>) => new Map(Object.entries(files).map(([p, s]) => [p, bytes(s)]));

/** Waits for the start of the next second of the clock, so that what follows fits in one second. */
async function nextSecond(): Promise<void> {
  await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 5));
}

describe('the modification time of a published file', () => {
  it('moves to a later second when its bytes change within the same second, at the same length', async () => {
    for (let attempt = 0; ; attempt++) {
      const out = join(tempDir(), 'dist');
      await nextSecond();
      await writeSite(out, site({ 'x.json': 'one', 'same.json': 'kept' }));
      const first = statSync(join(out, 'x.json'));
      const kept = statSync(join(out, 'same.json'));
      await writeSite(out, site({ 'x.json': 'two', 'same.json': 'kept' }));
      // Both writes fell in one second (else the case was not exercised: try again).
      const exercised = second(Date.now()) === second(first.mtimeMs);
      if (!exercised && attempt < 5) continue;
      expect(exercised, 'no two writes fitted in one second').toBe(true);
      const then = statSync(join(out, 'x.json'));
      expect(then.size).toBe(first.size);
      expect(second(then.mtimeMs)).toBeGreaterThan(second(first.mtimeMs));
      expect([statSync(join(out, 'same.json')).mtimeMs, statSync(join(out, 'same.json')).ino]).toEqual([
        kept.mtimeMs,
        kept.ino,
      ]);
      return;
    }
  });

  it('moves past the time of a file edited by hand when the build publishes the file again', async () => {
    const out = join(tempDir(), 'dist');
    await writeSite(out, site({ 'x.json': 'one' }));
    writeFileSync(join(out, 'x.json'), 'eno');
    const edited = statSync(join(out, 'x.json')).mtimeMs;
    await writeSite(out, site({ 'x.json': 'one' }));
    expect(second(statSync(join(out, 'x.json')).mtimeMs)).toBeGreaterThan(second(edited));
  });

  it('moves past a time in the future (a clock set back, a file touched ahead)', async () => {
    const out = join(tempDir(), 'dist');
    await writeSite(out, site({ 'x.json': 'one' }));
    const ahead = Date.now() + 60_000;
    utimesSync(join(out, 'x.json'), new Date(), new Date(ahead));
    await writeSite(out, site({ 'x.json': 'two' }));
    expect(second(statSync(join(out, 'x.json')).mtimeMs)).toBe(second(ahead) + 1);
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

  it('answer 200 and the new body to the first ETag after two builds within one second and a same-length change', async () => {
    const letters = ['bbbb', 'cccc', 'dddd', 'eeee', 'ffff', 'gggg', 'hhhh', 'iiii'];
    // The command line run in this process: once its modules are loaded, a build of two services
    // takes milliseconds, and two of them fit in one second even on a busy machine.
    const quiet = { write: () => true };
    const io = { cwd: work, env: {}, stdout: quiet, stderr: quiet };
    let took = 0;
    const timedBuild = async () => {
      const started = Date.now();
      expect(await main(['build'], io)).toBe(0);
      took = Date.now() - started;
    };
    await timedBuild();
    for (let attempt = 0; ; attempt++) {
      describe(`Takes ${letters[attempt]}`);
      // Started so that the first build writes just after a second begins: the second build then
      // has the rest of that second.
      await new Promise((r) => setTimeout(r, (2000 - ((Date.now() + took) % 1000) + 20) % 1000));
      await timedBuild();
      const firstTime = lstatSync(join(work, 'dist', INSTANCE_FILE)).mtimeMs;
      const firsts = await Promise.all(servers.map((s) => rawRequest(s.origin + INSTANCE)));
      describe(`Fakes ${letters[attempt]}`);
      await timedBuild();
      // The second build must have ended in the first one's second, or the case was not exercised.
      const exercised = second(Date.now()) === second(firstTime);
      if (!exercised && attempt < letters.length - 1) continue;
      expect(exercised, 'no two builds fitted in one second').toBe(true);
      const body = readTree(join(work, 'dist')).get(INSTANCE_FILE) as Buffer;
      expect(body.length).toBe(firsts[0]?.body.length);
      for (const [i, server] of servers.entries()) {
        const etag = firsts[i]?.headers.etag as string;
        expect(firsts[i]?.status).toBe(200);
        const again = await rawRequest(server.origin + INSTANCE, { 'If-None-Match': etag });
        expect([server.origin, again.status, again.body.toString()]).toEqual([server.origin, 200, body.toString()]);
        expect(again.headers.etag).not.toBe(etag);
        const cached = await rawRequest(server.origin + INSTANCE, { 'If-None-Match': again.headers.etag as string });
        expect([server.origin, cached.status]).toEqual([server.origin, 304]);
      }
      return;
    }
  }, 60_000);
});
