import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIFF_FORMAT_NAMES, type DiffFormatName } from '../../scripts/core/diff/render/index.js';
import { runCli } from '../helpers/cli.js';
import { DIFF_FIXTURES } from '../helpers/diff.js';
import { tempDir } from '../helpers/fs.js';
import { git, gitRepo } from '../helpers/git.js';
import { keepTree } from '../helpers/snapshot.js';

const USAGE =
  'Usage: user-services diff --base <git-revision|folder> [--services DIR] [--format text|markdown|json] [--fail-on breaking|any]\n';
const golden = (name: string) => readFileSync(join(DIFF_FIXTURES, name), 'utf8');
const goldens: Record<DiffFormatName, string> = {
  text: golden('expected.txt'),
  markdown: golden('expected.md'),
  json: golden('expected.json'),
};

/** The command's output without the site's files outside the API, which other emit steps own. */
function apiPart(format: DiffFormatName, out: string): string {
  if (format === 'text') return out.replace(/\nOther files of the site:\n( {2}.*\n)+$/, '');
  if (format === 'markdown') return out.replace(/\*\*Other files of the site\*\*\n(- .*\n)+\n/, '');
  return out.replace(/,\n {2}"otherFiles": \[[\s\S]*\]\n\}\n$/, ',\n  "otherFiles": []\n}\n');
}

/** A repository whose HEAD holds the base fixtures and whose working tree holds the head fixtures. */
function fixtureRepo(): string {
  const repo = gitRepo({});
  cpSync(join(DIFF_FIXTURES, 'base'), join(repo, 'services'), { recursive: true });
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'base');
  rmSync(join(repo, 'services'), { recursive: true });
  cpSync(join(DIFF_FIXTURES, 'head'), join(repo, 'services'), { recursive: true });
  return repo;
}

describe('diff against a git revision', () => {
  let repo: string;
  beforeAll(() => {
    repo = fixtureRepo();
  });

  it.each(DIFF_FORMAT_NAMES)('prints every change of a dirty tree in %s, exactly, and exits 0', (format) => {
    const tree = keepTree(repo);
    const run = runCli(['diff', '--base', 'HEAD', '--format', format], { cwd: repo });
    tree.expectUnchanged();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(apiPart(format, run.stdout)).toBe(goldens[format]);
  });

  it('exits 1 with --fail-on breaking or any when such changes exist, printing the same diff', () => {
    for (const failOn of ['breaking', 'any']) {
      const run = runCli(['diff', '--base', 'HEAD', '--fail-on', failOn], { cwd: repo });
      expect(run.status).toBe(1);
      expect(apiPart('text', run.stdout)).toBe(goldens.text);
    }
  });

  it('finds nothing on a clean tree, exits 0 even with --fail-on any, and writes nothing', () => {
    const clean = gitRepo({});
    cpSync(join(DIFF_FIXTURES, 'base'), join(clean, 'services'), { recursive: true });
    git(clean, 'add', '-A');
    git(clean, 'commit', '-q', '-m', 'base');
    const tree = keepTree(clean);
    const run = runCli(['diff', '--base', 'HEAD', '--fail-on', 'any', '--format', 'markdown'], { cwd: clean });
    tree.expectUnchanged();
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      '✅ **No change to the published API** from `HEAD` to `services`.\n<!-- user-services-diff -->\n',
    );
  });

  it('reports the errors of a base that does not build, and exits 1', () => {
    const broken = gitRepo({ 'services/a.yaml': 'technical_name: Authentication\nfor_hg: yes\n' });
    writeFileSync(join(broken, 'services/a.yaml'), 'technical_name: Authentication\nfor_hg: true\n');
    const run = runCli(['diff', '--base', 'HEAD', '--format', 'markdown'], { cwd: broken });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'user-services diff: the base (HEAD) has 1 error; both sides must build to be compared:\n' +
        'services/a.yaml:2:9: error yaml11-boolean: for_hg is the string "yes": YAML 1.2 reads yes as text, not as a boolean; write true\n',
    );
  });

  it('reports the errors of both sides when neither builds', () => {
    const broken = gitRepo({ 'services/a.yaml': 'technical_name: Authentication\nfor_hg: yes\n' });
    writeFileSync(join(broken, 'services/a.yaml'), 'technical_name: Authentication\ncolour: red\n');
    const run = runCli(['diff', '--base', 'HEAD'], { cwd: broken });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'user-services diff: the base (HEAD) has 1 error; both sides must build to be compared:\n' +
        'services/a.yaml:2:9: error yaml11-boolean: for_hg is the string "yes": YAML 1.2 reads yes as text, not as a boolean; write true\n' +
        'user-services diff: the services folder (services) has 1 error; both sides must build to be compared:\n' +
        'services/a.yaml:2:1: error unknown-field: unknown field "colour"; allowed fields are technical_name, display_name, description, no_more_assignable, deprecation, for_hg, for_cc, for_ivr, for_enduser, add_data, previous_names\n',
    );
  });
});

