// Abuse benchmark: `user-services serve` and Debian's nginx with the generated
// configuration, the same catalog, the same attacks, one after the other in one run.
//
//   flood     300 connections, each sending 5,000 pipelined GETs of the list in one write and reading nothing
//   no-read   520 connections, each sending one GET and never reading its answer
//   both      the two at once
//
// With --reconnect, an attacker whose connection is closed connects again at once, for the whole
// attack (the client then competes for the same cores as the servers). Meanwhile a
// probe asks for the list on a new connection every 250 ms; a probe counts as answered when the
// whole list arrives with status 200 within 1 s. The server's resident memory (RSS) is sampled every
// 50 ms; each attack runs against a freshly started server. Prints a table, and exits 1 when `serve`
// misses the target: every probe answered within 1 s and a peak RSS under 300 MiB.
//
//   node bench/abuse.mjs [--seconds 10] [--only serve|nginx] [--services DIR] [--reconnect]
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'lib/user-services.mjs');
const NGINX = '/usr/sbin/nginx';
const LIST = '/api/v1/configs/user_services/';
const MiB = 1024 * 1024;
const PROBE_EVERY_MS = 250;
const PROBE_DEADLINE_MS = 1_000;
const TARGET_RSS = 300 * MiB;

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    only: { type: 'string' },
    services: { type: 'string', default: join(ROOT, 'services') },
    reconnect: { type: 'boolean', default: false },
    // Internal: the probing process, kept apart so that the attackers' work does not delay the probes.
    probe: { type: 'string' },
  },
});
const seconds = Number(values.seconds);

const ATTACKS = [
  { name: 'flood', flood: 300, noRead: 0 },
  { name: 'no-read', flood: 0, noRead: 520 },
  { name: 'both', flood: 300, noRead: 520 },
];

const PIPELINED = Buffer.from(`GET ${LIST} HTTP/1.1\r\nHost: x\r\n\r\n`.repeat(5_000));
const ONE_GET = Buffer.from(`GET ${LIST} HTTP/1.1\r\nHost: x\r\n\r\n`);

function run(command, args) {
  const r = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${r.stdout}${r.stderr}`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The nginx.conf an administrator would write around the generated include. */
function nginxConf(prefix, port, dist, include) {
  const temp = (name) => `${name}_temp_path ${join(prefix, name)};`;
  return `daemon off;
master_process off;
worker_processes 1;
pid ${join(prefix, 'nginx.pid')};
error_log ${join(prefix, 'error.log')} crit;
events { worker_connections 4096; }
http {
    include /etc/nginx/mime.types;
    access_log off;
    ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n    ')}
    server {
        listen 127.0.0.1:${port};
        root ${dist};
        include ${include};
    }
}
`;
}

/** Starts a server process and resolves once `ready` says it listens. */
function start(name, command, args, origin) {
  const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => {
    output += d;
  });
  child.stderr.on('data', (d) => {
    output += d;
  });
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 60_000;
    const poll = async () => {
      if (child.exitCode !== null) return reject(new Error(`${name} exited:\n${output}`));
      const origin_ = typeof origin === 'function' ? origin(output) : origin;
      if (origin_ !== undefined && (await probe(origin_)).ok) return resolve({ child, origin: origin_ });
      if (Date.now() > deadline) return reject(new Error(`${name} did not answer:\n${output}`));
      setTimeout(poll, 100);
    };
    poll();
  });
}

const TARGETS = {
  async serve(work) {
    const server = await start(
      'serve',
      process.execPath,
      [CLI, 'serve', '--services', work.services, '--port', '0'],
      (out) => /listening on (http:\/\/[^/]+)\//.exec(out)?.[1],
    );
    return server;
  },
  async nginx(work) {
    const port = await freePort();
    const prefix = mkdtempSync(join(work.dir, 'nginx-'));
    writeFileSync(join(prefix, 'nginx.conf'), nginxConf(prefix, port, work.dist, work.include));
    return start('nginx', NGINX, ['-p', prefix, '-c', join(prefix, 'nginx.conf')], `http://127.0.0.1:${port}`);
  },
};

/** One GET of the list on a new connection: whether the whole of it came with 200 within the deadline. */
function probe(origin, expected) {
  const started = performance.now();
  return new Promise((resolve) => {
    const done = (ok) => resolve({ ok, ms: performance.now() - started });
    const req = request(`${origin}${LIST}`, { agent: false, timeout: PROBE_DEADLINE_MS }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const ms = performance.now() - started;
        done(res.statusCode === 200 && (expected === undefined || body.equals(expected)) && ms <= PROBE_DEADLINE_MS);
      });
      res.on('error', () => done(false));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => done(false));
    req.end();
  });
}

/** Attackers that connect, write `bytes` and never read (with --reconnect, again when closed), until `stop()`. */
function attackers(port, count, bytes) {
  let stopped = false;
  const sockets = new Set();
  const open = () => {
    if (stopped) return;
    const socket = connect(port, '127.0.0.1');
    sockets.add(socket);
    // No 'data' listener and paused: the socket reads at most its buffer, then nothing.
    socket.pause();
    socket.on('connect', () => socket.write(bytes));
    socket.on('error', () => {});
    socket.on('close', () => {
      sockets.delete(socket);
      if (values.reconnect) setImmediate(open);
    });
  };
  for (let i = 0; i < count; i++) open();
  return () => {
    stopped = true;
    for (const s of sockets) s.destroy();
  };
}

