/**
 * A build's own records hold site paths only: a record beside the output
 * that lists `../x` (edited by hand or by anything that can write there) is
 * ignored rather than used to delete a file outside the build; and the build
 * never writes a path that is not a site path.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readManifestColumns } from '../../../scripts/adapters/site-manifest.js';
import { writeSite } from '../../../scripts/adapters/write-site.js';
import { readTree, tempDir } from '../../helpers/fs.js';

const bytes = (s: string) => new TextEncoder().encode(s);
const site = (files: Record<string, string>) => new Map(Object.entries(files).map(([p, s]) => [p, bytes(s)]));

/** Adds `path` to the records of the build folder `folder`, as an edit by hand would. */
function addRecord(folder: string, path: string, key: 'paths' | 'folders' = 'paths'): void {
  const file = `${folder}.manifest`;
  const [headLine, columnsLine] = readFileSync(file, 'utf8').split('\n') as [string, string];
  const head = JSON.parse(headLine);
  const columns = JSON.parse(columnsLine);
  if (key === 'folders') {
    columns.folders.push(path);
    columns.folderTimes.push(0);
    columns.folderChanges.push(0);
  } else {
    for (const [name, value] of [
      ['paths', path],
      ['hashes', 'x'],
      ['sizes', 1],
      ['mtimes', 0],
      ['ctimes', 0],
      ['inos', 0],
    ])
      columns[name as string].push(value);
    head.count++;
  }
  writeFileSync(file, `${JSON.stringify(head)}\n${JSON.stringify(columns)}\n`);
}

describe("a build's records beside its output", () => {
  it.each([
    ['../../victim', 'paths'],
    ['/absolute', 'paths'],
    ['a/../../../victim', 'paths'],
    ['..', 'folders'],
  ] as const)('are ignored when they list %j among their %s: nothing outside is deleted', async (path, key) => {
    const dir = tempDir();
    const out = join(dir, 'dist');
    const victim = join(dir, 'victim');
    writeFileSync(victim, 'keep me');
    await writeSite(out, site({ 'a/index.json': 'a1', 'b/index.json': 'b1' }));
    await writeSite(out, site({ 'a/index.json': 'a2', 'b/index.json': 'b1' }));
    const builds = join(dir, '.dist.builds');
    const published = readFileSync(join(out, 'a/index.json'), 'utf8');
    const spare = readdirSync(builds)
      .filter((e) => !e.endsWith('.manifest'))
      .map((e) => join(builds, e))
      .find((f) => readFileSync(join(f, 'a/index.json'), 'utf8') !== published) as string;
    expect(await readManifestColumns(spare)).not.toBeNull();
    addRecord(spare, path, key);
    expect(await readManifestColumns(spare)).toBeNull();
    expect(await writeSite(out, site({ 'a/index.json': 'a3' }))).toEqual({ written: 1, unchanged: 0, removed: 1 });
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
    expect([...readTree(out)].map(([p, b]) => [p, b.toString()])).toEqual([['a/index.json', 'a3']]);
  });

  it('never writes a path that is not a site path: a fault of the tool, refused before anything is written', async () => {
    const dir = tempDir();
    const out = join(dir, 'dist');
    await expect(writeSite(out, site({ 'a/index.json': 'a', '../outside': 'x' }))).rejects.toThrow(
      'the site holds "../outside", which is not a site path',
    );
    expect([existsSync(out), existsSync(join(dir, 'outside'))]).toEqual([false, false]);
  });
});
