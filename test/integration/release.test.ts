/**
 * Releasing the tool: scripts/release-tree.mjs (the tree a release tag holds,
 * and its commit) and .github/workflows/release.yml (linted, and its version
 * step run against a local origin with tags).
 */
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { actionlint, PASSED } from '../helpers/actionlint.js';
import { must, operatorEnv, run } from '../helpers/adoption.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { readTree, tempDir } from '../helpers/fs.js';
import { expr, readYaml, type Workflow } from '../helpers/workflows.js';

const work = tempDir('user-services-release-');
const env = operatorEnv(work);
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const tree = join(work, 'tree');
let packed: string[] = [];

beforeAll(() => {
  must(env, ROOT, process.execPath, ['scripts/release-tree.mjs', tree]);
  const [info] = JSON.parse(must(env, ROOT, 'npm', ['pack', '--dry-run', '--json', '--ignore-scripts']));
  packed = info.files.map((f: { path: string }) => f.path);
}, 60_000);

describe('the release tree', () => {
  it('holds what npm packs, the action, the hook and the guide, nothing else', () => {
    const files = [...readTree(tree).keys()].sort();
    expect(files).toEqual([...packed, 'action.yml', '.pre-commit-hooks.yaml', 'CONTRIBUTING.md'].sort());
    expect(files).toContain(pkg.bin['user-services']);
    for (const file of files.filter((f) => f !== 'package.json'))
      expect(readFileSync(join(tree, file)), file).toEqual(readFileSync(join(ROOT, file)));
    expect(statSync(join(tree, pkg.bin['user-services'])).mode & 0o111).toBe(0o111);
  });

  it('has package.json without devDependencies or scripts: installing it installs and runs nothing', () => {
    const released = JSON.parse(readFileSync(join(tree, 'package.json'), 'utf8'));
    const { devDependencies, scripts, ...rest } = pkg;
    expect(Object.keys(devDependencies).length).toBeGreaterThan(0);
    expect(Object.keys(scripts)).toContain('prepare');
    expect(released).toEqual(rest);
  });

  it('holds every file the files of init link to at its major tag, which the release moves', () => {
    const repo = join(work, 'catalog');
    expect(runCli(['init', repo], { cwd: work }).status).toBe(0);
    const text = [...readTree(repo).values()].map((b) => b.toString('utf8')).join('\n');
    const at = `https://github.com/broadworks-config/user-services/blob/v${pkg.version.split('.')[0]}/`;
    const linked = [...text.matchAll(new RegExp(`${at.replaceAll('.', '\\.')}([^#)\\s]+)`, 'g'))].map((m) => m[1]);
    expect([...new Set(linked)].sort()).toEqual(['CONTRIBUTING.md', 'README.md']);
    for (const file of linked) expect(readdirSync(tree)).toContain(file);
  });

  it('refuses, in one line and exit 2, a folder that holds anything, a file, a path below a file, no DIR', () => {
    const refused = (dir: string, why: string) => {
      const r = run(env, ROOT, process.execPath, ['scripts/release-tree.mjs', dir]);
      expect([r.status, r.stdout, r.stderr]).toEqual([
        2,
        '',
        `release-tree: ${dir} ${why}: give a missing or empty folder\n`,
      ]);
    };
    refused(tree, 'is not empty');
    const file = join(tree, 'package.json');
    refused(file, 'is not a folder');
    refused(join(file, 'x'), 'cannot be made (ENOTDIR)');
    const usage = 'Usage: node scripts/release-tree.mjs DIR [--commit]\n';
    for (const args of [[tree, '--push'], [''], []]) {
      const r = run(env, ROOT, process.execPath, ['scripts/release-tree.mjs', ...args]);
      expect([r.status, r.stdout, r.stderr]).toEqual([2, '', usage]);
    }
  });
});

