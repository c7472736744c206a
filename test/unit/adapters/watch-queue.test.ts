/**
 * How changes reach `serve --watch`'s rebuilds: a burst of events settles into
 * one call naming the entries it touched, calls never overlap, a change made
 * during a call is followed by another call, and an event without a name or a
 * failed watcher asks for the whole folder.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { changeQueue, DEBOUNCE_MS, type FolderWatcher, watchFolder } from '../../../scripts/adapters/watch.js';
import type { FolderChange } from '../../../scripts/adapters/watched-folder.js';
import { entryRole } from '../../../scripts/core/reading/input.js';
import { tempDir, writeTree } from '../../helpers/fs.js';

const relevant = (name: string) => entryRole(name) !== 'hidden';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const shown = (change: FolderChange) => (change === 'all' ? 'all' : [...change].sort());

/** The calls made, each with what it was given and, if asked, what it read. */
function recorder(read?: () => string) {
  const calls: { change: string[] | 'all'; seen?: string }[] = [];
  const errors: string[] = [];
  let release: (() => void) | null = null;
  let hold = false;
  // What the next calls answer: a change to be called with again at once.
  const answers: (FolderChange | undefined)[] = [];
  return {
    calls,
    errors,
    answers,
    holdNext: () => {
      hold = true;
    },
    release: () => release?.(),
    options: {
      debounceMs: DEBOUNCE_MS,
      relevant,
      onError: (e: Error) => errors.push(e.message),
      async onChange(change: FolderChange): Promise<FolderChange | undefined> {
        calls.push({ change: shown(change), ...(read === undefined ? {} : { seen: read() }) });
        if (hold) {
          hold = false;
          await new Promise<void>((r) => {
            release = r;
          });
        }
        return answers.shift();
      },
    },
  };
}

async function until(done: () => boolean, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(5);
  }
}

let watcher: FolderWatcher | undefined;
afterEach(() => watcher?.close());

describe('watching the services folder', () => {
  it("turns an editor's save (write a temporary file, rename) into one call that sees the final state", async () => {
    const dir = writeTree(tempDir('user-services-queue-'), { 'alpha.yaml': 'technical_name: A\n' });
    const r = recorder(() => readFileSync(join(dir, 'alpha.yaml'), 'utf8'));
    watcher = watchFolder(dir, r.options);
    writeFileSync(join(dir, '.alpha.yaml.swp'), 'technical_name: B\n');
    renameSync(join(dir, '.alpha.yaml.swp'), join(dir, 'alpha.yaml'));
    await until(() => r.calls.length > 0);
    await sleep(10 * DEBOUNCE_MS);
    expect(r.calls).toEqual([{ change: ['alpha.yaml'], seen: 'technical_name: B\n' }]);
  });

  it('names no hidden entry, and makes no call for those alone', async () => {
    const dir = writeTree(tempDir('user-services-queue-'), {});
    const r = recorder();
    watcher = watchFolder(dir, r.options);
    writeFileSync(join(dir, '.#alpha.yaml'), 'x');
    writeFileSync(join(dir, '.alpha.yaml.swp'), 'x');
    mkdirSync(join(dir, '.git'));
    await sleep(10 * DEBOUNCE_MS);
    expect(r.calls).toEqual([]);
    // Entries that are not service files are named too: their warnings come and go with them.
    writeFileSync(join(dir, 'beta.YML'), 'x');
    writeFileSync(join(dir, 'notes.txt'), 'x');
    rmSync(join(dir, '.#alpha.yaml'));
    await until(() => r.calls.length > 0);
    await sleep(10 * DEBOUNCE_MS);
    expect(r.calls).toEqual([{ change: ['beta.YML', 'notes.txt'] }]);
  });

  it('follows a change made during a call with another call, never two at once', async () => {
    const dir = writeTree(tempDir('user-services-queue-'), { 'alpha.yaml': 'a', 'beta.yaml': 'b' });
    const r = recorder();
    watcher = watchFolder(dir, r.options);
    r.holdNext();
    writeFileSync(join(dir, 'alpha.yaml'), 'a2');
    await until(() => r.calls.length === 1);
    writeFileSync(join(dir, 'beta.yaml'), 'b2');
    await sleep(10 * DEBOUNCE_MS);
    // The first call has not returned: the second waits for it.
    expect(r.calls).toEqual([{ change: ['alpha.yaml'] }]);
    r.release();
    await until(() => r.calls.length === 2);
    await sleep(10 * DEBOUNCE_MS);
    expect(r.calls).toEqual([{ change: ['alpha.yaml'] }, { change: ['beta.yaml'] }]);
  });
});

describe('the change queue', () => {
  it('calls again at once with what a call answers, merged with what changed meanwhile', async () => {
    const r = recorder();
    const queue = changeQueue({ ...r.options, debounceMs: 1_000 });
    r.answers.push(new Set(['alpha.yaml']), 'all');
    r.holdNext();
    queue.event('alpha.yaml');
    await until(() => r.calls.length === 1);
    queue.event('beta.yaml');
    const released = Date.now();
    r.release();
    // Not after the quiet time of a second: what was read was still changing.
    await until(() => r.calls.length === 3);
    expect(Date.now() - released).toBeLessThan(500);
    expect(r.calls).toEqual([{ change: ['alpha.yaml'] }, { change: ['alpha.yaml', 'beta.yaml'] }, { change: 'all' }]);
    await sleep(1_100);
    expect(r.calls).toHaveLength(3);
    queue.close();
  });

  it('asks for the whole folder after an event without a name', async () => {
    const r = recorder();
    const queue = changeQueue(r.options);
    queue.event('alpha.yaml');
    queue.event(null);
    queue.event('beta.yaml');
    await until(() => r.calls.length > 0);
    queue.event('gamma.yaml');
    await until(() => r.calls.length > 1);
    expect(r.calls).toEqual([{ change: 'all' }, { change: ['gamma.yaml'] }]);
    queue.close();
  });

  it('reports a failed watcher and asks for the whole folder', async () => {
    const r = recorder();
    const queue = changeQueue(r.options);
    queue.error(new Error('EMFILE: too many open files'));
    await until(() => r.calls.length > 0);
    expect([r.errors, r.calls]).toEqual([['EMFILE: too many open files'], [{ change: 'all' }]]);
    queue.close();
  });

  it('reports a failed call and goes on with the next change', async () => {
    const calls: string[] = [];
    const errors: string[] = [];
    const queue = changeQueue({
      debounceMs: 1,
      relevant,
      onError: (e) => errors.push(e.message),
      async onChange(change) {
        calls.push(String(shown(change)));
        if (calls.length === 1) throw new Error('services folder not found: services');
        return undefined;
      },
    });
    queue.event('a.yaml');
    await until(() => errors.length > 0);
    queue.event('b.yaml');
    await until(() => calls.length > 1);
    expect([calls, errors]).toEqual([['a.yaml', 'b.yaml'], ['services folder not found: services']]);
    queue.close();
  });

  it('makes no call after it is closed', async () => {
    const r = recorder();
    const queue = changeQueue(r.options);
    queue.event('alpha.yaml');
    queue.close();
    await sleep(10 * DEBOUNCE_MS);
    expect(r.calls).toEqual([]);
  });
});
