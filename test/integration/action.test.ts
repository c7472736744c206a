/**
 * The composite action of action.yml, run step by step on local repositories
 * (helpers/action-runner.ts): the gate, the sticky comment, the label, forks,
 * the fetch of the target branch, check and build.
 */
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type PullRequestEvent, runAction } from '../helpers/action-runner.js';
import { ROOT } from '../helpers/cli.js';
import { tempDir } from '../helpers/fs.js';
import { git, gitRepo } from '../helpers/git.js';
import { type Action, fakeGitHub, readYaml } from '../helpers/workflows.js';

const action = readYaml<Action>('action.yml');
const MARKER = '<!-- user-services-diff -->';
const NO_CHANGE = `✅ **No change to the published API** from \`HEAD\` to \`services\`.\n${MARKER}\n`;
const BREAKING_HEAD =
  '❌ **Breaking API change** from `HEAD` to `services` (13 services changed: 5 breaking, 1 planned removal, 1 deprecation, 1 undeprecation, 3 additive, 2 cosmetic).';
const GATE_ERROR =
  "::error title=breaking-change::the API diff found breaking changes or could not be computed: see the comment or this run's summary; the label breaking-change-accepted accepts breaking changes\n";
const PR: PullRequestEvent = { baseRef: 'main', labels: [], sameRepository: true };

const useSide = (repo: string, side: 'base' | 'head') => {
  rmSync(join(repo, 'services'), { recursive: true, force: true });
  cpSync(join(ROOT, 'test/fixtures/diff', side), join(repo, 'services'), { recursive: true });
};

/** A repository whose commit holds the diff fixture's base. */
function fixtureRepo(): string {
  const repo = gitRepo({});
  useSide(repo, 'base');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'base');
  return repo;
}

const PULL = { command: 'pull-request', base: 'HEAD' };

describe('the action on a pull request', () => {
  it('posts the diff as one comment, updates it on the next push, and gates breaking changes', async () => {
    const repo = fixtureRepo();
    const fake = fakeGitHub([{ id: 1, user: { type: 'User' }, body: `looks good ${MARKER}` }]);
    const first = await runAction(action, PULL, { cwd: repo, temp: tempDir(), event: PR, github: fake.github });
    expect(first.ran).toEqual([
      'Check the inputs',
      'Check the service files',
      'Diff the API against the target branch',
      "Post the diff as the pull request's sticky comment",
      'Refuse errors and breaking changes (the label lets breaking changes through)',
    ]);
    expect(first.status).toBe(0);
    expect(first.outputs.check).toEqual({ status: '0' });
    expect(fake.calls).toEqual(['list 7', 'create 7']);
    expect(fake.comments[1]?.body).toBe(NO_CHANGE);
    expect(first.summary).toBe(NO_CHANGE);

    useSide(repo, 'head');
    const temp = tempDir();
    const second = await runAction(action, PULL, { cwd: repo, temp, event: PR, github: fake.github });
    const markdown = readFileSync(join(temp, 'user-services-diff.md'), 'utf8');
    expect(markdown.split('\n')[0]).toBe(BREAKING_HEAD);
    expect(second.outputs.diff).toEqual({ status: '1', file: join(temp, 'user-services-diff.md') });
    expect(second.summary).toBe(markdown);
    expect(fake.calls).toEqual(['list 7', 'create 7', 'list 7', 'update 101']);
    expect(fake.comments.map((c) => c.body)).toEqual([`looks good ${MARKER}`, markdown]);
    expect(second.log.endsWith(GATE_ERROR)).toBe(true);
    expect(second.status).toBe(1);
  }, 60_000);

  it('lets breaking changes through with the label, and says so', async () => {
    const repo = fixtureRepo();
    useSide(repo, 'head');
    const event = { ...PR, labels: ['documentation', 'breaking-change-accepted'] };
    const run = await runAction(action, PULL, { cwd: repo, temp: tempDir(), event, github: fakeGitHub([]).github });
    expect(
      run.log.endsWith(
        '::notice title=breaking-change-accepted::breaking API changes, if any, were accepted by the label\n',
      ),
    ).toBe(true);
    expect(run.status).toBe(0);
    // Another label name, given as an input, is the one that counts.
    const other = await runAction(
      action,
      { ...PULL, 'breaking-label': 'api-break-ok' },
      { cwd: repo, temp: tempDir(), event, github: fakeGitHub([]).github },
    );
    expect(other.log.endsWith(GATE_ERROR.replace('label breaking-change-accepted', 'label api-break-ok'))).toBe(true);
    expect(other.status).toBe(1);
  }, 60_000);

  it('fails on errors, annotates them, and says in the comment that no diff could be computed', async () => {
    const repo = fixtureRepo();
    writeFileSync(join(repo, 'services/alpha.yaml'), 'technical_name: Alpha\nfor_hg: yes\n');
    const fake = fakeGitHub([]);
    const labelled = { ...PR, labels: ['breaking-change-accepted'] };
    const run = await runAction(action, PULL, { cwd: repo, temp: tempDir(), event: labelled, github: fake.github });
    expect(run.outputs.check).toEqual({ status: '1' });
    expect(run.log).toContain(
      '::error file=services/alpha.yaml,line=2,col=9,title=yaml11-boolean::for_hg is the string "yes": YAML 1.2 reads yes as text, not as a boolean; write true\n',
    );
    expect(fake.comments.map((c) => c.body)).toEqual([
      `⚠️ **The API diff could not be computed**: the service files have errors; see the annotations and the log of this run.\n${MARKER}\n`,
    ]);
    expect(
      run.log.endsWith(
        '::error title=user-services::the service files have errors: see the annotations on their lines\n',
      ),
    ).toBe(true);
    expect(run.status).toBe(1);
  }, 60_000);

  it('posts no comment for a fork, or when comment is false, and still gates', async () => {
    const repo = fixtureRepo();
    useSide(repo, 'head');
    for (const [event, inputs] of [
      [{ ...PR, sameRepository: false }, PULL],
      [PR, { ...PULL, comment: 'false' }],
    ] as const) {
      const fake = fakeGitHub([]);
      const run = await runAction(action, inputs, { cwd: repo, temp: tempDir(), event, github: fake.github });
      expect(run.ran).not.toContain("Post the diff as the pull request's sticky comment");
      expect(fake.calls).toEqual([]);
      expect(run.summary.split('\n')[0]).toBe(BREAKING_HEAD);
      expect(run.status).toBe(1);
    }
  }, 60_000);

  it('fetches the target branch when the checkout lacks it', async () => {
    const origin = fixtureRepo();
    const repo = tempDir();
    git(repo, 'clone', '-q', '--depth=1', `file://${origin}`, '.');
    git(repo, 'update-ref', '-d', 'refs/remotes/origin/main');
    useSide(repo, 'head');
    const run = await runAction(
      action,
      { command: 'pull-request' },
      { cwd: repo, temp: tempDir(), event: PR, github: fakeGitHub([]).github },
    );
    expect(run.summary.split('\n')[0]).toBe(BREAKING_HEAD.replace('`HEAD`', '`origin/main`'));
    expect(git(repo, 'rev-parse', 'origin/main')).toBe(git(origin, 'rev-parse', 'HEAD'));
    expect(run.status).toBe(1);
  }, 60_000);
});

