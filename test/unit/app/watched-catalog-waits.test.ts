/**
 * A file of the watched folder that looks unfinished, or was seen changing,
 * waits longer before it is read (scripts/app/watched-catalog.ts).
 */

import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { UNFINISHED_SETTLE_MS, WatchedFolder } from '../../../scripts/adapters/watched-folder.js';
import { KINDS } from '../../../scripts/core/kinds/index.js';
import { tempDir, writeTree } from '../../helpers/fs.js';
import { installPageAssets } from '../../helpers/page.js';
import { START } from '../../helpers/watch-steps.js';

beforeAll(installPageAssets);

function prefixed(files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([name, text]) => [`services/${name}`, text]));
}

describe('a file that looks unfinished, or was seen changing, waits longer', () => {
  const folderAt = async (files: Record<string, string>) => {
    const work = writeTree(tempDir('user-services-unfinished-'), prefixed(files));
    const dir = join(work, 'services');
    return { dir, folder: await WatchedFolder.read(dir, work, KINDS) };
  };
  /** How long `unsettled` took, in ms, and what it said. */
  const timed = async (folder: WatchedFolder) => {
    const started = performance.now();
    const change = await folder.unsettled();
    return { change: change === null || change === 'all' ? change : [...change], ms: performance.now() - started };
  };

  it.each([
    ['cut in the middle of a line', 'technical_name: Alpha\ndescription: cut in the mid'],
    ['empty (truncated before it is written again)', ''],
  ])('waits until a file %s has gone unmodified for the longer time', async (_, text) => {
    const { dir, folder } = await folderAt(START);
    writeFileSync(join(dir, 'alpha.yaml'), text);
    await folder.update(new Set(['alpha.yaml']));
    const { change, ms } = await timed(folder);
    expect(change).toBeNull();
    expect(ms).toBeGreaterThanOrEqual(UNFINISHED_SETTLE_MS - 50);
  });

  it('catches the rest of the file written within that time', async () => {
    const { dir, folder } = await folderAt(START);
    writeFileSync(join(dir, 'alpha.yaml'), 'technical_name: Alpha\ndescription: cut');
    await folder.update(new Set(['alpha.yaml']));
    setTimeout(() => appendFileSync(join(dir, 'alpha.yaml'), ' here\n'), 600);
    expect((await timed(folder)).change).toEqual(['alpha.yaml']);
  });

  it('does not wait for a finished file, nor for an unfinished one unmodified for longer already', async () => {
    const { dir, folder } = await folderAt({ ...START, 'old.yaml': 'technical_name: Old' });
    // old.yaml has no final line break, but it was written before the read: it waits only what is left.
    writeFileSync(join(dir, 'alpha.yaml'), 'technical_name: Alpha\ndescription: whole\n');
    await folder.update(new Set(['alpha.yaml']));
    const finished = await timed(folder);
    expect([finished.change, finished.ms < UNFINISHED_SETTLE_MS / 2]).toEqual([null, true]);
    // Read whole after it has gone unmodified for the longer time: no wait is left.
    await new Promise((r) => setTimeout(r, UNFINISHED_SETTLE_MS + 50));
    await folder.update('all');
    const whole = await timed(folder);
    expect([whole.change, whole.ms < UNFINISHED_SETTLE_MS / 2]).toEqual([null, true]);
  });

  it('makes a file seen changing while waited for wait the longer time from then on, even whole', async () => {
    const { dir, folder } = await folderAt(START);
    writeFileSync(join(dir, 'alpha.yaml'), 'technical_name: Alpha\n');
    await folder.update(new Set(['alpha.yaml']));
    appendFileSync(join(dir, 'alpha.yaml'), 'description: more\n');
    expect((await timed(folder)).change).toEqual(['alpha.yaml']);
    await folder.update(new Set(['alpha.yaml']));
    const slow = await timed(folder);
    expect([slow.change, slow.ms >= UNFINISHED_SETTLE_MS - 100]).toEqual([null, true]);
    // Another file, whole, still waits only the short time.
    writeFileSync(join(dir, 'beta.yaml'), 'technical_name: Beta\n');
    await folder.update(new Set(['beta.yaml']));
    const other = await timed(folder);
    expect([other.change, other.ms < UNFINISHED_SETTLE_MS / 2]).toEqual([null, true]);
  });
});
