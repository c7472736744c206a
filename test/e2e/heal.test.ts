/**
 * Published output heals: files of the published site (and of hosting/)
 * deleted or changed by hand are found by the next build, from their size,
 * time and inode against the manifest, and published again; the summary
 * counts them as written. The spare build, which shares unchanged files with
 * the published one as hard links, is never trusted beyond what it holds.
 */
import {
  lstatSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishedFrom, writeSite } from '../../scripts/adapters/write-site.js';
import { runCli, untimed } from '../helpers/cli.js';
import { readTree, setModified, tempDir, writeTree } from '../helpers/fs.js';
import { expectSameSite } from '../helpers/site.js';
import { keepTree } from '../helpers/snapshot.js';

const INSTANCE = 'api/v1/configs/user_services/voice-mail/index.json';

function project(): string {
  const root = tempDir('user-services-heal-');
  writeTree(join(root, 'services'), {
    'call-waiting.yaml': 'technical_name: Call Waiting\nfor_hg: true\n',
    'voice-mail.yaml': 'technical_name: Voice Messaging User\ndescription: Takes messages\nfor_enduser: true\n',
    'hunt-group.yaml': 'technical_name: Basic Call Logs\nfor_hg: true\nfor_cc: true\n',
  });
  return root;
}

const build = (cwd: string, ...args: string[]) => runCli(['build', ...args], { cwd });
const summary = (written: number, unchanged: number, removed = 0) =>
  `build: 3 services read, ${written} files written, ${unchanged} unchanged, ${removed} removed in T s\n`;

