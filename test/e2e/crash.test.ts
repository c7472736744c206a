/**
 * Crash safety of `build`, through the bundled command line: a build killed
 * with SIGKILL at any moment (reading, emitting, writing) leaves dist/ exactly
 * the old complete site or the new one, and the next build succeeds; two
 * builds started at once into the same dist/ never leave a mixed tree.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STALE_MS } from '../../scripts/adapters/lock.js';
import { writeBigCatalog } from '../helpers/big-catalog.js';
import { CLI } from '../helpers/cli.js';
import { readTree, tempDir } from '../helpers/fs.js';

// Enough for a build to take over half a second here (reading, emitting, writing all take time),
// few enough for 50 kills and 50 rebuilds to fit in a minute on two cores.
const COUNT = 1000;
const KILLS = 50;
const LIST = 'api/v1/configs/user_services/index.json';

interface Site {
  /** Path to digest of every file. */
  readonly files: Map<string, string>;
  readonly fingerprint: string;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

function siteOf(dir: string): Site {
  const files = new Map([...readTree(dir)].map(([p, b]) => [p, sha256(b)]));
  return { files, fingerprint: sha256([...files].map(([p, d]) => `${p} ${d}`).join('\n')) };
}

/** Which known site `dir` holds, or a description of how it differs from the nearest one. */
function whichSite(dir: string, sites: Record<string, Site>): string {
  const found = siteOf(dir);
  for (const [name, site] of Object.entries(sites)) if (site.fingerprint === found.fingerprint) return name;
  const diff = (site: Site) =>
    [...new Set([...site.files.keys(), ...found.files.keys()])].filter((p) => site.files.get(p) !== found.files.get(p));
  const nearest =
    Object.values(sites)
      .map(diff)
      .sort((a, b) => a.length - b.length)[0] ?? [];
  return `a mixed tree (${nearest.length} files differ from the nearest site: ${nearest.slice(0, 5).join(', ')})`;
}

