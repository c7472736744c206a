/**
 * `--format github` names files from the repository root, so that a catalog in
 * a sub-folder of a repository gets its annotations on the right files: the
 * root is `$GITHUB_WORKSPACE` when set, else the nearest folder holding `.git`,
 * else the working directory. Other formats keep paths relative to the
 * working directory.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/fs.js';

const work = tempDir('user-services-github-');
const repo = join(work, 'repo');
const catalog = join(repo, 'ops', 'catalog');
const plain = join(work, 'plain', 'catalog');
const worktree = join(work, 'worktree', 'catalog');
const BROKEN = { 'services/voicemail.yaml': 'technical_name: Voice Messaging User\nfor_hg: yes\n' };
for (const dir of [catalog, plain, worktree]) writeTree(dir, BROKEN);
mkdirSync(join(repo, 'ops', 'catalog', 'nested'), { recursive: true });
const init = spawnSync('git', ['init', '-q', repo]);
if (init.status !== 0) mkdirSync(join(repo, '.git'));
// The catalog reached through symbolic links: beside the repository, and inside it.
symlinkSync(catalog, join(work, 'catlink'));
symlinkSync(join('ops', 'catalog'), join(repo, 'linked'));
// A linked worktree or a submodule has a `.git` file, not a folder.
writeFileSync(join(work, 'worktree', '.git'), 'gitdir: /elsewhere/.git/worktrees/x\n');

afterAll(() => rmSync(work, { recursive: true, force: true }));

const MESSAGE = 'for_hg is the string "yes": YAML 1.2 reads yes as text, not as a boolean; write true';
const annotation = (file: string) => `::error file=${file},line=2,col=9,title=yaml11-boolean::${MESSAGE}\n`;

function check(cwd: string, args: string[] = [], workspace = '', format = 'github') {
  return runCli(['check', '--format', format, '--no-cache', ...args], { cwd, env: { GITHUB_WORKSPACE: workspace } });
}

describe('--format github', () => {
  it.each([
    ['in the catalog folder', catalog, [], 'ops/catalog/services/voicemail.yaml'],
    ['at the repository root', repo, ['--services', 'ops/catalog/services'], 'ops/catalog/services/voicemail.yaml'],
    [
      'below the catalog',
      join(catalog, 'nested'),
      ['--services', '../services'],
      'ops/catalog/services/voicemail.yaml',
    ],
    ['in a worktree, whose .git is a file', worktree, [], 'catalog/services/voicemail.yaml'],
    ['outside any repository', plain, [], 'services/voicemail.yaml'],
    [
      'outside the repository of the services folder',
      plain,
      ['--services', '../../repo/ops/catalog/services'],
      'ops/catalog/services/voicemail.yaml',
    ],
    [
      'in another repository than the services folder',
      worktree,
      ['--services', '../../repo/ops/catalog/services'],
      'ops/catalog/services/voicemail.yaml',
    ],
    [
      'beside a link to the catalog (it was ../catlink/services/...)',
      work,
      ['--services', 'catlink/services'],
      'ops/catalog/services/voicemail.yaml',
    ],
    [
      'through a link inside the repository',
      repo,
      ['--services', 'linked/services'],
      'ops/catalog/services/voicemail.yaml',
    ],
    ['in a linked folder, its path as given', join(work, 'catlink'), [], 'ops/catalog/services/voicemail.yaml'],
  ])('names the file from the repository root when run %s', (_, cwd, args, file) => {
    const r = check(cwd, args);
    expect([r.status, r.stdout]).toEqual([1, annotation(file)]);
    expect(r.stderr).toMatch(/^check: 1 service read, 1 error in \d+\.\d\d s\n$/);
  });

  it('names it from $GITHUB_WORKSPACE when that is set, absolute or relative', () => {
    expect(check(catalog, [], join(repo, 'ops')).stdout).toBe(annotation('catalog/services/voicemail.yaml'));
    expect(check(catalog, [], '..').stdout).toBe(annotation('catalog/services/voicemail.yaml'));
    expect(check(plain, [], join(work, 'plain')).stdout).toBe(annotation('catalog/services/voicemail.yaml'));
  });

  it('leaves text and JSON paths relative to the working directory', () => {
    expect(check(catalog, [], '', 'text').stdout).toBe(
      `services/voicemail.yaml:2:9: error yaml11-boolean: ${MESSAGE}\n`,
    );
    expect(JSON.parse(check(catalog, [], '', 'json').stdout).diagnostics[0].file).toBe('services/voicemail.yaml');
  });

  it('does the same for build, which writes nothing', () => {
    const r = runCli(['build', '--format', 'github', '--no-cache'], { cwd: catalog, env: { GITHUB_WORKSPACE: '' } });
    expect([r.status, r.stdout]).toEqual([1, annotation('ops/catalog/services/voicemail.yaml')]);
  });
});
