/**
 * The commits that changed the services folder, read from git for the
 * catalog's change history: newest first along the first parents (a merge
 * counts as one change, against the branch it was merged into), with their
 * committer times, and where a shallow clone's history ends. Only git's
 * recorded times are read, never the clock.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { type Env, git } from './git.js';

/** A commit and its committer time (seconds since the epoch). */
export interface CommitTime {
  readonly commit: string;
  readonly time: number;
}

export type HistoryListing =
  | {
      readonly kind: 'unavailable';
      readonly reason: 'no-git' | 'no-commits' | 'outside-repository';
      readonly detail: string;
    }
  | {
      readonly kind: 'listed';
      /** The commit the build runs at. */
      readonly head: CommitTime;
      /** Newest first, at most `count`: each one's base is the next one that builds. */
      readonly commits: readonly (CommitTime & { readonly root: boolean })[];
      /** The commits where a shallow clone's history ends (their parents are not in the clone). */
      readonly shallow: ReadonlySet<string>;
    };

/**
 * Lists, from HEAD of the repository holding `cwd`, the last `count`
 * commits that changed `servicesDir` (relative to `cwd`). Never throws for a
 * missing git, a folder outside any repository or a repository without
 * commits: says which instead.
 */
export async function listHistory(servicesDir: string, cwd: string, env: Env, count: number): Promise<HistoryListing> {
  const run = (args: readonly string[], at = cwd) => git(args, at, env).catch(() => null);
  const top = await run(['rev-parse', '--show-toplevel']);
  if (top === null || top.status !== 0) {
    return { kind: 'unavailable', reason: 'no-git', detail: top === null ? 'git is not installed' : '' };
  }
  const root = top.stdout.toString('utf8').trim();
  const head = await run(['log', '-1', '--format=%H %ct', 'HEAD'], root);
  if (head === null || head.status !== 0) return { kind: 'unavailable', reason: 'no-commits', detail: '' };
  const folder = relative(root, resolve(cwd, servicesDir));
  if (folder.startsWith('..') || isAbsolute(folder))
    return { kind: 'unavailable', reason: 'outside-repository', detail: root };
  const spec = folder === '' ? [] : ['--', folder.split(sep).join('/')];
  const args = ['log', '--first-parent', `--max-count=${count}`, '--format=%H %ct %P', 'HEAD', ...spec];
  const log = await run(args, root);
  if (log === null || log.status !== 0) throw new Error(`git log failed: ${log?.stderr ?? 'git did not start'}`);
  const commits = lines(log.stdout).map((line) => {
    const [commit = '', time = '', ...parents] = line.split(' ');
    return { commit, time: Number(time), root: parents.filter((p) => p !== '').length === 0 };
  });
  const [headCommit = '', headTime = ''] = lines(head.stdout)[0]?.split(' ') ?? [];
  return {
    kind: 'listed',
    head: { commit: headCommit, time: Number(headTime) },
    commits,
    shallow: await shallowEnds(root, env),
  };
}

const lines = (out: Buffer): string[] =>
  out
    .toString('utf8')
    .split('\n')
    .filter((l) => l !== '');

/** The commits a shallow clone ends at (git's `shallow` file), none for a full clone. */
async function shallowEnds(root: string, env: Env): Promise<Set<string>> {
  const r = await git(['rev-parse', '--git-path', 'shallow'], root, env).catch(() => null);
  if (r === null || r.status !== 0) return new Set();
  const text = await readFile(resolve(root, r.stdout.toString('utf8').trim()), 'utf8').catch(() => '');
  return new Set(text.split('\n').filter((l) => l !== ''));
}