interface Build {
  readonly child: ChildProcess;
  readonly done: Promise<{ status: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

function startBuild(services: string, out: string, extra: string[] = []): Build {
  // Its own process group, so that the kill reaches any thread or process the build started.
  const child = spawn(process.execPath, [CLI, 'build', '--services', services, '--out', out, ...extra], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  const done = new Promise<{ status: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('close', (status, signal) => resolve({ status, signal, stderr })),
  );
  return { child, done };
}

function kill(child: ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch (e) {
    // It ended between the check and the kill.
    if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
  }
}

async function buildFully(services: string, out: string, extra: string[] = []): Promise<number> {
  const started = performance.now();
  const r = await startBuild(services, out, extra).done;
  expect(r.status, r.stderr).toBe(0);
  return performance.now() - started;
}

/**
 * Reads the list file over and over while builds run: every read must find a
 * complete version of it. Returns how many reads found anything else.
 */
function watchList(dist: string, allowed: readonly Buffer[]): { stop: () => string[] } {
  const bad: string[] = [];
  let running = true;
  const loop = async () => {
    while (running) {
      try {
        const bytes = readFileSync(join(dist, LIST));
        if (!allowed.some((b) => b.equals(bytes))) bad.push(`a list of ${bytes.length} bytes`);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') bad.push(String(e));
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  void loop();
  return {
    stop: () => {
      running = false;
      return bad;
    },
  };
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32): the same kill times on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const root = tempDir('user-services-crash-');
const catalogs = { a: join(root, 'a', 'services'), b: join(root, 'b', 'services') };
let sites: Record<'a' | 'b', Site>;
let lists: Buffer[];
let slowest = 0;

beforeAll(async () => {
  // A package.json above the catalogs: builds keep their analysis cache, which a kill may also cut short.
  writeFileSync(join(root, 'package.json'), '{"private": true}\n');
  writeBigCatalog(catalogs.a, 'a', COUNT);
  writeBigCatalog(catalogs.b, 'b', COUNT);
  // The reference sites, built without interruption. The kills spread over the time of a build
  // like those of the loop (each site built before, with the cache or without): the first builds,
  // which also fill the cache, are not timed.
  for (const v of ['a', 'b'] as const) await buildFully(catalogs[v], join(root, `reference-${v}`, 'dist'));
  for (const [v, extra] of [
    ['b', []],
    ['a', []],
    ['b', ['--no-cache']],
    ['a', ['--no-cache']],
  ] as const) {
    slowest = Math.max(slowest, await buildFully(catalogs[v], join(root, `timing-${v}`, 'dist'), [...extra]));
  }
  sites = { a: siteOf(join(root, 'reference-a', 'dist')), b: siteOf(join(root, 'reference-b', 'dist')) };
  lists = (['a', 'b'] as const).map((v) => readFileSync(join(root, `reference-${v}`, 'dist', LIST)));
}, 120_000);

// Some 30,000 files and folders: on a busy disk, deleting them takes a while.
afterAll(() => rmSync(root, { recursive: true, force: true }), 180_000);

describe('a build killed with SIGKILL', () => {
  it(`leaves the old or the new complete site at each of ${KILLS} moments, and the next build succeeds`, async () => {
    expect(sites.a.fingerprint).not.toBe(sites.b.fingerprint);
    expect(sites.a.files.size).toBeGreaterThan(COUNT);
    const dist = join(root, 'killed', 'dist');
    await buildFully(catalogs.a, dist);
    const next = random(5);
    const outcomes = { old: 0, new: 0 };
    for (let i = 0; i < KILLS; i++) {
      const [from, to] = i % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const);
      // One kill time in each of KILLS equal slices of a whole build, from start to end.
      const delay = ((i + next()) / KILLS) * slowest;
      // Every other pair of runs without the cache, so that parsing is interrupted too.
      const extra = i % 4 < 2 ? [] : ['--no-cache'];
      const watcher = watchList(dist, lists);
      const build = startBuild(catalogs[to], dist, extra);
      await new Promise((r) => setTimeout(r, delay));
      kill(build.child);
      const ended = await build.done;
      expect(ended.stderr).not.toMatch(/^\s+at |internal error/m);
      expect(watcher.stop(), `run ${i}: a reader saw a list that is neither site's`).toEqual([]);

      const found = whichSite(dist, sites);
      expect([from, to], `run ${i}, killed after ${delay.toFixed(0)} ms: dist is ${found}`).toContain(found);
      outcomes[found === from ? 'old' : 'new']++;

      await buildFully(catalogs[to], dist, extra);
      expect(whichSite(dist, sites), `run ${i}: the build after the kill`).toBe(to);
    }
    // The earliest kills land before the build could finish: the test did interrupt builds.
    expect(outcomes.old).toBeGreaterThan(0);
    // A build killed while it holds the lock makes the next one wait until the lock is stale (3 s);
    // a build that writes within a second of the last one waits for the next second (about 1 s).
  }, 480_000);
});

describe('two builds started at once into the same dist/', () => {
  it('leave one complete site or the other, never a mix; each succeeds or fails clearly', async () => {
    const dist = join(root, 'concurrent', 'dist');
    for (let pair = 0; pair < 6; pair++) {
      const watcher = watchList(dist, lists);
      const [first, second] = pair % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const);
      const runs = await Promise.all([startBuild(catalogs[first], dist).done, startBuild(catalogs[second], dist).done]);
      expect(watcher.stop(), `pair ${pair}: a reader saw a list that is neither site's`).toEqual([]);
      for (const r of runs) {
        expect(r.stderr).not.toMatch(/^\s+at |internal error/m);
        // A build that does not wait must say why, and with the status of a failure of the tool.
        if (r.status !== 0) expect(r.stderr, `pair ${pair}`).toMatch(/^user-services build: .*(lock|another build)/m);
      }
      expect(runs.some((r) => r.status === 0)).toBe(true);
      expect(['a', 'b'], `pair ${pair}`).toContain(whichSite(dist, sites));
    }
  }, 120_000);
});

describe('a build killed while it holds the lock', () => {
  it('leaves a lock that the next build takes over within seconds, though nothing refreshes it', async () => {
    const dist = join(root, 'killed-in-lock', 'dist');
    const lock = join(root, 'killed-in-lock', '.dist.lock');
    await buildFully(catalogs.a, dist);
    let left = false;
    for (let attempt = 0; attempt < 10 && !left; attempt++) {
      const build = startBuild(catalogs[attempt % 2 === 0 ? 'b' : 'a'], dist);
      while (build.child.exitCode === null && !existsSync(lock)) await new Promise((r) => setTimeout(r, 2));
      kill(build.child);
      await build.done;
      left = existsSync(lock);
    }
    expect(left, 'no build was killed while it held the lock').toBe(true);
    // The other site than the one published (the build may have been killed after its swap):
    // a build with something to publish, which needs the lock.
    const other = whichSite(dist, sites) === 'b' ? 'a' : 'b';
    const started = performance.now();
    await buildFully(catalogs[other], dist);
    // At most until the lock's time is STALE_MS old, then a build.
    expect(performance.now() - started).toBeLessThan(STALE_MS + slowest + 2000);
    expect(whichSite(dist, sites)).toBe(other);
    expect(existsSync(lock)).toBe(false);
  }, 60_000);
});
