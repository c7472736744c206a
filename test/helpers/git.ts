/** Throw-away git repositories for the tests of `diff --base <revision>`. */
import { spawnSync } from 'node:child_process';
import { tempDir, writeTree } from './fs.js';

// Fixed identity and dates, and no user or system configuration: the same commits everywhere.
export const GIT_IDENTITY = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Operator',
  GIT_AUTHOR_EMAIL: 'operator@example.com',
  GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z',
  GIT_COMMITTER_NAME: 'Operator',
  GIT_COMMITTER_EMAIL: 'operator@example.com',
  GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z',
} as const;
const env = { ...process.env, ...GIT_IDENTITY };

export function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    env,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** A new repository whose first commit holds these files. */
export function gitRepo(files: Record<string, string | Uint8Array>): string {
  const root = writeTree(tempDir('user-services-git-'), files);
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '--allow-empty', '-m', 'base');
  return root;
}

/** Commits the working tree's changes (all of them) at a fixed date; the commit's name. */
export function commitAt(root: string, date: string, message: string): string {
  git(root, 'add', '-A');
  const r = spawnSync('git', ['-c', 'commit.gpgsign=false', 'commit', '-q', '--allow-empty', '-m', message], {
    cwd: root,
    env: { ...env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`git commit failed: ${r.stderr}`);
  return git(root, 'rev-parse', 'HEAD').trim();
}