describe('a build after the published site was changed by hand', () => {
  it('publishes again what `rm -rf dist/*` deleted (the issue: it said "0 files written" and left an empty site)', () => {
    const cwd = project();
    expect(build(cwd).status).toBe(0);
    const site = readTree(join(cwd, 'dist'));
    // The shell's dist/* leaves the entries whose names start with a dot.
    const visible = readdirSync(join(cwd, 'dist')).filter((n) => !n.startsWith('.'));
    for (const name of visible) rmSync(join(cwd, 'dist', name), { recursive: true });
    const deleted = [...site.keys()].filter((p) => !p.startsWith('.')).length;
    expect(deleted).toBeGreaterThan(20);
    const run = build(cwd);
    expect([run.status, untimed(run.stderr)]).toEqual([0, summary(deleted, site.size - deleted)]);
    expectSameSite(readTree(join(cwd, 'dist')), site);
    // Healed for good: the next build has nothing to do.
    expect(untimed(build(cwd).stderr)).toBe(summary(0, site.size));
  });

  it('never trusts a spare whose files were deleted while it was published, though their inode numbers come back', () => {
    // `rm -rf dist/*` empties the build that then becomes the spare; the healing build's new files may
    // get the freed inode numbers, so the spare's manifest and the published build agreed on files the
    // spare no longer had: a later build kept them and published a site without them (exit 0).
    for (let round = 0; round < 4; round++) {
      const cwd = project();
      expect(build(cwd).status).toBe(0);
      writeFileSync(join(cwd, 'services/voice-mail.yaml'), 'technical_name: Voice Messaging User\nfor_ivr: true\n');
      expect(build(cwd).status).toBe(0);
      const site = readTree(join(cwd, 'dist'));
      for (const name of readdirSync(join(cwd, 'dist')).filter((n) => !n.startsWith('.')))
        rmSync(join(cwd, 'dist', name), { recursive: true });
      expect(build(cwd).status).toBe(0);
      rmSync(join(cwd, 'dist', INSTANCE));
      const run = build(cwd);
      expect([round, run.status]).toEqual([round, 0]);
      expectSameSite(readTree(join(cwd, 'dist')), site, `round ${round}`);
    }
    // Sixteen builds in a row: on a loaded machine more than the default 30 s.
  }, 120_000);

  it('publishes again a file edited in place through dist/, at the same length, and counts it in summary.files', () => {
    const cwd = project();
    expect(build(cwd).status).toBe(0);
    const site = readTree(join(cwd, 'dist'));
    const original = site.get(INSTANCE) as Buffer;
    writeFileSync(join(cwd, 'dist', INSTANCE), Buffer.from(original.toString().replace('Takes', 'Fakes')));
    const run = build(cwd, '--format', 'json');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).summary.files).toEqual({ written: 1, unchanged: site.size - 1, removed: 0 });
    expectSameSite(readTree(join(cwd, 'dist')), site);
  });

  it('publishes again a file edited in place whose size and modification time were then set back (its change time tells)', () => {
    const cwd = project();
    expect(build(cwd).status).toBe(0);
    // One build more, so that files are shared with a spare build (their change time moved with each link).
    writeFileSync(join(cwd, 'services', 'hunt-group.yaml'), 'technical_name: Basic Call Logs\nfor_hg: true\n');
    expect(build(cwd).status).toBe(0);
    const site = readTree(join(cwd, 'dist'));
    expect(untimed(build(cwd).stderr)).toBe(summary(0, site.size));
    const file = join(cwd, 'dist', INSTANCE);
    const before = statSync(file, { bigint: true });
    const original = site.get(INSTANCE) as Buffer;
    writeFileSync(file, Buffer.from(original.toString().replace('Takes', 'Fakes')));
    setModified(file, before.mtimeNs);
    const after = statSync(file, { bigint: true });
    expect([after.size, after.mtimeNs, after.ino]).toEqual([before.size, before.mtimeNs, before.ino]);
    expect(untimed(build(cwd).stderr)).toBe(summary(1, site.size - 1).replace('files', 'file'));
    expectSameSite(readTree(join(cwd, 'dist')), site);
    expect(untimed(build(cwd).stderr)).toBe(summary(0, site.size));
  });

  it('writes nothing for a file only touched: same bytes, new time', () => {
    const cwd = project();
    expect(build(cwd).status).toBe(0);
    const site = readTree(join(cwd, 'dist'));
    const file = join(cwd, 'dist', INSTANCE);
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const touched = statSync(file).mtimeMs;
    expect(untimed(build(cwd).stderr)).toBe(summary(0, site.size));
    expect(statSync(file).mtimeMs).toBe(touched);
    expectSameSite(readTree(join(cwd, 'dist')), site);
  });

  it('heals and applies a change of the input in one build, to the site a fresh build makes', () => {
    const cwd = project();
    expect(build(cwd).status).toBe(0);
    rmSync(join(cwd, 'dist', 'index.html'));
    writeFileSync(join(cwd, 'dist', 'api/v1/configs/user_services/hunt-group/index.json'), '{}\n');
    writeFileSync(
      join(cwd, 'services', 'voice-mail.yaml'),
      'technical_name: Voice Messaging User\ndescription: Keeps\n',
    );
    expect(build(cwd).status).toBe(0);
    const fresh = project();
    writeFileSync(
      join(fresh, 'services', 'voice-mail.yaml'),
      'technical_name: Voice Messaging User\ndescription: Keeps\n',
    );
    expect(build(fresh).status).toBe(0);
    expectSameSite(readTree(join(cwd, 'dist')), readTree(join(fresh, 'dist')));
    expectSameSite(readTree(join(cwd, 'hosting')), readTree(join(fresh, 'hosting')));
  });

  it('never trusts files reached through a folder replaced by a link: refuses the link, keeps it and what it points to', () => {
    // lstat follows a link in the folders of a path: the files kept their inode and times, so they passed
    // and the build said "0 files written" over a site whose folder lived elsewhere.
    const cwd = project();
    expect(build(cwd).status).toBe(0);
    const site = readTree(join(cwd, 'dist'));
    const folder = 'api/v1/configs/user_services/voice-mail';
    const elsewhere = join(tempDir('user-services-heal-elsewhere-'), 'voice-mail');
    renameSync(join(cwd, 'dist', folder), elsewhere);
    symlinkSync(elsewhere, join(cwd, 'dist', folder));
    const kept = readTree(elsewhere);
    const refused = build(cwd);
    expect([refused.status, refused.stderr]).toEqual([
      2,
      `user-services build: error output-holds-foreign-files: --out dist holds dist/${folder}, which user-services did not write (put there after the last build); the next build publishes a folder without it, which would lose it. Move it out of dist: it holds only what the build writes (to publish more files beside the API, copy them in after the build, in the step that uploads dist)\n`,
    ]);
    expect(lstatSync(join(cwd, 'dist', folder)).isSymbolicLink()).toBe(true);
    expectSameSite(readTree(elsewhere), kept);
    rmSync(join(cwd, 'dist', folder));
    expect([...site.keys()].filter((p) => p.startsWith(`${folder}/`))).toEqual([`${folder}/index.json`]);
    const run = build(cwd);
    expect([run.status, untimed(run.stderr)]).toEqual([
      0,
      `build: 3 services read, 1 file written, ${site.size - 1} unchanged, 0 removed in T s\n`,
    ]);
    expectSameSite(readTree(join(cwd, 'dist')), site);
    expectSameSite(readTree(elsewhere), kept);
  });

  it('publishes again the hosting files deleted or changed by hand', () => {
    const cwd = project();
    expect(build(cwd).status).toBe(0);
    const hosting = readTree(join(cwd, 'hosting'));
    const [first, second] = [...hosting.keys()];
    rmSync(join(cwd, 'hosting', first as string));
    writeFileSync(join(cwd, 'hosting', second as string), 'edited by hand\n');
    expect(build(cwd).status).toBe(0);
    expectSameSite(readTree(join(cwd, 'hosting')), hosting);
  });
});