describe('diff against a folder', () => {
  let work: string;
  beforeAll(() => {
    work = tempDir();
    cpSync(join(DIFF_FIXTURES, 'base'), join(work, 'old'), { recursive: true });
    cpSync(join(DIFF_FIXTURES, 'head'), join(work, 'services'), { recursive: true });
  });

  it.each(DIFF_FORMAT_NAMES)('prints every change in %s, exactly', (format) => {
    const run = runCli(['diff', '--base', 'old', '--format', format], { cwd: work });
    expect(run.status).toBe(0);
    expect(apiPart(format, run.stdout)).toBe(goldens[format].replaceAll('HEAD', 'old'));
  });

  it('takes an existing folder over a git revision of the same name, outside any repository', () => {
    const run = runCli(['diff', '--base', 'services', '--services', 'services', '--fail-on', 'any'], { cwd: work });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('API diff services -> services: No change to the published API\n');
  });

  it('reports the errors of a base folder with their paths, and exits 1', () => {
    const dir = tempDir();
    cpSync(join(DIFF_FIXTURES, 'base'), join(dir, 'old'), { recursive: true });
    cpSync(join(DIFF_FIXTURES, 'base'), join(dir, 'services'), { recursive: true });
    writeFileSync(join(dir, 'old/alpha.yaml'), 'technical_name: Alpha\nfor_hg: 1\n');
    const run = runCli(['diff', '--base', 'old'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      'user-services diff: the base (old) has 1 error; both sides must build to be compared:\n' +
        'old/alpha.yaml:2:9: error wrong-type: for_hg must be true or false, but found the number 1\n',
    );
  });
});

describe('diff usage errors exit 2', () => {
  it.each([
    [[], 'user-services diff: --base is required\n'],
    [
      ['--base', 'HEAD', '--format', 'github'],
      'user-services diff: --format must be one of text, markdown, json, not "github"\n',
    ],
    [
      ['--base', 'HEAD', '--fail-on', 'cosmetic'],
      'user-services diff: --fail-on must be one of breaking, any, not "cosmetic"\n',
    ],
    [
      ['--base', 'no-such-thing'],
      'user-services diff: cannot read --base "no-such-thing" as a folder or a git revision: no such folder, and git knows no such revision\n',
    ],
    [
      ['--base', 'HEAD', '--services', 'missing'],
      'user-services diff: services folder not found: missing; create it, name another with --services DIR, or run "user-services init" to start a catalog repository\n',
    ],
  ])('%j', (args, message) => {
    const repo = gitRepo({ 'services/a.yaml': 'technical_name: Authentication\n' });
    const run = runCli(['diff', ...args], { cwd: repo });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`${message}${USAGE}`);
  });

  it('outside a repository, a base that is no folder says that git cannot read it', () => {
    const dir = tempDir();
    cpSync(join(DIFF_FIXTURES, 'base'), join(dir, 'services'), { recursive: true });
    const run = runCli(['diff', '--base', 'main'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /^user-services diff: cannot read --base "main" as a folder or a git revision: fatal: not a git repository/,
    );
  });
});
