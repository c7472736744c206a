/**
 * A lock file so that two builds into the same output never interleave. The
 * second build waits; a lock left by a process that no longer exists is taken over.
 */
import { open, readFile, unlink } from 'node:fs/promises';

export class LockTimeoutError extends Error {}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

export async function withLock<T>(lockPath: string, work: () => Promise<T>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = Number.parseInt(await readFile(lockPath, 'utf8').catch(() => ''), 10);
      // An empty lock is one being written right now, unless it stays empty.
      if (Number.isInteger(owner) && owner > 0 && !alive(owner)) {
        await unlink(lockPath).catch(() => {});
        continue;
      }
      if (Date.now() > deadline) {
        throw new LockTimeoutError(
          `another build holds ${lockPath} (process ${owner}); gave up after ${timeoutMs / 1000} s`,
        );
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  try {
    return await work();
  } finally {
    await unlink(lockPath).catch(() => {});
  }
}
