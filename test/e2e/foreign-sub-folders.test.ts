/**
 * Entries put by hand into any folder of the published site, or of the
 * spare build kept beside it, are refused by a build that publishes (exit 2,
 * named, kept) and never published again by a later build; entries in the way
 * of what a build writes end the same way, never as an internal error. A
 * folder of the site deleted by hand is healed, not refused.
 */
import { mkdirSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { foreignEntries } from '../../scripts/adapters/foreign-entries.js';
import { folderTimes } from '../../scripts/adapters/site-manifest.js';
import { runCli, untimed } from '../helpers/cli.js';
import { readTree, setModified, tempDir, writeTree } from '../helpers/fs.js';
import { expectSameSite } from '../helpers/site.js';
import { keepTree } from '../helpers/snapshot.js';

const U = 'api/v1/configs/user_services';

function project(): string {
  const root = tempDir('user-services-foreign-');
  writeTree(join(root, 'services'), {
    'call-waiting.yaml': 'technical_name: Call Waiting\nfor_hg: true\n',
    'voice-mail.yaml': 'technical_name: Voice Messaging User\ndescription: Takes messages\n',
  });
  return root;
}

const build = (cwd: string) => runCli(['build'], { cwd });
let edits = 0;
/** A change of one service, so that the next build publishes. */
const change = (cwd: string) =>
  writeFileSync(
    join(cwd, 'services', 'voice-mail.yaml'),
    `technical_name: Voice Messaging User\ndescription: Take ${++edits}\n`,
  );

const refusal = (entries: string[], within = 'dist') => {
  const shown = entries.map((e) => `${within}/${e}`).join(', ');
  const it = entries.length === 1 ? 'it' : 'them';
  return `user-services build: error output-holds-foreign-files: --out dist holds ${shown}, which user-services did not write (put there after the last build); the next build publishes a folder without ${it}, which would lose ${it}. Move ${it} out of dist: it holds only what the build writes (to publish more files beside the API, copy them in after the build, in the step that uploads dist)\n`;
};

/** Refused with exactly `stderr`, exit 2, and the whole project as it was. */
function expectRefused(cwd: string, stderr: string): void {
  const tree = keepTree(cwd);
  const run = build(cwd);
  expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({ status: 2, stdout: '', stderr });
  tree.expectUnchanged();
}

describe('entries put by hand into a sub-folder of the published site', () => {
  it('are refused by a build that publishes and kept; once moved away, no later build shows them (they came back every other build)', () => {
    const cwd = project();
    expect(build(cwd).status).toBe(0);
    writeTree(join(cwd, 'dist', U), { 'ghost/index.json': '{}\n', 'extra.json': 'x\n' });
    // A build that publishes nothing reads only the top of the site: it is not in the way.
    expect(build(cwd).status).toBe(0);
    change(cwd);
    expectRefused(cwd, refusal([`${U}/extra.json`, `${U}/ghost`]));
    rmSync(join(cwd, 'dist', U, 'ghost'), { recursive: true });
    rmSync(join(cwd, 'dist', U, 'extra.json'));
    for (let i = 0; i < 4; i++) {
      change(cwd);
      const run = build(cwd);
      expect(run.status, run.stderr).toBe(0);
      const paths = [...readTree(join(cwd, 'dist')).keys()];
      expect(paths.filter((p) => p.includes('ghost') || p.includes('extra'))).toEqual([]);
    }
  });

  it('refuses a file where the build then adds a service (an internal error EEXIST on mkdir)', () => {
    const cwd = project();
    expect(build(cwd).status).toBe(0);
    writeFileSync(join(cwd, 'dist', U, 'newsvc'), 'junk\n');
    writeFileSync(join(cwd, 'services', 'newsvc.yaml'), 'technical_name: Call Transfer\n');
    expectRefused(cwd, refusal([`${U}/newsvc`]));
  });

  it('refuses a folder made where the build wrote a file (an internal error EISDIR)', () => {
    const cwd = project();
    expect(build(cwd).status).toBe(0);
    const file = `${U}/voice-mail/index.json`;
    rmSync(join(cwd, 'dist', file));
    mkdirSync(join(cwd, 'dist', file));
    change(cwd);
    expectRefused(cwd, refusal([file]));
  });

  it('refuses a link put where the build wrote a file, and a file where it made a folder', () => {
    const cwd = project();
    expect(build(cwd).status).toBe(0);
    rmSync(join(cwd, 'dist', U, 'call-waiting', 'index.json'));
    symlinkSync('/etc/hostname', join(cwd, 'dist', U, 'call-waiting', 'index.json'));
    rmSync(join(cwd, 'dist', 'api/v1/schemas'), { recursive: true });
    writeFileSync(join(cwd, 'dist', 'api/v1/schemas'), 'mine\n');
    change(cwd);
    expectRefused(cwd, refusal([`${U}/call-waiting/index.json`, 'api/v1/schemas']));
  });

  it('heals a folder of the site deleted by hand: not an entry of someone else', () => {
    const cwd = project();
    expect(build(cwd).status).toBe(0);
    const site = readTree(join(cwd, 'dist'));
    rmSync(join(cwd, 'dist', U, 'voice-mail'), { recursive: true });
    const run = build(cwd);
    expect(run.status, run.stderr).toBe(0);
    expect(untimed(run.stderr)).toMatch(
      /^build: 2 services read, 1 files? written, \d+ unchanged, 0 removed in T s\n$/,
    );
    expectSameSite(readTree(join(cwd, 'dist')), site);
  });
});

describe('entries put by hand into the spare build beside the site', () => {
  it('are refused before the spare is reused, named where they are, and kept', () => {
    const cwd = project();
    expect(build(cwd).status).toBe(0);
    change(cwd);
    expect(build(cwd).status).toBe(0);
    const published = basename(readlinkSync(join(cwd, 'dist')));
    const spare = readdirSync(join(cwd, '.dist.builds')).find((e) => !e.includes('.') && e !== published) as string;
    writeFileSync(join(cwd, '.dist.builds', spare, U, 'notes.txt'), 'mine\n');
    change(cwd);
    expectRefused(
      cwd,
      `user-services build: error output-holds-foreign-files: --out dist keeps an earlier build in .dist.builds/${spare}, which holds .dist.builds/${spare}/${U}/notes.txt, not written by user-services; the next build reuses that folder, which would lose it. Move it out of .dist.builds/${spare}\n`,
    );
  });
});

describe('entries put by hand into a folder whose modification time was then set back', () => {
  it('are refused by every later build that publishes, and kept (they came back every other build)', () => {
    const cwd = project();
    expect(build(cwd).status).toBe(0);
    const folder = join(cwd, 'dist', U);
    const { mtimeNs } = statSync(folder, { bigint: true });
    writeTree(folder, { 'ghost3/index.json': '{}\n' });
    setModified(folder, mtimeNs);
    expect(statSync(folder, { bigint: true }).mtimeNs).toBe(mtimeNs);
    for (let i = 0; i < 3; i++) {
      change(cwd);
      expectRefused(cwd, refusal([`${U}/ghost3`]));
    }
    rmSync(join(folder, 'ghost3'), { recursive: true });
    for (let i = 0; i < 2; i++) {
      change(cwd);
      expect(build(cwd).status).toBe(0);
      expect(readdirSync(join(cwd, 'dist', U))).not.toContain('ghost3');
    }
  });

  it('in the spare build are refused too, and kept', () => {
    const cwd = project();
    expect(build(cwd).status).toBe(0);
    change(cwd);
    expect(build(cwd).status).toBe(0);
    const spare = readdirSync(join(cwd, '.dist.builds')).find(
      (n) => !n.includes('.manifest') && n !== basename(readlinkSync(join(cwd, 'dist'))),
    ) as string;
    const folder = join(cwd, '.dist.builds', spare, U);
    const { mtimeNs } = statSync(folder, { bigint: true });
    writeTree(folder, { 'ghost/index.json': '{}\n' });
    setModified(folder, mtimeNs);
    change(cwd);
    expectRefused(
      cwd,
      `user-services build: error output-holds-foreign-files: --out dist keeps an earlier build in .dist.builds/${spare}, which holds .dist.builds/${spare}/${U}/ghost, not written by user-services; the next build reuses that folder, which would lose it. Move it out of .dist.builds/${spare}\n`,
    );
  });
});

describe('foreignEntries', () => {
  const paths = ['index.json', 'a/b/c.json', 'a/d.json'];

  it('reads only folders whose time changed since it was recorded', () => {
    const root = writeTree(tempDir(), { 'index.json': '', 'a/b/c.json': '', 'a/d.json': '' });
    const folders = folderTimes(root, paths);
    expect([...folders.keys()]).toEqual(['', 'a', 'a/b']);
    expect(foreignEntries(root, { paths, folders }, true)).toEqual([]);
    writeFileSync(join(root, 'a/b/x.json'), '');
    mkdirSync(join(root, 'a/new'));
    expect(foreignEntries(root, { paths, folders }, true)).toEqual(['a/b/x.json', 'a/new']);
    // The top alone, for a build that publishes nothing.
    expect(foreignEntries(root, { paths, folders }, false)).toEqual([]);
    writeFileSync(join(root, 'robots.txt'), '');
    expect(foreignEntries(root, { paths, folders }, false)).toEqual(['robots.txt']);
  });

  it('reads every folder when their times are unknown (a manifest of an earlier format)', () => {
    const root = writeTree(tempDir(), { 'index.json': '', 'a/b/c.json': '', 'a/d.json': '', 'a/b/zz': '' });
    expect(foreignEntries(root, { paths, folders: null }, true)).toEqual(['a/b/zz']);
  });
});
