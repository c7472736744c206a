/**
 * build --history and serve --history around commits whose services folder
 * cannot be read as a catalog: a file or a link where the folder should be,
 * a file name that is not UTF-8, an object missing from a partial clone; a
 * shallow clone cut below the folder's oldest commit; a folder whose name
 * looks like a parent (`..svc`) or a pattern (`sv*`). None is an internal
 * error: each commit is left out with its reason, or the history is cut.
 */
import { spawnSync } from 'node:child_process';
import { rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { historyPath } from '../../scripts/core/model/site.js';
import { runCli } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/fs.js';
import { commitAt, GIT_IDENTITY, git } from '../helpers/git.js';
import { changeOfA, commitTime, historyOf } from '../helpers/history-entries.js';
import { LISTENING, type ServeProcess, startServe } from '../helpers/serve.js';

const GOOD = 'technical_name: Call Waiting\n';
const CHANGED = `${GOOD}for_cc: true\n`;

/** A repository with one commit per step (each changes the working tree), in order; their names, oldest first. */
function repoOf(steps: readonly ((root: string) => void)[], folder = 'services'): { root: string; commits: string[] } {
  const root = tempDir('user-services-history-unreadable-');
  writeTree(root, { 'README.md': 'catalog\n' });
  git(root, 'init', '-q');
  commitAt(root, '2024-01-01T00:00:00Z', 'start');
  const commits = steps.map((step, i) => {
    rmSync(join(root, folder), { recursive: true, force: true });
    step(root);
    return commitAt(root, commitTime(i), `commit ${i}`);
  });
  return { root, commits };
}

const folderWith =
  (text: string, folder = 'services') =>
  (root: string) =>
    writeTree(root, { [`${folder}/a.yaml`]: text });
const fileAt = (root: string) => writeFileSync(join(root, 'services'), 'not a folder\n');
const linkAt = (root: string) => symlinkSync('elsewhere', join(root, 'services'));

const build = (cwd: string, limit: number, more: string[] = []) =>
  runCli(['build', '--no-cache', '--history', String(limit), ...more], { cwd });
const short = (commit: string) => commit.slice(0, 12);
const notAFolder = (commit: string, what: string) =>
  `services:1:1: warning history-broken-commit: the services folder at commit ${short(commit)} is no folder, so its changes are left out of the history (it is compared across): the services folder services ${what}\n`;
const A_FILE = 'is not a folder at that revision (a file)';
const A_LINK = 'is a symbolic link at that revision, which is not followed';

describe('build --history across a services folder that was no folder', () => {
  it('leaves out a commit where it is a file, names why, and compares across it', () => {
    const { root, commits } = repoOf([folderWith(GOOD), fileAt, folderWith(CHANGED)]);
    const [first, file, back] = commits as [string, string, string];
    const run = build(root, 10);
    expect([run.status, run.stdout, run.stderr.split(' in ')[0]]).toEqual([
      0,
      notAFolder(file, A_FILE),
      'build: 1 service read, 0 errors, 1 warning, 69 files written, 0 unchanged, 0 removed',
    ]);
    expect(historyOf(root)).toEqual({
      api_version: 1,
      limit: 10,
      complete: true,
      changes: [changeOfA(back, 2, 'changed', 'additive', ['for_cc']), changeOfA(first, 0, 'added', 'additive', [])],
    });
  });

  it('reaches across a symbolic link in the commit just before the window', () => {
    const { root, commits } = repoOf([folderWith(GOOD), linkAt, folderWith(CHANGED)]);
    const [, link, back] = commits as [string, string, string];
    const run = build(root, 1);
    expect([run.status, run.stdout]).toEqual([0, notAFolder(link, A_LINK)]);
    expect(historyOf(root)).toEqual({
      api_version: 1,
      limit: 1,
      complete: false,
      changes: [changeOfA(back, 2, 'changed', 'additive', ['for_cc'])],
    });
  });

  it('takes a file before the folder existed for no catalog: what follows is added', () => {
    const { root, commits } = repoOf([fileAt, folderWith(GOOD)]);
    const [file, added] = commits as [string, string];
    const run = build(root, 5);
    expect([run.status, run.stdout]).toEqual([0, notAFolder(file, A_FILE)]);
    expect(historyOf(root)).toEqual({
      api_version: 1,
      limit: 5,
      complete: true,
      changes: [changeOfA(added, 1, 'added', 'additive', [])],
    });
  });

  it('names the first error of a commit whose file name is not UTF-8', () => {
    const name = Buffer.concat([Buffer.from('services/b'), Buffer.from([0xff]), Buffer.from('.yaml')]);
    const badName = (root: string) => {
      folderWith(GOOD)(root);
      writeFileSync(Buffer.concat([Buffer.from(`${root}/`), name]), 'technical_name: Do Not Disturb\n');
    };
    const { root, commits } = repoOf([folderWith(GOOD), badName, folderWith(CHANGED)]);
    const [, bad, back] = commits as [string, string, string];
    const run = build(root, 2);
    expect([run.status, run.stdout]).toEqual([
      0,
      `services:1:1: warning history-broken-commit: the services folder at commit ${short(bad)} has 1 error, so its changes are left out of the history (it is compared across; user-services diff --base ${short(bad)} lists it); the error: services/b\uFFFD.yaml:1:1: invalid-instance-name: the instance name "b\uFFFD" (the file name without .yaml) is not valid: it must start with a letter or digit and use only letters A-Z, digits, "_", "." and "-"; rename the file\n`,
    ]);
    expect(historyOf(root).changes).toEqual([changeOfA(back, 2, 'changed', 'additive', ['for_cc'])]);
  });
});

describe('build --history in a clone that lacks part of the history', () => {
  const clone = (root: string, ...how: string[]) => {
    const to = join(tempDir('user-services-history-clone-'), 'clone');
    const r = spawnSync('git', ['clone', '-q', ...how, `file://${root}`, to], {
      env: { ...process.env, ...GIT_IDENTITY },
      encoding: 'utf8',
    });
    expect([r.status, r.stderr]).toEqual([0, '']);
    return to;
  };

  it('stops where a partial clone cannot read an older commit, rather than call every service added', () => {
    const { root, commits } = repoOf([folderWith(GOOD), folderWith(CHANGED)]);
    const [old, head] = commits as [string, string];
    git(root, 'config', 'uploadpack.allowFilter', 'true');
    const partial = clone(root, '--filter=blob:none');
    rmSync(root, { recursive: true });
    const run = build(partial, 5);
    expect([run.status, run.stdout]).toEqual([
      0,
      `services:1:1: warning history-broken-commit: git cannot read the services folder at commit ${short(old)} in this clone, so its changes are left out of the history and what it held is unknown (fetch the whole history to publish them): fatal: '${root}' does not appear to be a git repository\n` +
        `services:1:1: warning history-base-unknown: the history ends at commit ${short(head)}: the commits before it that changed the services folder have errors as far back as the build looks (10 commits before the window, or where this clone ends), so what it changed cannot be known; 0 commits are published and "complete" is false; publish a longer --history to reach a commit that builds\n`,
    ]);
    expect(historyOf(partial)).toEqual({ api_version: 1, limit: 5, complete: false, changes: [] });
  });

  it('says a shallow clone is cut below the oldest commit that changed the folder', () => {
    // The folder is added, removed, then added again after an unrelated commit where the clone is cut.
    const { root, commits } = repoOf([
      folderWith(GOOD),
      () => {},
      (r) => writeTree(r, { 'README.md': 'unrelated\n' }),
      folderWith(CHANGED),
    ]);
    const [, , cut, again] = commits as [string, string, string, string];
    const shallow = clone(root, '--depth', '2');
    expect(git(shallow, 'rev-parse', '--is-shallow-repository').trim()).toBe('true');
    const run = build(shallow, 5);
    expect([run.status, run.stdout]).toEqual([
      0,
      `services:1:1: warning history-shallow: the history ends at commit ${short(cut)}, where this shallow clone ends: 1 commit is published and "complete" is false; fetch more history (actions/checkout with fetch-depth: 0) to publish the rest\n`,
    ]);
    const added = { ...changeOfA(again, 3, 'added', 'additive', []) };
    expect(historyOf(shallow)).toEqual({ api_version: 1, limit: 5, complete: false, changes: [added] });
    // The whole clone knows the removal, and says the history is complete.
    const whole = build(root, 5);
    expect([whole.status, whole.stdout, historyOf(root).complete, historyOf(root).changes.length]).toEqual([
      0,
      '',
      true,
      3,
    ]);
  });

  it('says nothing of a shallow clone whose cut lies below a window the limit ends', () => {
    const texts = [GOOD, CHANGED, `${GOOD}for_hg: true\n`, `${CHANGED}for_hg: true\n`];
    const { root, commits } = repoOf(texts.map((t) => folderWith(t)));
    const shallow = clone(root, '--depth', '3');
    const run = build(shallow, 1);
    expect([run.status, run.stdout]).toEqual([0, '']);
    expect(historyOf(shallow)).toEqual({
      api_version: 1,
      limit: 1,
      complete: false,
      changes: [changeOfA(commits[3] as string, 3, 'changed', 'additive', ['for_cc'])],
    });
  });
});

describe('build --history with a services folder named like a parent or a pattern', () => {
  it('reads a folder named ..svc inside the repository', () => {
    const { root, commits } = repoOf([folderWith(GOOD, '..svc'), folderWith(CHANGED, '..svc')], '..svc');
    const [first, second] = commits as [string, string];
    const run = build(root, 5, ['--services', '..svc']);
    expect([run.status, run.stdout]).toEqual([0, '']);
    expect(historyOf(root).changes).toEqual([
      changeOfA(second, 1, 'changed', 'additive', ['for_cc']),
      changeOfA(first, 0, 'added', 'additive', []),
    ]);
  });

  it('diff --base reads a folder named ..svc at a revision, as inside the repository', () => {
    const { root } = repoOf([folderWith(GOOD, '..svc')], '..svc');
    writeTree(root, { '..svc/a.yaml': CHANGED });
    const run = runCli(['diff', '--base', 'HEAD', '--services', '..svc'], { cwd: root });
    expect([run.status, run.stderr, run.stdout.split('\n').slice(0, 5)]).toEqual([
      0,
      '',
      [
        'API diff HEAD -> ..svc: Additive API change',
        '1 service changed: 1 additive',
        '',
        '[additive] a: changed',
        '    for_cc: false -> true (additive)',
      ],
    ]);
  });

  it('takes a folder named sv* for itself, not for a pattern that matches svx', () => {
    // The later commit changes svx only: sv* is its one commit, the whole history in a window of 1.
    const { root, commits } = repoOf([folderWith(GOOD, 'sv*'), (r) => writeTree(r, { 'svx/b.yaml': GOOD })], 'svx');
    const [first] = commits as [string, string];
    const run = build(root, 1, ['--services', 'sv*']);
    expect([run.status, run.stdout]).toEqual([0, '']);
    expect(historyOf(root)).toEqual({
      api_version: 1,
      limit: 1,
      complete: true,
      changes: [changeOfA(first, 0, 'added', 'additive', [])],
    });
  });
});

describe('serve --history across a services folder that was no folder', () => {
  let serve: ServeProcess | undefined;
  afterEach(async () => {
    serve?.child.kill('SIGTERM');
    await serve?.exited;
    serve = undefined;
  });

  it('says why the commit is left out, once, and serves the history build publishes', async () => {
    const { root, commits } = repoOf([folderWith(GOOD), fileAt, folderWith(CHANGED)]);
    const [, file] = commits as [string, string];
    serve = startServe(['--port', '0', '--history', '1'], root);
    const [, origin] = await serve.waitFor(LISTENING);
    expect(serve.stdout()).toBe(notAFolder(file, A_FILE));
    expect(serve.stderr()).toMatch(/^serve: 1 service read, 0 errors, 1 warning in \d+\.\d\d s\nserve: listening on /);
    const served = await (await fetch(`${origin}/${historyPath().replace(/index\.json$/, '')}`)).text();
    expect(build(root, 1).status).toBe(0);
    expect(JSON.parse(served)).toEqual(historyOf(root));
  });
});