/** A clone of this checkout, its sources as they are now committed in it, with this checkout's installed packages. */
function sourceClone(name: string): string {
  const clone = join(work, name);
  must(env, work, 'git', ['clone', '-q', ROOT, clone]);
  for (const path of ['scripts/release-tree.mjs', 'scripts/bundle.mjs']) cpSync(join(ROOT, path), join(clone, path));
  must(env, clone, 'git', ['commit', '-q', '--allow-empty', '-am', 'the release script as tested']);
  symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'));
  // A link is not the folder .gitignore's `node_modules/` names.
  appendFileSync(join(clone, '.git/info/exclude'), '/node_modules\n');
  // The release script checks the bundle, it does not make it: bundle as a maintainer does first.
  must(env, clone, process.execPath, ['scripts/bundle.mjs']);
  return clone;
}
describe('the release commit', () => {
  it('holds the release tree, its parent the source commit, on no branch, the same on a second run', () => {
    const clone = sourceClone('clone');
    const commit = must(env, clone, process.execPath, [
      'scripts/release-tree.mjs',
      join(work, 'r1'),
      '--commit',
    ]).trim();
    const again = must(env, clone, process.execPath, ['scripts/release-tree.mjs', join(work, 'r2'), '--commit']).trim();
    expect(again).toBe(commit);
    const head = must(env, clone, 'git', ['rev-parse', 'HEAD']).trim();
    expect(must(env, clone, 'git', ['rev-parse', `${commit}^@`]).trim()).toBe(head);
    const files = must(env, clone, 'git', ['ls-tree', '-r', '--name-only', commit]).split('\n').filter(Boolean);
    // The tree it wrote: its own bundle, named by content (this clone's installed packages are reached by a link).
    expect(files.sort()).toEqual([...readTree(join(work, 'r1')).keys()].sort());
    expect(files.filter((f) => !f.startsWith('lib/'))).toEqual(
      [...readTree(tree).keys()].filter((f) => !f.startsWith('lib/')).sort(),
    );
    const bin = must(env, clone, 'git', ['ls-tree', commit, pkg.bin['user-services']]);
    expect(bin.startsWith('100755 blob ')).toBe(true);
    expect(must(env, clone, 'git', ['branch', '--all', '--contains', commit])).toBe('');
    expect(must(env, clone, 'git', ['status', '--porcelain'])).toBe('');
  }, 120_000);

  it('refuses a bundle made before a version bump: exit 1, nothing released', () => {
    const clone = sourceClone('bumped');
    const bumped = { ...JSON.parse(readFileSync(join(clone, 'package.json'), 'utf8')), version: '99.0.0' };
    writeFileSync(join(clone, 'package.json'), `${JSON.stringify(bumped, null, 2)}\n`);
    must(env, clone, 'git', ['commit', '-q', '-am', 'version 99.0.0']);
    // A stale bundle, as a checkout that was bundled before the bump holds.
    cpSync(join(ROOT, 'lib'), join(clone, 'lib'), { recursive: true });
    const out = join(work, 'r-bumped');
    const r = run(env, clone, process.execPath, ['scripts/release-tree.mjs', out, '--commit']);
    expect([r.status, r.stdout, r.stderr]).toEqual([
      1,
      '',
      `release-tree: lib/user-services.mjs says version ${pkg.version}, package.json 99.0.0: the bundle is not this checkout's; run npm run bundle first\n`,
    ]);
  }, 120_000);

  it('refuses --commit when the working tree is not HEAD: a change, staged or not, or an untracked file', () => {
    const clone = sourceClone('dirty');
    const refused = (shown: string) => {
      const out = join(work, `r-dirty-${shown.length}`);
      const r = run(env, clone, process.execPath, ['scripts/release-tree.mjs', out, '--commit']);
      expect([r.status, r.stdout, r.stderr]).toEqual([
        2,
        '',
        `release-tree: the working tree differs from HEAD (${shown}): the release commit would not be HEAD's; commit or stash the changes first\n`,
      ]);
      expect(existsSync(out)).toBe(false);
    };
    writeFileSync(join(clone, 'README.md'), 'changed\n');
    refused('README.md');
    must(env, clone, 'git', ['add', 'README.md']);
    writeFileSync(join(clone, 'new.txt'), 'x\n');
    refused('README.md, new.txt');
    for (const name of ['a', 'b', 'c']) writeFileSync(join(clone, `${name}.txt`), 'x\n');
    refused('README.md, a.txt, b.txt and 2 more');
  }, 60_000);
});

