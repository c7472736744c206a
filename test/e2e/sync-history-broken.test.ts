/**
 * build --history and serve --history around commits whose services folder
 * does not build: such a commit is left out and compared across, reaching
 * back past the window to the last commit that builds (at most BASE_REACH
 * commits before it); an empty catalog only before the folder's first commit;
 * and the same notes from serve as from build.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BASE_REACH } from '../../scripts/app/history.js';
import { historyPath } from '../../scripts/core/model/site.js';
import { runCli } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/fs.js';
import { commitAt, GIT_IDENTITY, git } from '../helpers/git.js';
import { changeOfA, commitTime, historyOf } from '../helpers/history-entries.js';
import { LISTENING, type ServeProcess, startServe } from '../helpers/serve.js';

const GOOD = 'technical_name: Call Waiting\n';
const BROKEN = 'technical_name: [\n';

/** A repository with one commit per content of services/a.yaml, in order; their names, oldest first. */
function repoOf(contents: readonly string[]): { root: string; commits: string[] } {
  const root = tempDir('user-services-history-broken-');
  writeTree(root, { 'README.md': 'catalog\n' });
  git(root, 'init', '-q');
  commitAt(root, '2024-01-01T00:00:00Z', 'start');
  const commits = contents.map((text, i) => {
    writeTree(root, { 'services/a.yaml': text });
    return commitAt(root, commitTime(i), `commit ${i}`);
  });
  return { root, commits };
}

const build = (cwd: string, limit: number) => runCli(['build', '--no-cache', '--history', String(limit)], { cwd });
const closing = { '[': ']', '{': '}' } as const;
/** The note on a commit whose services/a.yaml leaves `bracket` open after `technical_name: `. */
const brokenNote = (commit: string, bracket: '[' | '{' = '[') => {
  const c = commit.slice(0, 12);
  const close = closing[bracket];
  return `services:1:1: warning history-broken-commit: the services folder at commit ${c} has 1 error, so its changes are left out of the history (it is compared across; user-services diff --base ${c} lists it); the error: services/a.yaml:1:17: unclosed-bracket: this ${bracket} is never closed as YAML reads it; close it with ${close} on the same line or on a line indented more than its key, or put the text in quotes if the ${bracket} belongs to it\n`;
};
const unknownNote = (commit: string, kept: number) =>
  `services:1:1: warning history-base-unknown: the history ends at commit ${commit.slice(0, 12)}: the commits before it that changed the services folder have errors as far back as the build looks (${BASE_REACH} commits before the window, or where this clone ends), so what it changed cannot be known; ${kept} ${kept === 1 ? 'commit is' : 'commits are'} published and "complete" is false; publish a longer --history to reach a commit that builds\n`;

