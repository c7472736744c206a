import { readdirSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishedFrom, writeSite } from '../../../scripts/adapters/write-site.js';
import { readTree, tempDir } from '../../helpers/fs.js';
import { expectSameSite, inPathOrder } from '../../helpers/site.js';

const bytes = (s: string) => new TextEncoder().encode(s);
const site = (files: Record<string, string>) => new Map(Object.entries(files).map(([p, s]) => [p, bytes(s)]));
const stamp = (dir: string, path: string) => {
  const s = statSync(join(dir, 'dist', path));
  return `${s.ino}:${s.mtimeMs}`;
};
const text = (dir: string) => new Map([...readTree(join(dir, 'dist'))].map(([p, b]) => [p, b.toString('utf8')]));
const builds = (dir: string) => readdirSync(join(dir, '.dist.builds')).sort();

describe('publishing with manifests and a spare build', () => {
  it('keeps unchanged files as the same file through many rebuilds, and drops removed ones', async () => {
    const dir = tempDir();
    const out = join(dir, 'dist');
    const v1 = { 'a/index.json': 'a1', 'b/index.json': 'b1', 'list.json': 'l1' };
    expect(await writeSite(out, site(v1))).toEqual({ written: 3, unchanged: 0, removed: 0 });
    const a = stamp(dir, 'a/index.json');
    const v2 = { ...v1, 'b/index.json': 'b2', 'list.json': 'l2', 'c/index.json': 'c2' };
    expect(await writeSite(out, site(v2))).toEqual({ written: 3, unchanged: 1, removed: 0 });
    const v3 = { 'a/index.json': 'a1', 'b/index.json': 'b2', 'list.json': 'l3' };
    expect(await writeSite(out, site(v3))).toEqual({ written: 1, unchanged: 2, removed: 1 });
    const b = stamp(dir, 'b/index.json');
    // The third build updated the first build's folder in place; the fourth updates the second's.
    const v4 = { ...v3, 'list.json': 'l4' };
    expect(await writeSite(out, site(v4))).toEqual({ written: 1, unchanged: 2, removed: 0 });
    expectSameSite(text(dir), inPathOrder(new Map(Object.entries(v4))));
    expect(stamp(dir, 'a/index.json')).toBe(a);
    expect(stamp(dir, 'b/index.json')).toBe(b);
    expect(builds(dir)).toHaveLength(4);
    expect(builds(dir).filter((e) => e.endsWith('.manifest'))).toHaveLength(2);
  });

  it('gives a file that changes back to earlier bytes a new modification time', async () => {
    const dir = tempDir();
    const out = join(dir, 'dist');
    await writeSite(out, site({ 'x.json': 'one' }));
    const first = stamp(dir, 'x.json');
    await writeSite(out, site({ 'x.json': 'two' }));
    await new Promise((r) => setTimeout(r, 20));
    await writeSite(out, site({ 'x.json': 'one' }));
    expect(readFileSync(join(out, 'x.json'), 'utf8')).toBe('one');
    expect(stamp(dir, 'x.json')).not.toBe(first);
  });

  it('writes nothing when nothing changed, and knows the input it was built from', async () => {
    const dir = tempDir();
    const out = join(dir, 'dist');
    await writeSite(out, site({ 'x.json': 'one' }), { source: 'input-1' });
    const before = builds(dir);
    const link = readlinkSync(out);
    expect(await writeSite(out, site({ 'x.json': 'one' }), { source: 'input-1' })).toEqual({
      written: 0,
      unchanged: 1,
      removed: 0,
    });
    expect(builds(dir)).toEqual(before);
    expect(readlinkSync(out)).toBe(link);
    expect(await publishedFrom(out, 'input-1')).toEqual({ written: 0, unchanged: 1, removed: 0 });
    expect(await publishedFrom(out, 'input-2')).toBeNull();
  });

  it('does not trust a spare whose manifest is gone (a build killed while updating it)', async () => {
    const dir = tempDir();
    const out = join(dir, 'dist');
    await writeSite(out, site({ 'x.json': 'one', 'y.json': 'y' }));
    await writeSite(out, site({ 'x.json': 'two', 'y.json': 'y' }));
    const current = basename(readlinkSync(out));
    const spare = builds(dir).find((e) => !e.endsWith('.manifest') && e !== current) as string;
    // What a killed update leaves: the manifest spoilt first, then a file replaced half-way
    // (the writer never writes into a file in place: it may be a link to a published one).
    writeFileSync(join(dir, '.dist.builds', `${spare}.manifest.99999.tmp`), '');
    writeFileSync(join(dir, '.dist.builds', `${spare}.manifest`), 'broken');
    rmSync(join(dir, '.dist.builds', spare, 'y.json'));
    writeFileSync(join(dir, '.dist.builds', spare, 'y.json'), 'garbage');
    await writeSite(out, site({ 'x.json': 'three', 'y.json': 'y' }));
    expectSameSite(
      text(dir),
      new Map([
        ['x.json', 'three'],
        ['y.json', 'y'],
      ]),
    );
    expect(builds(dir)).not.toContain(`${spare}.manifest.99999.tmp`);
  });

  it('reads the published files when their manifest is missing', async () => {
    const dir = tempDir();
    const out = join(dir, 'dist');
    await writeSite(out, site({ 'x.json': 'one', 'y.json': 'y' }));
    const current = basename(readlinkSync(out));
    writeFileSync(join(dir, '.dist.builds', `${current}.manifest`), '');
    expect(await writeSite(out, site({ 'x.json': 'one', 'y.json': 'z' }))).toEqual({
      written: 1,
      unchanged: 1,
      removed: 0,
    });
    expectSameSite(
      text(dir),
      new Map([
        ['x.json', 'one'],
        ['y.json', 'z'],
      ]),
    );
  });
});
