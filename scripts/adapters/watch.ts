/**
 * Watches the services folder, and its kinds' sub-folders, and calls back once
 * a burst of changes has settled, with the names of the entries that changed
 * in it (`_widgets/w.yaml` for an entry of a kind's sub-folder). Editors save in
 * several steps (write a temporary file, rename, touch), so events are
 * debounced; callbacks never overlap, and a change made during one is followed
 * by another call.
 */
import { type FSWatcher, watch } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { type FolderChange, idOf, isFolder } from './watched-folder.js';

export interface FolderWatcher {
  close(): void;
}

/**
 * Quiet time after the last event before calling back. Measured here (ext4,
 * Node 20, a watcher in its own process): vim writing in place gives two
 * events 0.2 to 4.5 ms apart; sed -i and a write-fsync-rename save give the
 * events of the one service file within 0.3 ms (the fsync, up to 7 ms, falls
 * between events of the temporary file, which are not services). Three times
 * the largest gap seen leaves room for a busy machine and a slower disk; a
 * longer wait only delays every preview. A burst split anyway costs one more
 * rebuild, never a wrong site: the last call always sees the final state.
 */
export const DEBOUNCE_MS = 15;

export interface WatchOptions {
  /** Quiet time after the last event before calling back. */
  readonly debounceMs: number;
  /** Which changed names matter; others (hidden files: editors' swap and lock files) are ignored. */
  readonly relevant: (name: string) => boolean;
  /**
   * The entries named by the settled events, or 'all' when an event named none,
   * the watcher failed or the folder was replaced, removed or made again. It may
   * answer with a change to call it again with at once (what it read was still
   * changing), merged with whatever changed meanwhile.
   */
  readonly onChange: (change: FolderChange) => Promise<FolderChange | undefined>;
  readonly onError: (e: Error) => void;
  /**
   * The kinds' sub-folders (`kindFolders`' names, `_widgets`), watched too:
   * a change of an entry in one is named `_widgets/w.yaml` (when `relevant`
   * says its own name matters), and a change no event names there, by the
   * sub-folder's name. Absent: none.
   */
  readonly subFolders?: readonly string[];
}

/** What watching calls back with: events in, settled changes out. */
export interface ChangeQueue {
  /** An entry of the folder changed; null: the system did not say which. */
  event(name: string | null): void;
  /** The watcher failed: events may have been lost. */
  error(e: Error): void;
  close(): void;
}

/**
 * How often the folder's identity (device and inode) is looked at besides the
 * events that tell of it: a safety net for a change no event reports (the
 * parent folder replaced too), at the cost of one lstat.
 */
const FOLLOW_MS = 1000;

/**
 * Watches the folder at the path `dir`, whatever folder that is over time.
 * A system's watcher follows a folder's inode, so one moved away and made
 * again at the same path (as some editors, sync tools and checkouts do) would
 * no longer be watched: the parent folder is watched for the name too, and the
 * folder's identity looked at, and when it changes the new folder is watched
 * (before it is read, so that nothing written meanwhile is missed) and read
 * whole. While no folder is at the path (nothing, a symbolic link, a file),
 * the callback hears 'all' once for each change of what is there, and again
 * when a folder is back; a link is never watched through.
 */
export function watchFolder(dir: string, options: WatchOptions): FolderWatcher {
  const queue = changeQueue(options);
  const own = basename(dir);
  let id = idOf(dir);
  let inner: FSWatcher | undefined;
  const check = () => {
    const now = idOf(dir);
    if (now === id) return;
    id = now;
    // A symbolic link or a file at the path is not watched through: it is reported, not followed.
    if (isFolder(now)) inner = arm();
    else {
      inner?.close();
      inner = undefined;
    }
    queue.event(null);
  };
  const subs = subWatchers(dir, options, queue);
  const arm = (): FSWatcher | undefined => {
    inner?.close();
    // The folder itself moved or went: the system names it by its own name.
    return tryWatch(dir, queue.error, (name) => {
      if (name === null || name === own) check();
      subs.follow(name);
      queue.event(name);
    });
  };
  inner = isFolder(id) ? arm() : undefined;
  const parent = tryWatch(
    dirname(dir),
    () => check(),
    (name) => (name === null || name === own) && check(),
  );
  const timer = setInterval(() => {
    check();
    subs.follow(null);
  }, FOLLOW_MS);
  timer.unref();
  return {
    close() {
      queue.close();
      clearInterval(timer);
      inner?.close();
      parent?.close();
      subs.close();
    },
  };
}

/**
 * The watchers of the kinds' sub-folders of `dir` (`options.subFolders`), each
 * following what is at its path as `watchFolder` follows the folder: `follow`
 * looks again at the sub-folder an event of the folder names (every one for
 * null), and watches the folder now there (none for a link or a file: never
 * watched through). A change there is an event of the sub-folder's name too,
 * which the folder's own watcher reports.
 */
function subWatchers(dir: string, options: WatchOptions, queue: ChangeQueue) {
  const watched = new Map(
    (options.subFolders ?? []).map((sub) => [
      sub,
      { id: null as string | null, watcher: undefined as FSWatcher | undefined },
    ]),
  );
  const follow = (name: string | null, announce = true) => {
    for (const [sub, state] of watched) {
      if (name !== null && name !== sub) continue;
      const now = idOf(join(dir, sub));
      if (now === state.id) continue;
      state.id = now;
      state.watcher?.close();
      state.watcher = isFolder(now)
        ? tryWatch(join(dir, sub), queue.error, (inside) => {
            if (inside === null) queue.event(sub);
            else if (options.relevant(inside)) queue.event(`${sub}/${inside}`);
          })
        : undefined;
      // Made, replaced or gone since it was last looked at: what it holds may have changed.
      if (name === null && announce) queue.event(sub);
    }
  };
  follow(null, false);
  return {
    follow,
    close() {
      for (const state of watched.values()) state.watcher?.close();
    },
  };
}

/** A watcher of one folder, or undefined when it cannot be watched (gone, or not allowed). */
function tryWatch(path: string, onError: (e: Error) => void, onEvent: (name: string | null) => void) {
  try {
    const watcher = watch(path, { persistent: true }, (_event, name) => onEvent(name === null ? null : String(name)));
    watcher.on('error', onError);
    return watcher;
  } catch {
    return undefined;
  }
}

/** The debouncing and ordering of `watchFolder`, apart from the system's watcher. */
export function changeQueue(options: WatchOptions): ChangeQueue {
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let pending = false;
  let closed = false;
  // What changed since the last call began.
  let names = new Set<string>();
  let all = false;

  const add = (change: FolderChange) => {
    if (change === 'all') all = true;
    else for (const name of change) names.add(name);
  };

  const take = (): FolderChange | null => {
    const change = all ? 'all' : names.size > 0 ? names : null;
    names = new Set();
    all = false;
    return change;
  };

  const run = async () => {
    if (closed) return;
    if (running) {
      pending = true;
      return;
    }
    // A change made during the last call was taken by the call that followed it.
    const change = take();
    if (change === null) return;
    running = true;
    try {
      const again = await options.onChange(change);
      if (again) {
        add(again);
        pending = true;
      }
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

  return {
    event(name) {
      // Some platforms give no name; then any entry may have changed.
      if (name === null) all = true;
      else if (options.relevant(name)) names.add(name);
      else return;
      schedule();
    },
    error(e) {
      options.onError(e);
      // Events may have been lost: only reading the whole folder again is sure to see their changes.
      all = true;
      schedule();
    },
    close() {
      closed = true;
      clearTimeout(timer);
    },
  };
}