const bytes = (s: string) => new TextEncoder().encode(s);
const site = (files: Record<string, string>) => new Map(Object.entries(files).map(([p, s]) => [p, bytes(s)]));
const text = (out: string) => Object.fromEntries([...readTree(out)].map(([p, b]) => [p, b.toString('utf8')]));

describe('the spare build shares unchanged files with the published one', () => {
  it('is not trusted with a file edited through the output: the edit reached it through the shared hard link', async () => {
    const out = join(tempDir(), 'dist');
    await writeSite(out, site({ 'a.json': 'a1', 'b.json': 'b1' }));
    await writeSite(out, site({ 'a.json': 'a1', 'b.json': 'b2' }));
    // a.json is one file in both build folders: editing it in place changes the spare too.
    writeFileSync(join(out, 'a.json'), 'XX');
    expect(await writeSite(out, site({ 'a.json': 'a1', 'b.json': 'b3' }))).toEqual({
      written: 2,
      unchanged: 0,
      removed: 0,
    });
    expect(text(out)).toEqual({ 'a.json': 'a1', 'b.json': 'b3' });
    // The folder published before the edit is the spare now, and its a.json still holds XX: not kept.
    expect(await writeSite(out, site({ 'a.json': 'a1', 'b.json': 'b4' }))).toEqual({
      written: 1,
      unchanged: 1,
      removed: 0,
    });
    expect(text(out)).toEqual({ 'a.json': 'a1', 'b.json': 'b4' });
    expect(await writeSite(out, site({ 'a.json': 'a1', 'b.json': 'b5' }))).toEqual({
      written: 1,
      unchanged: 1,
      removed: 0,
    });
    expect(text(out)).toEqual({ 'a.json': 'a1', 'b.json': 'b5' });
  });

  it('refuses to publish over files put into the output by hand, and keeps them, until they are moved away', async () => {
    const root = tempDir();
    const out = join(root, 'dist');
    await writeSite(out, site({ 'a.json': 'a1' }), { source: 'one' });
    writeTree(out, { 'robots.txt': 'User-agent: *\n', 'img/logo.png': 'PNG' });
    const tree = keepTree(root);
    const label = { option: '--out', folder: 'dist' } as const;
    for (const attempt of [
      () => writeSite(out, site({ 'a.json': 'a2' }), { source: 'two', label }),
      () => writeSite(out, site({ 'a.json': 'a1' }), { source: 'one', label }),
      () => publishedFrom(out, 'one', label),
    ]) {
      await expect(attempt()).rejects.toMatchObject({
        code: 'output-holds-foreign-files',
        message:
          '--out dist holds dist/img, dist/robots.txt, which user-services did not write (put there after the last build); the next build publishes a folder without them, which would lose them. Move them out of dist: it holds only what the build writes (to publish more files beside the API, copy them in after the build, in the step that uploads dist)',
      });
      tree.expectUnchanged();
    }
    rmSync(join(out, 'robots.txt'));
    rmSync(join(out, 'img'), { recursive: true });
    expect(await writeSite(out, site({ 'a.json': 'a2' }), { source: 'two', label })).toEqual({
      written: 1,
      unchanged: 0,
      removed: 0,
    });
    expect(text(out)).toEqual({ 'a.json': 'a2' });
  });

  it('answers "nothing changed" only while every published file passes', async () => {
    const out = join(tempDir(), 'dist');
    const files = { 'a.json': 'a1', 'dir/b.json': 'b1' };
    await writeSite(out, site(files), { source: 'input' });
    const same = { written: 0, unchanged: 2, removed: 0 };
    expect(await publishedFrom(out, 'input')).toEqual(same);
    utimesSync(join(out, 'a.json'), new Date(), new Date(Date.now() + 3000));
    expect(await publishedFrom(out, 'input')).toEqual(same);
    writeFileSync(join(out, 'a.json'), 'a2');
    expect(await publishedFrom(out, 'input')).toBeNull();
    expect(await writeSite(out, site(files), { source: 'input' })).toEqual({ written: 1, unchanged: 1, removed: 0 });
    expect(await publishedFrom(out, 'input')).toEqual(same);
    rmSync(join(out, 'dir'), { recursive: true });
    expect(await publishedFrom(out, 'input')).toBeNull();
    expect(await writeSite(out, site(files), { source: 'input' })).toEqual({ written: 1, unchanged: 1, removed: 0 });
    expect(text(out)).toEqual(files);
    expect(readFileSync(join(out, 'dir/b.json'), 'utf8')).toBe('b1');
  });
});