describe('build --history across commits that do not build', () => {
  it('leaves a broken commit inside the window out and compares across it', () => {
    const { root, commits } = repoOf([GOOD, BROKEN, `${GOOD}for_cc: true\n`]);
    const [first, broken, fixed] = commits as [string, string, string];
    const run = build(root, 10);
    expect([run.status, run.stdout]).toEqual([0, brokenNote(broken)]);
    expect(historyOf(root)).toEqual({
      api_version: 1,
      limit: 10,
      complete: true,
      changes: [changeOfA(fixed, 2, 'changed', 'additive', ['for_cc']), changeOfA(first, 0, 'added', 'additive', [])],
    });
  });

  it('compares the oldest commit of the window with the last good one before a broken predecessor, never with nothing', () => {
    const { root, commits } = repoOf([GOOD, BROKEN, `${GOOD}for_cc: true\n`]);
    const [, broken, fixed] = commits as [string, string, string];
    const run = build(root, 1);
    expect([run.status, run.stdout]).toEqual([0, brokenNote(broken)]);
    expect(historyOf(root)).toEqual({
      api_version: 1,
      limit: 1,
      complete: false,
      changes: [changeOfA(fixed, 2, 'changed', 'additive', ['for_cc'])],
    });
  });

  it("compares with an empty catalog only when the broken commits go back to the folder's first one", () => {
    const { root, commits } = repoOf([BROKEN, BROKEN.replace('[', '{'), GOOD]);
    const [b0, b1, good] = commits as [string, string, string];
    const run = build(root, 1);
    expect([run.status, run.stdout]).toEqual([0, brokenNote(b1, '{') + brokenNote(b0)]);
    expect(historyOf(root)).toEqual({
      api_version: 1,
      limit: 1,
      complete: false,
      changes: [changeOfA(good, 2, 'added', 'additive', [])],
    });
  });

  it(`reaches back ${BASE_REACH} commits before the window, then stops the history and says so`, () => {
    const broken = Array.from({ length: BASE_REACH + 1 }, (_, i) => `technical_name: [${i}\n`);
    const { root, commits } = repoOf([GOOD, ...broken, `${GOOD}for_hg: true\n`]);
    const last = commits.length - 1;
    const head = commits[last] as string;
    const run = build(root, 1);
    const looked = commits.slice(1 + 1, last).reverse();
    expect([run.status, run.stdout]).toEqual([0, looked.map((c) => brokenNote(c)).join('') + unknownNote(head, 0)]);
    expect(historyOf(root)).toEqual({ api_version: 1, limit: 1, complete: false, changes: [] });
    // A window that takes the broken commits in reaches the good one before them.
    const longer = build(root, BASE_REACH + 3);
    expect([longer.status, longer.stdout]).toEqual([
      0,
      commits
        .slice(1, last)
        .reverse()
        .map((c) => brokenNote(c))
        .join(''),
    ]);
    expect(historyOf(root)).toEqual({
      api_version: 1,
      limit: BASE_REACH + 3,
      complete: true,
      changes: [
        changeOfA(head, last, 'changed', 'additive', ['for_hg']),
        changeOfA(commits[0] as string, 0, 'added', 'additive', []),
      ],
    });
  });

  it('stops where a shallow clone ends on a broken commit, rather than compare with nothing', () => {
    const { root } = repoOf([GOOD, BROKEN, `${GOOD}for_cc: true\n`]);
    const clone = join(tempDir('user-services-shallow-broken-'), 'clone');
    const r = spawnSync('git', ['clone', '-q', '--depth', '2', `file://${root}`, clone], {
      env: { ...process.env, ...GIT_IDENTITY },
    });
    expect(r.status).toBe(0);
    const [head, broken] = git(clone, 'rev-list', 'HEAD').trim().split('\n') as [string, string];
    const run = build(clone, 1);
    expect([run.status, run.stdout]).toEqual([0, brokenNote(broken) + unknownNote(head, 0)]);
    expect(historyOf(clone)).toEqual({ api_version: 1, limit: 1, complete: false, changes: [] });
  });
});

describe('serve --history', () => {
  let serve: ServeProcess | undefined;
  afterEach(async () => {
    serve?.child.kill('SIGTERM');
    await serve?.exited;
    serve = undefined;
  });

  it('says what build says of the history, once, and serves the same history', async () => {
    const { root, commits } = repoOf([GOOD, BROKEN, `${GOOD}for_cc: true\n`]);
    const [, broken] = commits as [string, string];
    serve = startServe(['--port', '0', '--history', '1'], root);
    const [, origin] = await serve.waitFor(LISTENING);
    expect(serve.stdout()).toBe(brokenNote(broken));
    expect(serve.stderr()).toMatch(/^serve: 1 service read, 0 errors, 1 warning in \d+\.\d\d s\nserve: listening on /);
    const served = await (await fetch(`${origin}/${historyPath().replace(/index\.json$/, '')}`)).text();
    expect(build(root, 1).status).toBe(0);
    expect(JSON.parse(served)).toEqual(historyOf(root));
  });
});