describe('the action checks and builds', () => {
  it('check: annotations and the exit status of check, no diff', async () => {
    const repo = fixtureRepo();
    const good = await runAction(action, { command: 'check' }, { cwd: repo, temp: tempDir(), event: PR, github: {} });
    expect(good.ran).toEqual([
      'Check the inputs',
      'Check the service files',
      'Refuse errors and breaking changes (the label lets breaking changes through)',
    ]);
    expect(good.status).toBe(0);
    writeFileSync(join(repo, 'services/beta.yaml'), 'technical_name: Beta\ndescripton: x\n');
    const bad = await runAction(action, { command: 'check' }, { cwd: repo, temp: tempDir(), event: PR, github: {} });
    expect(bad.log).toContain(
      '::error file=services/beta.yaml,line=2,col=1,title=unknown-field::unknown field "descripton"; did you mean "description"?\n',
    );
    expect(bad.status).toBe(1);
  }, 60_000);

  it('build: the site in dist/ with the given options, in a catalog folder named by services', async () => {
    const repo = gitRepo({});
    cpSync(join(ROOT, 'test/fixtures/diff/base'), join(repo, 'catalog'), { recursive: true });
    const inputs = { command: 'build', services: 'catalog', args: '--no-compress --out site' };
    const run = await runAction(action, inputs, { cwd: repo, temp: tempDir(), event: PR, github: {} });
    expect(run.ran).toEqual(['Check the inputs', 'Build the site']);
    expect(run.status).toBe(0);
    expect(existsSync(join(repo, 'site/api/v1/configs/user_services/index.json'))).toBe(true);
    expect(existsSync(join(repo, 'site/api/v1/configs/user_services/index.json.gz'))).toBe(false);
  }, 60_000);

  it.each([
    [
      { command: 'publish' },
      '::error title=user-services::command must be pull-request, check or build, not "publish"\n',
    ],
    [{ comment: 'yes' }, '::error title=user-services::comment must be true or false, not "yes"\n'],
    [{ cache: '1' }, '::error title=user-services::cache must be true or false, not "1"\n'],
  ])('refuses the input %j before anything runs', async (inputs, message) => {
    const run = await runAction(action, inputs, { cwd: tempDir(), temp: tempDir(), event: PR, github: {} });
    expect(run).toMatchObject({ status: 2, ran: ['Check the inputs'], log: message });
  });
});
