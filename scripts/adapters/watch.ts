/**
 * Watches the services folder and calls back once a burst of changes has
 * settled. Editors save in several steps (write a temporary file, rename,
 * touch), so events are debounced; callbacks never overlap, and a change made
 * during one is followed by another call.
 */
import { type FSWatcher, watch } from 'node:fs';

export interface FolderWatcher {
  close(): void;
}

export interface WatchOptions {
  /** Quiet time after the last event before calling back. */
  readonly debounceMs: number;
  /** Which changed names matter; others (swap files, backups) are ignored. */
  readonly relevant: (name: string) => boolean;
  readonly onChange: () => Promise<void>;
  readonly onError: (e: Error) => void;
}

export function watchFolder(dir: string, options: WatchOptions): FolderWatcher {
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let pending = false;
  let closed = false;

  const run = async () => {
    if (closed) return;
    if (running) {
      pending = true;
      return;
    }
    running = true;
    try {
      await options.onChange();
    } catch (e) {
      options.onError(e as Error);
    } finally {
      running = false;
    }
    if (pending) {
      pending = false;
      await run();
    }
  };

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(run, options.debounceMs);
  };

  const watcher: FSWatcher = watch(dir, { persistent: true }, (_event, name) => {
    // Some platforms give no name; then any change may matter.
    if (name === null || options.relevant(String(name))) schedule();
  });
  watcher.on('error', (e) => options.onError(e));

  return {
    close() {
      closed = true;
      clearTimeout(timer);
      watcher.close();
    },
  };
}