/** Runs this script as the prober for `seconds`: its results, one per probe. */
function probeFromElsewhere(origin, expected) {
  const child = spawn(
    process.execPath,
    [fileURLToPath(import.meta.url), '--probe', origin, '--seconds', String(seconds)],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  child.stdin.end(expected);
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  return new Promise((resolve) => child.on('close', () => resolve(JSON.parse(out))));
}

/** The prober's side: reads the expected body on standard input, probes, prints the results as JSON. */
async function prober(origin) {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const expected = Buffer.concat(chunks);
  const probes = [];
  const timer = setInterval(() => probes.push(probe(origin, expected)), PROBE_EVERY_MS);
  await new Promise((resolve) => setTimeout(resolve, seconds * 1_000));
  clearInterval(timer);
  process.stdout.write(JSON.stringify(await Promise.all(probes)));
}

function rss(pid) {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb ?? 0) * 1024;
}

async function runAttack(target, attack, work) {
  const server = await TARGETS[target](work);
  const { child, origin } = server;
  const port = Number(new URL(origin).port);
  const expected = await new Promise((resolve, reject) => {
    request(`${origin}${LIST}`, { agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks)));
    })
      .on('error', reject)
      .end();
  });
  let peak = rss(child.pid);
  const sampler = setInterval(() => {
    peak = Math.max(peak, rss(child.pid));
  }, 50);
  const stops = [attackers(port, attack.flood, PIPELINED), attackers(port, attack.noRead, ONE_GET)];
  const results = await probeFromElsewhere(origin, expected);
  clearInterval(sampler);
  for (const stop of stops) stop();
  const alive = child.exitCode === null;
  child.kill('SIGTERM');
  await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
  const worst = Math.max(...results.map((r) => r.ms));
  return {
    target,
    attack: attack.name,
    answered: results.filter((r) => r.ok).length,
    probes: results.length,
    worst,
    peak,
    alive,
  };
}

function prepare() {
  run(process.execPath, ['scripts/bundle.mjs']);
  const dir = mkdtempSync(join(tmpdir(), 'user-services-abuse-'));
  const dist = join(dir, 'dist');
  const hosting = join(dir, 'hosting');
  run(process.execPath, [CLI, 'build', '--services', values.services, '--out', dist, '--hosting-out', hosting]);
  mkdirSync(join(dir, 'run'));
  return { dir, dist, services: values.services, include: join(hosting, 'nginx/user-services.conf') };
}

const mib = (bytes) => (bytes / MiB).toFixed(1);

async function main() {
  const work = prepare();
  const targets = values.only === undefined ? ['serve', 'nginx'] : [values.only];
  const rows = [];
  try {
    for (const attack of ATTACKS) {
      for (const target of targets) {
        if (target === 'nginx' && spawnSync(NGINX, ['-v']).error !== undefined) continue;
        const row = await runAttack(target, attack, work);
        rows.push(row);
        console.error(`${attack.name} on ${target}: ${row.answered}/${row.probes} probes, peak ${mib(row.peak)} MiB`);
      }
    }
  } finally {
    rmSync(work.dir, { recursive: true, force: true });
  }
  console.log(
    `\nabuse: ${seconds} s per attack, a probe every ${PROBE_EVERY_MS} ms, answered = 200 and the whole list within ${PROBE_DEADLINE_MS} ms\n`,
  );
  console.log(
    `${'attack'.padEnd(9)}${'server'.padEnd(8)}${'answered'.padStart(10)}${'worst ms'.padStart(10)}${'peak RSS MiB'.padStart(14)}${'RSS vs nginx'.padStart(14)}`,
  );
  for (const row of rows) {
    const nginx = rows.find((r) => r.attack === row.attack && r.target === 'nginx');
    const ratio = nginx === undefined || row.target === 'nginx' ? '' : `${(row.peak / nginx.peak).toFixed(1)}x`;
    console.log(
      `${row.attack.padEnd(9)}${row.target.padEnd(8)}${`${row.answered}/${row.probes}`.padStart(10)}` +
        `${row.worst.toFixed(0).padStart(10)}${mib(row.peak).padStart(14)}${ratio.padStart(14)}${row.alive ? '' : '  (died)'}`,
    );
  }
  const missed = rows.filter(
    (r) => r.target === 'serve' && (r.answered < r.probes || r.peak >= TARGET_RSS || !r.alive),
  );
  for (const r of missed) {
    console.log(
      `\nserve missed the target under ${r.attack}: ${r.answered}/${r.probes} probes, peak ${mib(r.peak)} MiB (target: all, under ${mib(TARGET_RSS)} MiB)`,
    );
  }
  process.exitCode = missed.length === 0 ? 0 : 1;
}

if (values.probe === undefined) await main();
else await prober(values.probe);
