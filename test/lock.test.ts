/**
 * The output's lock: a second build waits for a live one, a lock whose build
 * died is taken over whatever process now has its id, and a build whose lock
 * was taken over publishes nothing.
 */
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STALE_MS, withLock } from '../scripts/adapters/lock.js';
import { LockLostError, LockTimeoutError } from '../scripts/adapters/output-errors.js';
import { runCli, untimed } from './helpers/cli.js';
import { tempDir, writeTree } from './helpers/fs.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const longAgo = () => new Date(Date.now() - 60_000);

function project(): string {
  const root = tempDir('user-services-lock-');
  writeTree(join(root, 'services'), { 'a.yaml': 'technical_name: A\n' });
  return root;
}

describe('a lock left by a build that died', () => {
  // Containers start the build as PID 1 every time: the id of the dead build is then a live process.
  it.each([
    ['this very process', String(process.pid)],
    ['PID 1', '1'],
  ])('is taken over at once when it is a lock file naming %s, as an earlier version left it', (_, pid) => {
    const cwd = project();
    writeFileSync(join(cwd, '.dist.lock'), pid);
    utimesSync(join(cwd, '.dist.lock'), longAgo(), longAgo());
    const started = Date.now();
    const run = runCli(['build'], { cwd });
    expect([run.status, untimed(run.stderr)]).toEqual([
      0,
      expect.stringMatching(/^build: 1 service read, \d+ files written, 0 unchanged, 0 removed in T s\n$/),
    ]);
    expect(Date.now() - started).toBeLessThan(STALE_MS);
    expect(existsSync(join(cwd, '.dist.lock'))).toBe(false);
  });

  it('is taken over at once when its time is older than a live build keeps it', () => {
    const cwd = project();
    mkdirSync(join(cwd, '.dist.lock'));
    utimesSync(join(cwd, '.dist.lock'), longAgo(), longAgo());
    const started = Date.now();
    expect(runCli(['build'], { cwd }).status).toBe(0);
    expect(Date.now() - started).toBeLessThan(STALE_MS);
    expect(existsSync(join(cwd, '.dist.lock'))).toBe(false);
  });
});

describe('withLock', () => {
  it('makes a second holder wait for the first, and never lets them overlap', async () => {
    const lock = join(tempDir(), '.dist.lock');
    const events: string[] = [];
    const holder = (name: string, ms: number) =>
      withLock(lock, async () => {
        events.push(`${name} in`);
        await sleep(ms);
        events.push(`${name} out`);
      });
    const first = holder('first', 300);
    await sleep(50);
    await Promise.all([first, holder('second', 10)]);
    expect(events).toEqual(['first in', 'first out', 'second in', 'second out']);
    expect(existsSync(lock)).toBe(false);
  });

  it('keeps its lock fresh while it works for longer than a lock stays fresh: the other still waits', async () => {
    const lock = join(tempDir(), '.dist.lock');
    const events: string[] = [];
    const first = withLock(lock, async () => {
      events.push('first in');
      await sleep(STALE_MS + 1500);
      events.push('first out');
    });
    await sleep(50);
    await Promise.all([first, withLock(lock, async () => events.push('second in'))]);
    expect(events).toEqual(['first in', 'first out', 'second in']);
  }, 20_000);

  it('gives up after its time with LockTimeoutError, saying who holds what', async () => {
    const lock = join(tempDir(), '.dist.lock');
    await withLock(lock, async () => {
      const late = withLock(lock, async () => 'entered', { timeoutMs: 300 });
      await expect(late).rejects.toThrow(LockTimeoutError);
      await expect(late).rejects.toThrow(`another build holds ${lock} and keeps it fresh; gave up after 0.3 s`);
    });
  });

  it('tells its holder when another took the lock over: held() throws LockLostError', async () => {
    const lock = join(tempDir(), '.dist.lock');
    await withLock(lock, async (held) => {
      held();
      // What another build does to a lock it judged stale: its own lock, with its own time.
      utimesSync(lock, longAgo(), longAgo());
      await sleep(2500);
      expect(held).toThrow(LockLostError);
    });
  });
});
