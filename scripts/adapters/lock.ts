/**
 * A lock so that two builds into the same output never interleave: the second
 * waits for the first. The lock is proper-lockfile's: a folder made with
 * `mkdir` (atomic), whose modification time the holder refreshes every
 * second while it works. A lock whose time is older than `STALE_MS` belongs to
 * a build that died (killed, out of memory, the machine restarted) and is
 * taken over: no process id is involved, so a dead build's id used again by a
 * live process (as in containers, where every build is PID 1) changes nothing.
 * A lock whose time is more than `FUTURE_MS` ahead of the clock cannot be one
 * a live build keeps fresh (the clock was set back after a build died, by NTP
 * or a restored machine): it is taken over too.
 *
 * Only our own lock is ever taken over or removed (`lock-state.ts`): anything
 * else at the lock path is refused at once, never waited for.
 */
import { lstat, readFile, rmdir, unlink } from 'node:fs/promises';
import lockfile from 'proper-lockfile';
import type { LockIntruder } from '../core/diagnostics/diagnostic.js';
import { isOldLockText, lockIntruder } from './lock-state.js';
import { LockLostError, LockTimeoutError } from './output-errors.js';

/**
 * How old a lock's time must be for its build to count as dead (ms). The
 * holder refreshes it every `UPDATE_MS`; a build whose event loop is blocked
 * for longer than the difference loses its lock (`LockLostError`).
 */
export const STALE_MS = 3_000;
/** How far ahead of the clock a lock's time may be before it counts as dead (ms): clocks of one machine agree. */
export const FUTURE_MS = 60_000;
const UPDATE_MS = 1_000;
const POLL_MS = 50;
/** How long a build waits for a live lock before saying so (ms). */
export const NOTICE_MS = 1_000;

export interface LockOptions {
  /** How long to wait for a live holder (ms). */
  readonly timeoutMs?: number;
  /** Called once when the wait for a live holder passes `NOTICE_MS`. */
  readonly onWait?: () => void;
  /** Called when something that is not our lock stands at the lock path; must throw. */
  readonly onIntruder?: (found: LockIntruder) => never;
}

/**
 * Runs `work` holding the lock at `lockPath` (a folder, created and removed
 * here), waiting up to `timeoutMs` (120 s) for a live holder. `work` gets
 * `held`, which throws `LockLostError` when the lock was taken over
 * meanwhile: call it before each step that others must not see half done.
 * A failure of `work` after the lock was lost is that `LockLostError`.
 * Errors: `LockTimeoutError` after the wait, what `onIntruder` throws,
 * file-system errors as they come.
 */
export async function withLock<T>(
  lockPath: string,
  work: (held: () => void) => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  let lost: Error | null = null;
  const release = await acquire(lockPath, options, (e) => {
    lost = e;
  });
  const held = () => {
    if (lost !== null) {
      throw new LockLostError(
        `another build took over ${lockPath} while this one was stalled for more than ${STALE_MS / 1000} s; nothing was published, run the build again`,
      );
    }
  };
  try {
    return await work(held);
  } catch (e) {
    if (lost === null && (e as NodeJS.ErrnoException).code !== undefined) {
      // A file-system error may come of another build having taken the lock over and pruned this
      // build's folder: the lock's refresh tells within one period.
      await new Promise((r) => setTimeout(r, UPDATE_MS + POLL_MS));
    }
    held();
    throw e;
  } finally {
    await release().catch(() => {});
  }
}

async function acquire(lockPath: string, options: LockOptions, onCompromised: (e: Error) => void) {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const started = Date.now();
  let noticed = false;
  const settings = { lockfilePath: lockPath, realpath: false, stale: STALE_MS, update: UPDATE_MS, onCompromised };
  for (;;) {
    const intruder = lockIntruder(lockPath);
    if (intruder !== null) {
      if (options.onIntruder !== undefined) options.onIntruder(intruder);
      throw new Error(`${lockPath} is not a lock of this tool (${intruder})`);
    }
    try {
      return await lockfile.lock(lockPath, settings);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR') {
        // A lock file of an earlier version of this tool, which used a file holding its process id.
        await removeOldLockFile(lockPath);
        continue;
      }
      if (code !== 'ELOCKED') throw e;
      if (await removeFutureLock(lockPath)) continue;
      if (Date.now() - started > timeoutMs) {
        throw new LockTimeoutError(
          `another build holds ${lockPath} and keeps it fresh; gave up after ${timeoutMs / 1000} s`,
        );
      }
      if (!noticed && Date.now() - started >= NOTICE_MS) {
        noticed = true;
        options.onWait?.();
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }
}

async function removeOldLockFile(lockPath: string): Promise<void> {
  const text = await readFile(lockPath, 'latin1').catch(() => null);
  if (text !== null && isOldLockText(text)) await unlink(lockPath).catch(() => {});
}

/** Removes a lock folder whose time lies more than `FUTURE_MS` ahead; whether it did. */
async function removeFutureLock(lockPath: string): Promise<boolean> {
  const stat = await lstat(lockPath).catch(() => null);
  if (stat === null || !stat.isDirectory() || stat.mtimeMs <= Date.now() + FUTURE_MS) return false;
  // rmdir removes only an empty folder: our lock, never anything put in it.
  await rmdir(lockPath).catch(() => {});
  return true;
}
