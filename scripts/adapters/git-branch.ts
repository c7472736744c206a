/**
 * The current branch of the git repository a folder is in, as
 * `git symbolic-ref --short HEAD` names it (an unborn branch, before the first
 * commit, has its name too).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The current branch of the repository holding `dir` (absolute; when missing,
 * its nearest existing parent is asked, as `init` makes `dir` inside it);
 * null outside a repository, on a detached HEAD, or without git.
 */
export function currentBranch(dir: string): string | null {
  let at = dir;
  while (!existsSync(at) && dirname(at) !== at) at = dirname(at);
  const r = spawnSync('git', ['symbolic-ref', '--quiet', '--short', 'HEAD'], {
    cwd: at,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const name = r.status === 0 ? r.stdout.trim() : '';
  return name === '' ? null : name;
}
