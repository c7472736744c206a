import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GitRevisionError, readServicesAtRevision } from '../../scripts/adapters/git.js';
import { readServices } from '../../scripts/adapters/read-services.js';
import { KINDS } from '../../scripts/core/kinds/index.js';
import { analyzeInput } from '../helpers/core.js';
import { tempDir, writeTree } from '../helpers/fs.js';
import { git, gitRepo } from '../helpers/git.js';
import { keepTree } from '../helpers/snapshot.js';

const env = process.env;
const big = `technical_name: Big\ndescription: ${'x'.repeat(300 * 1024)}\n`;

/** A services folder with every kind of entry the folder reader knows. */
function awkwardRepo(): string {
  const repo = gitRepo({
    'services/a.yaml': 'technical_name: A\n',
    'services/.hidden.yaml': 'technical_name: Hidden\n',
    'services/UPPER.YML': 'technical_name: Upper\n',
    'services/big.yaml': big,
    'services/dir.yaml/inner.yaml': 'technical_name: Inner\n',
    'services/sub/nested.yaml': 'technical_name: Nested\n',
    'services/notes.txt': 'not a service\n',
    'other/outside.yaml': 'technical_name: Outside\n',
  });
  symlinkSync('../other/outside.yaml', join(repo, 'services/link.yaml'));
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'link');
  return repo;
}

describe('reading services at a git revision', () => {
  it('gives what the folder reader gives for a clean checkout: files, links, folders, large files', async () => {
    const repo = awkwardRepo();
    const fromGit = await readServicesAtRevision('HEAD', 'services', repo, env, KINDS);
    expect(fromGit).toEqual(await readServices(join(repo, 'services'), repo, KINDS));
    expect(fromGit.files.map((f) => `${f.kind} ${f.path}`)).toEqual([
      'file services/UPPER.YML',
      'file services/a.yaml',
      'too-large services/big.yaml',
      'directory services/dir.yaml',
      'symbolic-link services/link.yaml',
    ]);
    // Hidden entries are left out; the other entries that are not service files are listed, to be warned of.
    expect(fromGit.ignored?.map((e) => `${e.type} ${e.path}`)).toEqual([
      'file services/notes.txt',
      'directory services/sub',
    ]);
  });

  it('shows paths relative to the working directory, from a subfolder too', async () => {
    const repo = awkwardRepo();
    const cwd = join(repo, 'services');
    const fromGit = await readServicesAtRevision('HEAD', '.', cwd, env, KINDS);
    expect(fromGit).toEqual(await readServices(cwd, cwd, KINDS));
    expect(fromGit.dir).toBe('.');
    expect(fromGit.files[0]?.path).toBe('UPPER.YML');
    expect(fromGit.ignored?.[0]?.path).toBe('notes.txt');
    const fromOther = await readServicesAtRevision('HEAD', '../services', join(repo, 'other'), env, KINDS);
    expect(fromOther.files[1]?.path).toBe('../services/a.yaml');
    expect(fromOther.ignored?.[1]?.path).toBe('../services/sub');
  });

  it('reads the committed files, not the working tree or the index, and writes nothing', async () => {
    const repo = gitRepo({ 'services/a.yaml': 'technical_name: A\n', 'services/b.yaml': 'technical_name: B\n' });
    writeFileSync(join(repo, 'services/a.yaml'), 'technical_name: A2\n');
    writeFileSync(join(repo, 'services/c.yaml'), 'technical_name: C\n');
    git(repo, 'add', 'services/c.yaml');
    rmSync(join(repo, 'services/b.yaml'));
    const tree = keepTree(repo);
    const input = await readServicesAtRevision('HEAD', 'services', repo, env, KINDS);
    tree.expectUnchanged();
    expect(input.files.map((f) => [f.path, f.kind === 'file' ? Buffer.from(f.bytes).toString() : f.kind])).toEqual([
      ['services/a.yaml', 'technical_name: A\n'],
      ['services/b.yaml', 'technical_name: B\n'],
    ]);
  });

  it('reads older revisions and branches', async () => {
    const repo = gitRepo({ 'services/a.yaml': 'technical_name: A\n' });
    git(repo, 'branch', 'first');
    writeTree(repo, { 'services/a.yaml': 'technical_name: A2\n' });
    git(repo, 'commit', '-q', '-am', 'second');
    const text = async (rev: string) => {
      const f = (await readServicesAtRevision(rev, 'services', repo, env, KINDS)).files[0];
      return f?.kind === 'file' ? Buffer.from(f.bytes).toString() : f?.kind;
    };
    expect(await text('HEAD')).toBe('technical_name: A2\n');
    expect(await text('HEAD~1')).toBe('technical_name: A\n');
    expect(await text('first')).toBe('technical_name: A\n');
  });

  it('gives no files when the folder does not exist at the revision, which the core reports', async () => {
    const repo = gitRepo({ 'elsewhere/a.yaml': 'technical_name: A\n' });
    mkdirSync(join(repo, 'services'));
    const input = await readServicesAtRevision('HEAD', 'services', repo, env, KINDS);
    expect(input).toEqual({ dir: 'services', files: [], ignored: [] });
    expect(analyzeInput(input).diagnostics.map((d) => `${d.file} ${d.code}`)).toEqual(['services no-services']);
  });

  it.each([
    ['an unknown revision', 'nope', 'no such folder, and git knows no such revision'],
    ['an option in disguise', '--output=x', 'it starts with "-"'],
  ])('refuses %s', async (_, revision, reason) => {
    const repo = gitRepo({ 'services/a.yaml': 'technical_name: A\n' });
    const read = readServicesAtRevision(revision, 'services', repo, env, KINDS);
    await expect(read).rejects.toThrow(GitRevisionError);
    await expect(read).rejects.toThrow(
      `cannot read --base ${JSON.stringify(revision)} as a folder or a git revision: ${reason}`,
    );
  });

  it('refuses outside a repository, and a services folder outside the repository', async () => {
    const plain = tempDir();
    await expect(readServicesAtRevision('HEAD', 'services', plain, env, KINDS)).rejects.toThrow(
      /^cannot read --base "HEAD" as a folder or a git revision: fatal: not a git repository/,
    );
    const repo = gitRepo({ 'services/a.yaml': 'technical_name: A\n' });
    await expect(readServicesAtRevision('HEAD', plain, repo, env, KINDS)).rejects.toThrow(/is outside the repository/);
  });
});
