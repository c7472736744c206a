/**
 * The output's lock: a second build waits for a live one, a lock whose build
 * died is taken over whatever process now has its id, and a build whose lock
 * was taken over publishes nothing.
 */
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FUTURE_MS, NOTICE_MS, STALE_MS, withLock } from '../../scripts/adapters/lock.js';
import { LockLostError, LockTimeoutError } from '../../scripts/adapters/output-errors.js';
import { type Run, runCli, runCliAsync, untimed } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/fs.js';
import { startWaitingBuild } from '../helpers/waiting-build.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const longAgo = () => new Date(Date.now() - 60_000);

function project(): string {
  const root = tempDir('user-services-lock-');
  writeTree(join(root, 'services'), { 'a.yaml': 'technical_name: Authentication\n' });
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
    // Taken over at once: no line says that the build waited for it.
    const run = runCli(['build'], { cwd });
    expect([run.status, untimed(run.stderr)]).toEqual([
      0,
      expect.stringMatching(/^build: 1 service read, \d+ files written, 0 unchanged, 0 removed in T s\n$/),
    ]);
    expect(existsSync(join(cwd, '.dist.lock'))).toBe(false);
  });

  it.each([
    ['an hour ahead of the clock (it waited 120 s, then exit 3)', 3_600_000],
    ['two minutes ahead (a clock stepped back after the build was killed)', 120_000],
  ])('is taken over at once when its time is %s', (_, ahead) => {
    const cwd = project();
    mkdirSync(join(cwd, '.dist.lock'));
    const future = new Date(Date.now() + ahead);
    utimesSync(join(cwd, '.dist.lock'), future, future);
    // Taken over at once: no line says that the build waited for it.
    const run = runCli(['build'], { cwd });
    expect([run.status, untimed(run.stderr)]).toEqual([
      0,
      expect.stringMatching(/^build: 1 service read, \d+ files written, 0 unchanged, 0 removed in T s\n$/),
    ]);
    expect(existsSync(join(cwd, '.dist.lock'))).toBe(false);
  });

  it('is taken over at once when its time is older than a live build keeps it', () => {
    const cwd = project();
    mkdirSync(join(cwd, '.dist.lock'));
    utimesSync(join(cwd, '.dist.lock'), longAgo(), longAgo());
    const run = runCli(['build'], { cwd });
    expect([run.status, run.stderr]).toEqual([0, expect.not.stringContaining('waiting')]);
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

  it('waits for a lock a little ahead of the clock, as a live build may keep it', async () => {
    const lock = join(tempDir(), '.dist.lock');
    mkdirSync(lock);
    const soon = new Date(Date.now() + FUTURE_MS / 2);
    utimesSync(lock, soon, soon);
    await expect(withLock(lock, async () => 'entered', { timeoutMs: 300 })).rejects.toThrow(LockTimeoutError);
    expect(existsSync(lock)).toBe(true);
  });

  it('says once that it waits, after a second, and not when the lock is free', async () => {
    const lock = join(tempDir(), '.dist.lock');
    let waits = 0;
    await withLock(lock, async () => {}, { onWait: () => waits++ });
    expect(waits).toBe(0);
    const first = withLock(lock, () => sleep(NOTICE_MS + 1200));
    await sleep(50);
    const started = Date.now();
    let saidAt = 0;
    await withLock(lock, async () => {}, {
      onWait: () => {
        waits++;
        saidAt = Date.now() - started;
      },
    });
    await first;
    expect(waits).toBe(1);
    expect(saidAt).toBeGreaterThanOrEqual(NOTICE_MS - 100);
    expect(saidAt).toBeLessThan(NOTICE_MS + 500);
  }, 10_000);

  it('turns a file-system error after the lock was taken over into LockLostError (it was "internal error: ENOENT ... rename")', async () => {
    const lock = join(tempDir(), '.dist.lock');
    const work = withLock(lock, async () => {
      // Another build judged the lock stale and pruned this build's folder: the rename fails at once.
      utimesSync(lock, longAgo(), longAgo());
      throw Object.assign(new Error("ENOENT: no such file or directory, rename 'a' -> 'b'"), { code: 'ENOENT' });
    });
    await expect(work).rejects.toThrow(LockLostError);
    await expect(work).rejects.toThrow(/^another build took over .*; nothing was published, run the build again$/);
  });

  it('passes on a file-system error when the lock is still held', async () => {
    const lock = join(tempDir(), '.dist.lock');
    const failure = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    await expect(
      withLock(lock, async () => {
        throw failure;
      }),
    ).rejects.toBe(failure);
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

describe('a build waiting for a live lock', () => {
  it('prints one line saying so on standard error (a wait is never silent), then builds', async () => {
    const cwd = project();
    let pending: Promise<Run> = Promise.resolve({ status: null, stdout: '', stderr: '' });
    await withLock(join(cwd, '.dist.lock'), async () => {
      const build = startWaitingBuild(cwd);
      pending = build.done;
      await build.waiting;
    });
    const run = await pending;
    expect([run.status, run.stdout, untimed(run.stderr)]).toEqual([
      0,
      '',
      expect.stringMatching(
        /^build: waiting for another build, which holds \.dist\.lock; this one goes on when that one ends \(a lock left by a build that died is taken over\)\nbuild: 1 service read, \d+ files written, 0 unchanged, 0 removed in T s\n$/,
      ),
    ]);
  }, 30_000);

  it('prints nothing but the document with --format json', async () => {
    const cwd = project();
    let pending: Promise<Run> = Promise.resolve({ status: null, stdout: '', stderr: '' });
    await withLock(join(cwd, '.dist.lock'), async () => {
      pending = runCliAsync(['build', '--format', 'json'], { cwd });
      // The build must have begun waiting: its start takes a few seconds at most on a busy machine.
      await sleep(NOTICE_MS + 5000);
    });
    const run = await pending;
    expect([run.status, run.stderr, JSON.parse(run.stdout).summary.files.unchanged]).toEqual([0, '', 0]);
  }, 20_000);
});
