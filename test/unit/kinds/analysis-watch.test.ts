/**
 * `serve --watch` over two kinds: the watcher watches each kind's sub-folder
 * (`_gizmos`, of a kind defined here alone) beside the services folder, names
 * a change in it by its path from the services folder, and the watched catalog
 * reads it again: a change there shows at once, not at the next change of the
 * services folder itself.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEBOUNCE_MS, type FolderWatcher, watchFolder } from '../../../scripts/adapters/watch.js';
import type { FolderChange } from '../../../scripts/adapters/watched-folder.js';
import { WatchedCatalog } from '../../../scripts/app/watched-catalog.js';
import type { AnalyzedKind } from '../../../scripts/core/analysis/kind.js';
import { userServices } from '../../../scripts/core/kinds/user-services/index.js';
import { entryRole } from '../../../scripts/core/reading/input.js';
import { entryOf } from '../../../scripts/core/reading/tree.js';
import { tempDir, writeTree } from '../../helpers/fs.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const shown = (change: FolderChange) => (change === 'all' ? 'all' : [...change].sort());

async function until(done: () => boolean, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(5);
  }
}

/** A kind whose value is its file's `size`, in `_gizmos`. */
const gizmos: AnalyzedKind<{ size: string }> = {
  name: 'gizmos',
  flags: [],
  folder: '_gizmos',
  fileRules: [],
  catalogRules: [],
  toValue: (_, root) => {
    const v = entryOf(root, 'size')?.value;
    return { size: v?.kind === 'scalar' ? String(v.value) : '' };
  },
  order: (values) => values,
  encodeValue: (g) => g,
  decodeValue: (raw) => raw as { size: string },
};

describe('watching the sub-folders of kinds', () => {
  let watcher: FolderWatcher | undefined;
  afterEach(() => watcher?.close());

  function watching(dir: string) {
    const calls: (string[] | 'all')[] = [];
    watcher = watchFolder(dir, {
      debounceMs: DEBOUNCE_MS,
      relevant: (name) => entryRole(name) !== 'hidden',
      onError: (e) => calls.push([`error ${e.message}`]),
      subFolders: ['_gizmos'],
      async onChange(change) {
        calls.push(shown(change));
        return undefined;
      },
    });
    return calls;
  }

  it("names a change in a kind's sub-folder by its path, and leaves its hidden entries alone", async () => {
    const dir = writeTree(tempDir('user-services-watch-kinds-'), { 'a.yaml': 'x\n', '_gizmos/g.yaml': 'size: 1\n' });
    const calls = watching(dir);
    await sleep(5 * DEBOUNCE_MS);
    expect(calls).toEqual([]);
    writeFileSync(join(dir, '_gizmos', '.g.yaml.swp'), 'x');
    await sleep(10 * DEBOUNCE_MS);
    expect(calls).toEqual([]);
    writeFileSync(join(dir, '_gizmos', 'g.yaml'), 'size: 2\n');
    await until(() => calls.length > 0);
    await sleep(10 * DEBOUNCE_MS);
    expect(calls).toEqual([['_gizmos/g.yaml']]);
  });

  it('watches a sub-folder made after it started, and no folder that is no kind', async () => {
    const dir = writeTree(tempDir('user-services-watch-kinds-'), { 'a.yaml': 'x\n', '_other/o.yaml': 'x\n' });
    const calls = watching(dir);
    writeFileSync(join(dir, '_other', 'o.yaml'), 'y\n');
    await sleep(10 * DEBOUNCE_MS);
    expect(calls).toEqual([]);
    mkdirSync(join(dir, '_gizmos'));
    await until(() => calls.length > 0);
    await sleep(10 * DEBOUNCE_MS);
    writeFileSync(join(dir, '_gizmos', 'h.yaml'), 'size: 3\n');
    await until(() => calls.length > 1);
    await sleep(10 * DEBOUNCE_MS);
    expect(calls).toEqual([['_gizmos'], ['_gizmos/h.yaml']]);
  });
});

describe('the watched catalog of two kinds', () => {
  it("reads a change named in a kind's sub-folder, as a fresh read gives it", async () => {
    const work = writeTree(tempDir('user-services-watch-kinds-'), {
      'services/a.yaml': 'technical_name: Call Waiting\n',
      'services/_gizmos/g.yaml': 'size: 1\n',
    });
    const io = { cwd: work, env: {} };
    const catalog = new WatchedCatalog('services', io, [userServices, gizmos]);
    const first = await catalog.analyze();
    expect(first.catalog.get('gizmos')).toEqual([{ size: '1' }]);
    writeFileSync(join(work, 'services/_gizmos/g.yaml'), 'size: 2\n');
    writeFileSync(join(work, 'services/_gizmos/h.yaml'), 'size: 3\n');
    const after = await catalog.analyze(new Set(['_gizmos/g.yaml', '_gizmos/h.yaml']));
    expect(after.catalog.get('gizmos')).toEqual([{ size: '2' }, { size: '3' }]);
    expect(after.filesByKind).toEqual({ user_services: 1, gizmos: 2 });
    const fresh = await new WatchedCatalog('services', io, [userServices, gizmos]).analyze();
    expect(after).toEqual(fresh);
  });
});