describe('the release workflow', () => {
  const text = readFileSync(join(ROOT, '.github/workflows/release.yml'), 'utf8');
  const workflow = readYaml<Workflow>('.github/workflows/release.yml');

  it('passes actionlint', () => {
    const lint = actionlint({ 'release.yml': text });
    expect(lint.output).toBe(PASSED(1));
    expect(lint.status).toBe(0);
  }, 120_000);

  it('runs on a version tag or by hand with a version, and may push tags and sign provenance only', () => {
    expect(workflow.on).toEqual({
      push: { tags: ['v[0-9]+.[0-9]+.[0-9]+'] },
      workflow_dispatch: {
        inputs: { version: expect.objectContaining({ required: true, type: 'string' }) },
      },
    });
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(workflow.jobs.release?.permissions).toEqual({ contents: 'write', 'id-token': 'write' });
    const steps = workflow.jobs.release?.steps.map((s) => s.name ?? s.uses) ?? [];
    expect(steps).toEqual([
      'actions/checkout@v4',
      'actions/setup-node@v4',
      'Find the version and check it against package.json',
      'Install, build and test',
      'Commit the release tree and tag it',
      'Publish to npm',
      "Move the major version's tag",
    ]);
    const commit = workflow.jobs.release?.steps.find((s) => s.id === 'commit')?.run ?? '';
    expect(commit).toContain('node scripts/release-tree.mjs "$RUNNER_TEMP/release" --commit');
    const publish = workflow.jobs.release?.steps.find((s) => s.name === 'Publish to npm');
    expect(publish?.run).toContain('npm publish --provenance --access public');
    expect(publish?.env?.NODE_AUTH_TOKEN).toBe(expr('secrets.NPM_TOKEN'));
  });

  /** A clone of a source commit at `version`, its origin a bare repository holding `tags`. */
  function checkout(version: string, tags: readonly string[]): string {
    const origin = join(tempDir('user-services-origin-'), 'origin.git');
    must(env, work, 'git', ['init', '-q', '--bare', origin]);
    const clone = tempDir('user-services-checkout-');
    must(env, clone, 'git', ['init', '-q', '-b', 'main']);
    writeFileSync(join(clone, 'package.json'), JSON.stringify({ ...pkg, version }));
    must(env, clone, 'git', ['add', '-A']);
    must(env, clone, 'git', ['commit', '-q', '-m', 'source']);
    must(env, clone, 'git', ['remote', 'add', 'origin', origin]);
    for (const tag of tags) must(env, clone, 'git', ['tag', tag]);
    if (tags.length > 0) must(env, clone, 'git', ['push', '-q', 'origin', ...tags.map((t) => `refs/tags/${t}`)]);
    for (const tag of tags) must(env, clone, 'git', ['tag', '-d', tag]);
    return clone;
  }

  /** Runs the version step in `cwd` as the runner would; its status, log and outputs. */
  function versionStep(cwd: string, event: { EVENT: string; INPUT?: string; TAG?: string }) {
    const step = workflow.jobs.release?.steps.find((s) => s.id === 'version');
    const output = join(tempDir(), 'output');
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step?.run ?? ''], {
      cwd,
      env: { ...env, INPUT: '', TAG: '', ...event, GITHUB_OUTPUT: output },
      encoding: 'utf8',
    });
    const outputs = existsSync(output) ? readFileSync(output, 'utf8') : '';
    return { status: r.status, log: r.stdout + r.stderr, outputs };
  }

  it.each([
    ['a tag push of package.json’s version', '1.4.2', ['v1.4.2', 'v1.3.0'], { EVENT: 'push', TAG: 'v1.4.2' }, 'true'],
    ['by hand, a version not yet tagged', '1.4.2', ['v1.3.0'], { EVENT: 'workflow_dispatch', INPUT: '1.4.2' }, 'true'],
    ['a fix of an older line: v1 stays', '1.2.9', ['v1.3.0'], { EVENT: 'workflow_dispatch', INPUT: '1.2.9' }, 'false'],
    ['the first of a major version', '2.0.0', ['v1.3.0', 'v1.10.0'], { EVENT: 'push', TAG: 'v2.0.0' }, 'true'],
  ])('%s: the version, its major, whether v<major> moves', (_, version, tags, event, newest) => {
    const r = versionStep(checkout(version, tags), event);
    const major = version.split('.')[0];
    expect(r).toEqual({ status: 0, log: '', outputs: `version=${version}\nmajor=${major}\nnewest=${newest}\n` });
  });

  it.each([
    [
      'package.json says another version',
      '1.4.1',
      [],
      { EVENT: 'push', TAG: 'v1.4.2' },
      '::error title=release::package.json says version 1.4.1, not 1.4.2: change it, commit, and tag that commit\n',
    ],
    [
      'the tag exists already (by hand)',
      '1.4.2',
      ['v1.4.2'],
      { EVENT: 'workflow_dispatch', INPUT: '1.4.2' },
      '::error title=release::the tag v1.4.2 exists already\n',
    ],
    [
      'not MAJOR.MINOR.PATCH',
      '1.4.2',
      [],
      { EVENT: 'workflow_dispatch', INPUT: 'v1.4.2' },
      '::error title=release::the version must be MAJOR.MINOR.PATCH, not "v1.4.2"\n',
    ],
  ])('refuses: %s', (_, version, tags, event, message) => {
    expect(versionStep(checkout(version, tags), event)).toEqual({ status: 1, log: message, outputs: '' });
  });

  it('refuses a commit that is a release tree already', () => {
    const clone = checkout('1.4.2', []);
    const { devDependencies, ...released } = { ...pkg, version: '1.4.2' };
    writeFileSync(join(clone, 'package.json'), JSON.stringify(released));
    expect(versionStep(clone, { EVENT: 'push', TAG: 'v1.4.2' })).toEqual({
      status: 1,
      log: '::error title=release::this commit is a release tree already: tag the source commit instead\n',
      outputs: '',
    });
  });
});
