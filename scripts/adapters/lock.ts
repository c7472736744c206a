/**
 * A lock so that two builds into the same output never interleave: the second
 * waits for the first. The lock is proper-lockfile's: a folder made with
 * `mkdir` (atomic), whose modification time the holder refreshes every
 * second while it works. A lock whose time is older than `STALE_MS` belongs to
 * a build that died (killed, out of memory, the machine restarted) and is
 * taken over: no process id is involved, so a dead build's id used again by a
 * live process (as in containers, where every build is PID 1) changes nothing.
 */
import { lstat, unlink } from 'node:fs/promises';
import lockfile from 'proper-lockfile';
import { LockLostError, LockTimeoutError } from './output-errors.js';

/**
 * How old a lock's time must be for its build to count as dead (ms). The
 * holder refreshes it every `UPDATE_MS`; a build whose event loop is blocked
 * for longer than the difference loses its lock (`LockLostError`).
 */
export const STALE_MS = 3_000;
const UPDATE_MS = 1_000;
const POLL_MS = 50;

/**
 * Runs `work` holding the lock at `lockPath` (a folder, created and removed
 * here), waiting up to `timeoutMs` for a live holder. `work` gets `held`,
 * which throws `LockLostError` when the lock was taken over meanwhile: call it
 * before each step that others must not see half done.
 * Errors: `LockTimeoutError` after the wait, file-system errors as they come.
 */
export async function withLock<T>(
  lockPath: string,
  work: (held: () => void) => Promise<T>,
  timeoutMs = 120_000,
): Promise<T> {
  let lost: Error | null = null;
  const release = await acquire(lockPath, timeoutMs, (e) => {
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
  } finally {
    await release().catch(() => {});
  }
}

async function acquire(lockPath: string, timeoutMs: number, onCompromised: (e: Error) => void) {
  const deadline = Date.now() + timeoutMs;
  const options = { lockfilePath: lockPath, realpath: false, stale: STALE_MS, update: UPDATE_MS, onCompromised };
  for (;;) {
    try {
      return await lockfile.lock(lockPath, options);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR' && (await lstat(lockPath).catch(() => null))?.isFile()) {
        // A stale lock file of an earlier version of this tool, which used a file; proper-lockfile removes folders only.
        await unlink(lockPath).catch(() => {});
        continue;
      }
      if (code !== 'ELOCKED') throw e;
      if (Date.now() > deadline) {
        throw new LockTimeoutError(
          `another build holds ${lockPath} and keeps it fresh; gave up after ${timeoutMs / 1000} s`,
        );
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }
}
