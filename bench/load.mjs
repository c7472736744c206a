// Load benchmark of `user-services serve` on loopback: autocannon against the
// bundled command line serving the shipped catalog, a few seconds per target.
// Prints requests per second and latency percentiles per target and the
// server's memory (RSS) over the run; exits 1 on any error, non-2xx answer,
// wrong body, or memory that keeps growing.
//
//   node bench/load.mjs [--duration 5] [--connections 10]
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const API = '/api/v1/configs/user_services';
const MiB = 1024 * 1024;
// RSS may grow while V8 sizes its heap; past this, after the warm-up, memory is not stable.
const MAX_GROWTH = 64 * MiB;

const { values } = parseArgs({
  options: { duration: { type: 'string', default: '5' }, connections: { type: 'string', default: '10' } },
});
const duration = Number(values.duration);
const connections = Number(values.connections);

const TARGETS = [
  { name: 'list', path: `${API}/` },
  { name: 'filter by path', path: `${API}/filters/for_hg/for_cc/` },
  { name: 'filter by query', path: `${API}/?for_hg=true&for_cc=true` },
  { name: 'filter by JSON body', path: `${API}/`, body: '{"for_hg": true, "for_cc": true}' },
  { name: 'instance', path: `${API}/call-forwarding-always/` },
];

function bundle() {
  const r = spawnSync(process.execPath, ['scripts/bundle.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('bundling the command line failed');
}

/** Starts `serve --port 0` and resolves with its origin once it prints where it listens. */
function startServe() {
  const child = spawn(process.execPath, ['lib/user-services.mjs', 'serve', '--port', '0'], { cwd: ROOT });
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (d) => {
      stderr += d;
      const m = /listening on (http:\/\/[^/]+)\//.exec(stderr);
      if (m) resolve({ child, origin: m[1], stderr: () => stderr });
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}:\n${stderr}`)));
  });
}

/** Resident memory of a process, from /proc on Linux, from ps elsewhere. */
function rss(pid) {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    if (kb) return Number(kb) * 1024;
  } catch {}
  return Number(spawnSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).stdout.trim()) * 1024;
}

/** The body a target answers, fetched once; every answer under load must be the same bytes. */
function fetchBody(origin, target) {
  return new Promise((resolve, reject) => {
    const headers = target.body ? { 'Content-Length': Buffer.byteLength(target.body) } : {};
    const req = request(`${origin}${target.path}`, { method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => {
        body += d;
      });
      res.on('end', () =>
        res.statusCode === 200 ? resolve(body) : reject(new Error(`${target.path}: ${res.statusCode}`)),
      );
    });
    req.on('error', reject);
    req.end(target.body);
  });
}

async function load(origin, target, seconds) {
  const expectBody = await fetchBody(origin, target);
  return autocannon({
    url: `${origin}${target.path}`,
    method: 'GET',
    body: target.body,
    headers: target.body ? { 'content-type': 'application/json' } : {},
    expectBody,
    connections,
    duration: seconds,
  });
}

const pad = (s, n) => String(s).padStart(n);

async function main() {
  bundle();
  const serve = await startServe();
  const pid = serve.child.pid;
  const memory = { start: rss(pid) };
  // A warm-up on every target lets V8 size its heap and compile the hot paths first.
  for (const target of TARGETS) await load(serve.origin, target, 1);
  memory.warm = rss(pid);
  const rows = [];
  let peak = memory.warm;
  for (const target of TARGETS) {
    const sampler = setInterval(() => {
      peak = Math.max(peak, rss(pid));
    }, 250);
    const r = await load(serve.origin, target, duration);
    clearInterval(sampler);
    rows.push({ target, r, rss: rss(pid) });
  }
  memory.end = rss(pid);
  serve.child.kill('SIGTERM');
  const exit = await new Promise((resolve) => serve.child.on('exit', resolve));

  console.log(`serve under load: ${connections} connections, ${duration} s per target, loopback\n`);
  console.log(
    `${'target'.padEnd(22)}${pad('req/s', 9)}${pad('p50 ms', 8)}${pad('p90 ms', 8)}${pad('p99 ms', 8)}` +
      `${pad('requests', 10)}${pad('errors', 8)}${pad('non-2xx', 9)}${pad('wrong body', 12)}${pad('RSS MiB', 9)}`,
  );
  for (const { target, r, rss: after } of rows) {
    console.log(
      `${target.name.padEnd(22)}${pad(Math.round(r.requests.average), 9)}${pad(r.latency.p50, 8)}` +
        `${pad(r.latency.p90, 8)}${pad(r.latency.p99, 8)}${pad(r.requests.total, 10)}${pad(r.errors + r.timeouts, 8)}` +
        `${pad(r.non2xx, 9)}${pad(r.mismatches, 12)}${pad((after / MiB).toFixed(1), 9)}`,
    );
  }
  const growth = memory.end - memory.warm;
  console.log(
    `\nserver RSS: ${(memory.start / MiB).toFixed(1)} MiB at start, ${(memory.warm / MiB).toFixed(1)} MiB after ` +
      `warm-up, ${(peak / MiB).toFixed(1)} MiB peak, ${(memory.end / MiB).toFixed(1)} MiB at end ` +
      `(${growth >= 0 ? '+' : ''}${(growth / MiB).toFixed(1)} MiB since warm-up; limit +${MAX_GROWTH / MiB} MiB)`,
  );

  const failures = rows
    .filter(({ r }) => r.errors + r.timeouts + r.non2xx + r.mismatches > 0 || r.requests.total === 0)
    .map(({ target }) => `${target.name}: errors, non-2xx answers, wrong bodies or no requests`);
  if (growth > MAX_GROWTH) failures.push(`memory grew by ${(growth / MiB).toFixed(1)} MiB`);
  if (exit !== 0) failures.push(`serve exited with ${exit} on SIGTERM`);
  for (const f of failures) console.error(`bench:load: FAILED: ${f}`);
  return failures.length === 0 ? 0 : 1;
}

process.exitCode = await main();
