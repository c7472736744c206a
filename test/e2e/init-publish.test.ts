/**
 * What `init` writes for publishing safely: a publish workflow that fetches
 * the whole history, publishes it and signs when the secret is set (the
 * facts this repository's own workflow has), and a .gitignore that keeps
 * private keys out of git and lets the public key in.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { KEY_COMMANDS, PUBLISH_ARGS, PUBLISH_HISTORY, SIGNING_SECRET } from '../../scripts/cli/scaffold-publish.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/fs.js';
import { git } from '../helpers/git.js';
import { testKey } from '../helpers/signing.js';
import { expr, type Step, type Workflow } from '../helpers/workflows.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

function initialized(): string {
  const repo = tempDir('user-services-init-publish-');
  git(repo, 'init', '-q');
  expect(runCli(['init'], { cwd: repo }).status).toBe(0);
  return repo;
}

const workflow = (root: string) => parse(readFileSync(join(root, '.github/workflows/publish.yml'), 'utf8')) as Workflow;

describe("init's publish workflow", () => {
  it('fetches every commit, publishes the history and signs with the secret only when it is set', () => {
    const steps = workflow(initialized()).jobs.build?.steps as Step[];
    expect(steps.map((s) => s.uses)).toEqual([
      'actions/checkout@v4',
      `broadworks-config/user-services@v${pkg.version}`,
      'actions/configure-pages@v5',
      'actions/upload-pages-artifact@v3',
    ]);
    expect(steps[0]?.with).toEqual({ 'fetch-depth': 0 });
    expect([steps[1]?.env, steps[1]?.with]).toEqual([
      { USER_SERVICES_SIGNING_KEY: expr('secrets.USER_SERVICES_SIGNING_KEY') },
      {
        command: 'build',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template
        args: "--no-compress --history 50${{ secrets.USER_SERVICES_SIGNING_KEY != '' && ' --signing-key-env USER_SERVICES_SIGNING_KEY' || '' }}",
        'node-version': '24',
      },
    ]);
  });

  it("has the history length, the secret and the build's arguments of this repository's workflow", () => {
    const ours = workflow(ROOT).jobs.build?.steps as Step[];
    const theirs = workflow(initialized()).jobs.build?.steps as Step[];
    const build = (steps: Step[]) => steps.find((s) => s.with?.command === 'build');
    expect([build(theirs)?.with?.args, build(theirs)?.env]).toEqual([build(ours)?.with?.args, build(ours)?.env]);
    expect([build(ours)?.with?.args, build(ours)?.env]).toEqual([
      PUBLISH_ARGS,
      { [SIGNING_SECRET]: expr(`secrets.${SIGNING_SECRET}`) },
    ]);
    expect(PUBLISH_ARGS.startsWith(`--no-compress --history ${PUBLISH_HISTORY}\${{`)).toBe(true);
    expect([theirs[0]?.with, ours[0]?.with]).toEqual([{ 'fetch-depth': 0 }, { 'fetch-depth': 0 }]);
  });
});

describe("the key commands of init's README", () => {
  it('make the private key outside the repository, its public key in it, and a build signs with it', () => {
    const repo = initialized();
    const home = tempDir('user-services-home-');
    const readme = readFileSync(join(repo, 'README.md'), 'utf8');
    const block = /The workflow fetches every[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(block).toBe(`${KEY_COMMANDS.join('\n')}\n`);
    // gh needs a GitHub repository: the secret is the file's text, given here as the workflow gives it.
    const local = KEY_COMMANDS.filter((c) => !c.startsWith('gh '));
    const r = spawnSync('bash', ['-e', '-c', local.join('\n')], { cwd: repo, env: { ...process.env, HOME: home } });
    expect([r.status, String(r.stderr)]).toEqual([0, '']);
    const privateFile = join(home, '.config/user-services/signing.pem');
    expect((statSync(privateFile).mode & 0o777).toString(8)).toBe('600');
    git(repo, 'add', '-A');
    expect(git(repo, 'diff', '--cached', '--name-only').split('\n')).toContain('signing.pub.pem');
    const env = { [SIGNING_SECRET]: readFileSync(privateFile, 'utf8') };
    expect(runCli(['build', '--signing-key-env', SIGNING_SECRET], { cwd: repo, env }).status).toBe(0);
    const verified = runCli(['verify', 'dist', '--key', 'signing.pub.pem'], { cwd: repo });
    expect([verified.status, verified.stdout]).toEqual([0, '']);
  });
});

describe("init's .gitignore", () => {
  const ignored = (repo: string, paths: string[]) =>
    git(repo, 'check-ignore', '--no-index', '--non-matching', '--verbose', ...paths)
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => [l.split('\t')[1], l.startsWith('::') ? 'kept' : l.split('\t')[0]?.split(':')[2]]);

  it('ignores private keys wherever they are, and keeps a public key named *.pub.pem', () => {
    const repo = initialized();
    expect(
      ignored(repo, ['signing.pem', 'keys/ci.key', 'signing.pub.pem', 'keys/ops.pub.pem', 'services/a.yaml']),
    ).toEqual([
      ['signing.pem', '*.pem'],
      ['keys/ci.key', '*.key'],
      ['signing.pub.pem', '!*.pub.pem'],
      ['keys/ops.pub.pem', '!*.pub.pem'],
      ['services/a.yaml', 'kept'],
    ]);
  });

  it('keeps the key the README makes out of git add -A, and lets its public key in', () => {
    const repo = initialized();
    const key = testKey(7);
    writeFileSync(join(repo, 'signing.pem'), key.privatePem);
    writeFileSync(join(repo, 'signing.pub.pem'), key.publicPem);
    git(repo, 'add', '-A');
    const staged = git(repo, 'diff', '--cached', '--name-only').split('\n');
    expect([staged.includes('signing.pem'), staged.includes('signing.pub.pem')]).toEqual([false, true]);
  });
});
