// The speed benchmark (`npm run bench`): synthetic catalogs of 1,000, 10,000 and
// 100,000 services and a 10,000 one with 1 % broken files, each measured over
// several runs (median) against a floor (bench/floor.mjs: write the very tree
// the build published, loaded into memory before its clock starts) and a peer (ajv-cli 5 validating the same
// files against the same schema), both measured in the same run. This
// machine's speed varies several-fold from minute to minute, so every target
// is a ratio between figures of one run. Prints one table and the targets,
// writes bench/results/latest.json (and reference.json with --reference).
//
//   node bench/run.mjs [--runs 3] [--big-runs 1] [--no-big] [--no-load] [--reference]
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateCatalog } from './generate.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const AJV = join(ROOT, 'node_modules', '.bin', 'ajv');
const SCHEMA = join(ROOT, 'schema', 'user-service.schema.json');
const TIME = '/usr/bin/time';

const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    'big-runs': { type: 'string', default: '1' },
    'no-big': { type: 'boolean', default: false },
    'no-load': { type: 'boolean', default: false },
    reference: { type: 'boolean', default: false },
  },
});
const RUNS = Number(opts.runs);

const started = performance.now();
const work = mkdtempSync(join(tmpdir(), 'user-services-bench-'));
// The analysis cache lives beside the nearest package.json.
writeFileSync(join(work, 'package.json'), '{}\n');
const cacheDir = join(work, 'node_modules', '.cache', 'user-services');
const log = (s) => process.stderr.write(`${s}\n`);

/**
 * Runs a command; wall time in seconds, and peak RSS in MiB when /usr/bin/time is there.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv }} [options]
 */
