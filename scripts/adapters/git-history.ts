/**
 * The commits that changed the services folder, read from git for the
 * catalog's change history: newest first along the first parents (a merge
 * counts as one change, against the branch it was merged into), with their
 * committer times, and where a shallow clone's history ends. Only git's
 * recorded times are read, never the clock.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type Env, git, repoPath } from './git.js';

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
      /**
       * Where a shallow clone ends along HEAD's first parents (that commit's
       * parents are not in the clone), whether or not it changed the folder;
       * null in a full clone, or when the first-parent chain reaches a true root.
       */
      readonly shallowEnd: string | null;
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
  // The same path readServicesAtRevision reads at each commit.
  const folder = await repoPath(root, resolve(cwd, servicesDir), cwd);
  if (folder === null) return { kind: 'unavailable', reason: 'outside-repository', detail: root };
  const spec = folder === '' ? [] : ['--', folder];
  // Literal: a folder named `sv*` or `:(glob)x` is that folder, not a pattern.
  const args = [
    '--literal-pathspecs',
    'log',
    '--first-parent',
    `--max-count=${count}`,
    '--format=%H %ct %P',
    'HEAD',
    ...spec,
  ];
  const log = await run(args, root);
  if (log === null || log.status !== 0) throw new Error(`git log failed: ${log?.stderr ?? 'git did not start'}`);
  const commits = lines(log.stdout).map((line) => {
    const [commit = '', time = '', ...parents] = line.split(' ');
    return { commit, time: Number(time), root: parents.filter((p) => p !== '').length === 0 };
  });
  const [headCommit = '', headTime = ''] = lines(head.stdout)[0]?.split(' ') ?? [];
  const shallow = await shallowEnds(root, env);
  return {
    kind: 'listed',
    head: { commit: headCommit, time: Number(headTime) },
    commits,
    shallow,
    shallowEnd: shallow.size === 0 ? null : await firstParentEnd(root, env, shallow),
  };
}

const lines = (out: Buffer): string[] =>
  out
    .toString('utf8')
    .split('\n')
    .filter((l) => l !== '');

/**
 * The commits a shallow clone ends at, none for a full clone: git says
 * whether the repository is shallow (`rev-parse --is-shallow-repository`),
 * its `shallow` file where. Throws when git cannot tell: a history that may
 * be cut is never published as whole.
 */
async function shallowEnds(root: string, env: Env): Promise<Set<string>> {
  const asked = await git(['rev-parse', '--is-shallow-repository', '--git-path', 'shallow'], root, env);
  const [answer, path = ''] = lines(asked.stdout);
  if (asked.status !== 0 || (answer !== 'true' && answer !== 'false'))
    throw new Error(`git rev-parse --is-shallow-repository failed: ${asked.stderr}`);
  if (answer === 'false') return new Set();
  const text = await readFile(resolve(root, path), 'utf8');
  return new Set(text.split('\n').filter((l) => l !== ''));
}

/** The oldest commit along HEAD's first parents when the clone is cut there (in `shallow`), else null. */
async function firstParentEnd(root: string, env: Env, shallow: ReadonlySet<string>): Promise<string | null> {
  // A commit where a shallow clone ends has no parents in it, as a root has none.
  const r = await git(['rev-list', '--first-parent', '--max-parents=0', 'HEAD'], root, env);
  if (r.status !== 0) throw new Error(`git rev-list failed: ${r.stderr}`);
  return lines(r.stdout).find((c) => shallow.has(c)) ?? null;
}