function measure(command, args, { cwd = work, env = undefined } = {}) {
  const timed = existsSync(TIME);
  const t0 = performance.now();
  const r = timed
    ? spawnSync(TIME, ['-f', '@rss %M', command, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = (performance.now() - t0) / 1000;
  const rss = /@rss (\d+)/.exec(r.stderr ?? '')?.[1];
  return {
    seconds,
    rss: rss === undefined ? null : Number(rss) / 1024,
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
  };
}

const node = (args, options) => measure(process.execPath, args, options);
const cli = (args, options) => node([CLI, ...args], options);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/** Median time and the largest peak RSS over several measurements. */
function summarize(list) {
  return {
    seconds: median(list.map((m) => m.seconds)),
    rss: list.some((m) => m.rss !== null) ? Math.max(...list.map((m) => m.rss ?? 0)) : null,
    runs: list.map((m) => Number(m.seconds.toFixed(4))),
  };
}

function expectStatus(m, allowed, what) {
  if (!allowed.includes(m.status)) throw new Error(`${what} exited with ${m.status}:\n${m.stderr}`);
  return m;
}

/** A change to one service that changes what is published: its description. */
function editOne(dir, n, round) {
  const file = join(dir, `service-${String(n).padStart(6, '0')}.yaml`);
  const text = readFileSync(file, 'utf8');
  const edited = /^description: .*$/m.test(text)
    ? text.replace(/^description: (.*)$/m, `description: $1 edited ${round}`)
    : `${text}description: Edited ${round}\n`;
  writeFileSync(file, edited);
}

/** The floor for a published tree: the seconds it reports for writing it (node's start and the loading excluded). */
function floor(tree) {
  const m = expectStatus(node([join(ROOT, 'bench', 'floor.mjs'), tree, join(work, 'floor-out')]), [0], 'floor');
  rmSync(join(work, 'floor-out'), { recursive: true, force: true });
  return { ...m, seconds: JSON.parse(m.stdout).seconds };
}

async function benchCatalog(name, count, { runs, invalidEvery = 0, oneFile = true, peer = true }) {
  log(`generating ${name} (${count} services)...`);
  const dir = generateCatalog(join(work, name), count, { invalidEvery });
  const status = invalidEvery > 0 ? [1] : [0];
  const out = join(work, `${name}-out`);
  const m = {
    coldCheck: [],
    coldBuild: [],
    warmBuildRecent: [],
    warmBuild: [],
    oneFile: [],
    coldBuildNoCompress: [],
    oneFileNoCompress: [],
    floor: [],
    peer: [],
  };
  for (let round = 1; round <= runs; round++) {
    log(`${name}: run ${round} of ${runs}`);
    rmSync(cacheDir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
    rmSync(join(work, `.${name}-out.builds`), { recursive: true, force: true });
    m.coldCheck.push(expectStatus(cli(['check', '--services', name, '--no-cache']), status, 'cold check'));
    const cold = expectStatus(cli(['build', '--services', name, '--out', out, '--format', 'json']), status, 'build');
    m.coldBuild.push(cold);
    // The floor writes the tree this build published; a catalog with errors publishes none.
    if (invalidEvery === 0) m.floor.push(floor(out));
    if (oneFile && invalidEvery === 0) {
      // The first rebuild after a cold build makes the spare build folder; later ones update it in place.
      editOne(dir, 1, `${round}a`);
      expectStatus(cli(['build', '--services', name, '--out', out]), status, 'rebuild');
      editOne(dir, 2, `${round}b`);
      m.oneFile.push(expectStatus(cli(['build', '--services', name, '--out', out]), status, 'one-file rebuild'));
    }
    // Nothing changed, right after a change: the folder's listing is too young to trust, the files are read.
    const lastChange = Date.now();
    m.warmBuildRecent.push(expectStatus(cli(['build', '--services', name, '--out', out]), status, 'warm build'));
    // Nothing changed for two seconds: the first build keeps the folder's listing, and from then on
    // the listing alone answers.
    await new Promise((r) => setTimeout(r, Math.max(0, lastChange + 2100 - Date.now())));
    expectStatus(cli(['build', '--services', name, '--out', out]), status, 'warm build');
    m.warmBuild.push(expectStatus(cli(['build', '--services', name, '--out', out]), status, 'warm build'));
    if (oneFile && invalidEvery === 0) {
      // The same without precompressed copies, to show what compressing the lists costs.
      rmSync(cacheDir, { recursive: true, force: true });
      rmSync(out, { recursive: true, force: true });
      rmSync(join(work, `.${name}-out.builds`), { recursive: true, force: true });
      const plain = ['build', '--services', name, '--out', out, '--no-compress'];
      m.coldBuildNoCompress.push(expectStatus(cli(plain), status, 'cold build --no-compress'));
      editOne(dir, 3, `${round}c`);
      expectStatus(cli(plain), status, 'rebuild --no-compress');
      editOne(dir, 4, `${round}d`);
      m.oneFileNoCompress.push(expectStatus(cli(plain), status, 'one-file rebuild --no-compress'));
    }
    if (peer && invalidEvery === 0) {
      const args = ['validate', '-s', SCHEMA, '-d', `${name}/*.yaml`, '--all-errors', '--spec=draft2020'];
      m.peer.push(expectStatus(measure(AJV, args), [0], 'ajv-cli'));
    }
  }
  rmSync(out, { recursive: true, force: true });
  rmSync(join(work, `.${name}-out.builds`), { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
  return Object.fromEntries(
    Object.entries(m)
      .filter(([, v]) => v.length > 0)
      .map(([k, v]) => [k, summarize(v)]),
  );
}

function benchShipped(runs) {
  const m = { nodeStart: [], checkCold: [], checkWarm: [] };
  const services = join(ROOT, 'services');
  for (let round = 0; round < runs; round++) {
    m.nodeStart.push(node(['-e', '']));
    m.checkCold.push(expectStatus(cli(['check', '--services', services, '--no-cache']), [0], 'check'));
    m.checkWarm.push(expectStatus(cli(['check', '--services', services]), [0], 'check'));
  }
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, summarize(v)]));
}

/** From a file's change to the new site being served by `serve --watch`; null when it cannot be measured. */
async function watchLatency(count, runs) {
  const name = `watch-${count}`;
  const dir = generateCatalog(join(work, name), count);
  const child = spawn(process.execPath, [CLI, 'serve', '--services', name, '--port', '0', '--watch'], { cwd: work });
  let err = '';
  child.stderr.on('data', (d) => {
    err += d;
  });
  try {
    const url = await until(() => /https?:\/\/[\d.:[\]a-z]+/.exec(err)?.[0], 20_000);
    // A change made before the watcher is set up would never be served.
    await until(() => err.includes('serve: watching '), 20_000);
    const latencies = [];
    for (let round = 0; round < runs; round++) {
      const path = `${url}/api/v1/configs/user_services/service-000003/`;
      // The edit of the other measures: one generated service's description, as a writer edits it.
      const marker = `edited watched-${round}.`;
      const t0 = performance.now();
      editOne(dir, 3, `watched-${round}.`);
      await until(
        async () =>
          (
            await fetch(path).then(
              (r) => r.text(),
              () => '',
            )
          ).includes(marker),
        10_000,
        2,
      );
      latencies.push((performance.now() - t0) / 1000);
    }
    return { seconds: median(latencies), rss: null, runs: latencies.map((s) => Number(s.toFixed(4))) };
  } catch (e) {
    log(`watch latency not measured: ${e.message}`);
    return null;
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function until(probe, timeoutMs, everyMs = 20) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

// --- the runs ---------------------------------------------------------------

log('bundling the command line...');
expectStatus(node([join(ROOT, 'scripts', 'bundle.mjs')], { cwd: ROOT }), [0], 'bundle');
// A copy (the entry and its chunks), so that bundling again in the checkout while the bench runs changes nothing here.
cpSync(join(ROOT, 'lib'), join(work, 'lib'), { recursive: true });
const CLI = join(work, 'lib', 'user-services.mjs');
const results = {
  machine: {
    cpus: cpus().length,
    model: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  },
  date: new Date().toISOString(),
  catalogs: {},
};
results.catalogs['10k'] = await benchCatalog('c10k', 10_000, { runs: RUNS });
results.catalogs['1k'] = await benchCatalog('c1k', 1_000, { runs: RUNS });
results.catalogs['10k-1%-invalid'] = await benchCatalog('bad10k', 10_000, {
  runs: Math.min(RUNS, 2),
  invalidEvery: 100,
  peer: false,
});
results.shipped = benchShipped(Math.max(5, RUNS * 2));
results.watch = {
  73: await watchLatency(73, 5),
  '1k': await watchLatency(1_000, 5),
  '10k': await watchLatency(10_000, 5),
};
if (!opts['no-big']) {
  results.catalogs['100k'] = await benchCatalog('c100k', 100_000, { runs: Number(opts['big-runs']), oneFile: false });
}
rmSync(work, { recursive: true, force: true });
results.seconds = Number(((performance.now() - started) / 1000).toFixed(1));

// --- the table and the targets ------------------------------------------------

const rows = [];
const ratio = (a, b) =>
  a === undefined || b === undefined || b.seconds === 0 ? '' : `${(a.seconds / b.seconds).toFixed(2)}×`;
// A catalog with errors publishes nothing to write: its rows are set against the floor of the clean 10,000.
const floorOf = (c) => c.floor ?? results.catalogs['10k']?.floor;
for (const [catalog, c] of Object.entries(results.catalogs)) {
  for (const [what, m] of Object.entries(c)) {
    rows.push([catalog, what, m.seconds.toFixed(3), ratio(m, floorOf(c)), ratio(m, c.peer), m.rss?.toFixed(0) ?? '']);
  }
}
for (const [what, m] of Object.entries(results.shipped)) {
  rows.push(['shipped (73)', what, m.seconds.toFixed(3), '', '', m.rss?.toFixed(0) ?? '']);
}
for (const [catalog, m] of Object.entries(results.watch)) {
  rows.push([`watch ${catalog}`, 'change to served', m === null ? 'n/a' : m.seconds.toFixed(3), '', '', '']);
}
const header = ['catalog', 'measure', 'median s', '× floor', '× peer', 'peak RSS MiB'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r) => r.map((x, i) => (i < 2 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join('  ');
console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}\n`);

const c10 = results.catalogs['10k'];
const c100 = results.catalogs['100k'];
const r = (a, b) => a.seconds / b.seconds;
const targets = [
  ['cold check ≤ 1.25 × peer (10k)', r(c10.coldCheck, c10.peer), 1.25],
  ['cold build ≤ 2 × floor (10k)', r(c10.coldBuild, c10.floor), 2],
  ['warm build ≤ 0.15 × cold build (10k)', r(c10.warmBuild, c10.coldBuild), 0.15],
  ['warm build ≤ 0.25 × peer (10k)', r(c10.warmBuild, c10.peer), 0.25],
  ['warm build right after a change ≤ 0.25 × peer (10k)', r(c10.warmBuildRecent, c10.peer), 0.25],
  ['one-file rebuild ≤ 0.25 × cold build (10k)', r(c10.oneFile, c10.coldBuild), 0.25],
  [
    'one-file rebuild ≤ 0.25 × cold build (10k, --no-compress)',
    r(c10.oneFileNoCompress, c10.coldBuildNoCompress),
    0.25,
  ],
  [
    'check of the shipped catalog ≤ 3 × node -e "" (no cache)',
    r(results.shipped.checkCold, results.shipped.nodeStart),
    3,
  ],
  ['check of the shipped catalog ≤ 3 × node -e "" (cache)', r(results.shipped.checkWarm, results.shipped.nodeStart), 3],
];
if (c100 !== undefined) {
  targets.push(['100k cold build ≤ 11 × 10k cold build', r(c100.coldBuild, c10.coldBuild), 11]);
  targets.push(['100k cold check ≤ 11 × 10k cold check', r(c100.coldCheck, c10.coldCheck), 11]);
  const rss = Math.max(...Object.values(c100).map((m) => m.rss ?? 0));
  targets.push(['100k peak RSS < 1024 MiB', rss, 1024, 'MiB']);
}
for (const [catalog, m] of Object.entries(results.watch)) {
  if (m !== null) targets.push([`serve --watch, change to served < 0.1 s (${catalog})`, m.seconds, 0.1, 's']);
}
results.targets = targets.map(([name, value, limit, unit]) => ({
  name,
  value: Number(Number(value).toFixed(3)),
  limit,
  pass: value <= limit,
  unit: unit ?? '×',
}));
for (const t of results.targets)
  console.log(`${t.pass ? 'PASS' : 'FAIL'}  ${t.name}: ${t.value}${t.unit === '×' ? '×' : ` ${t.unit}`}`);
console.log(
  `\n${results.machine.cpus} cores (${results.machine.model}), Node ${results.machine.node}; whole bench ${results.seconds} s`,
);

mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
const json = `${JSON.stringify(results, null, 2)}\n`;
writeFileSync(join(ROOT, 'bench', 'results', 'latest.json'), json);
if (opts.reference) {
  const reference = join(ROOT, 'bench', 'results', 'reference.json');
  writeFileSync(reference, json);
  // Committed, so laid out as the formatter wants it.
  spawnSync(join(ROOT, 'node_modules', '.bin', 'biome'), ['format', '--write', reference], { cwd: ROOT });
}

// The serve load test, when there is one: an optional last part.
if (!opts['no-load'] && existsSync(join(ROOT, 'bench', 'load.mjs'))) {
  console.log('\nserve load test (bench/load.mjs):');
  spawnSync(process.execPath, [join(ROOT, 'bench', 'load.mjs'), '--duration', '3'], { cwd: ROOT, stdio: 'inherit' });
}
