/**
 * A new operator's own catalog repository, outside this one: the commands they
 * run (git, npm, npx, pre-commit) in a temporary folder, with a home, an npm
 * cache and a pre-commit home of its own, and no user or system git settings.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, lstatSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT } from './cli.js';

export interface Ran {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** npm's own cache, read before the tests change HOME: pre-commit's install of the hook reads it offline first. */
export const NPM_CACHE = spawnSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).stdout.trim();

/** The environment of every command: everything the operator's tools write stays under `work`. */
export function operatorEnv(work: string): Record<string, string> {
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    HOME: join(work, 'home'),
    PRE_COMMIT_HOME: join(work, 'pre-commit'),
    npm_config_cache: join(work, 'npm-cache'),
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'Operator',
    GIT_AUTHOR_EMAIL: 'operator@example.com',
    GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z',
    GIT_COMMITTER_NAME: 'Operator',
    GIT_COMMITTER_EMAIL: 'operator@example.com',
    GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z',
    NO_COLOR: '1',
  };
  for (const name of ['FORCE_COLOR', 'USER_SERVICES_DEBUG', 'npm_config_prefix', 'NPM_CONFIG_PREFIX']) delete env[name];
  mkdirSync(env.HOME as string, { recursive: true });
  return env;
}

/** Runs a program in `cwd`; `extra` adds to or overrides the environment. */
export function run(
  env: Record<string, string>,
  cwd: string,
  command: string,
  args: readonly string[],
  extra: Record<string, string> = {},
): Ran {
  const r = spawnSync(command, args, { cwd, env: { ...env, ...extra }, encoding: 'utf8', timeout: 540_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Like `run`, but a non-zero exit status throws with what the program printed. */
export function must(env: Record<string, string>, cwd: string, command: string, args: readonly string[]): string {
  const r = run(env, cwd, command, args);
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status}: ${r.stdout}${r.stderr}`);
  return r.stdout;
}

/**
 * This repository as pre-commit sees a hook repository: a git repository of
 * the files of the working tree that git tracks or would track (changes not
 * yet committed included), in one commit. Returns its path and commit.
 */
export function snapshotOfThisRepository(env: Record<string, string>, to: string): { path: string; rev: string } {
  const listed = must(env, ROOT, 'git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard']);
  mkdirSync(to, { recursive: true });
  for (const file of listed.split('\0').filter((f) => f !== '' && existsSync(join(ROOT, f)))) {
    if (!lstatSync(join(ROOT, file)).isFile()) continue;
    mkdirSync(dirname(join(to, file)), { recursive: true });
    copyFileSync(join(ROOT, file), join(to, file));
  }
  must(env, to, 'git', ['init', '-q', '-b', 'main']);
  must(env, to, 'git', ['add', '-A']);
  must(env, to, 'git', ['commit', '-q', '-m', 'snapshot']);
  return { path: to, rev: must(env, to, 'git', ['rev-parse', 'HEAD']).trim() };
}

/** What identifies the state of this repository's checkout: its status, HEAD, and the bytes of its package and bundle. */
export function checkoutState(env: Record<string, string>): string {
  const hash = createHash('sha256');
  hash.update(must(env, ROOT, 'git', ['status', '--porcelain', '--untracked-files=all']));
  hash.update(must(env, ROOT, 'git', ['rev-parse', 'HEAD']));
  const files = must(env, ROOT, 'git', ['ls-files', '-z', '--others', '--ignored', '--exclude-standard', 'lib']);
  for (const f of [...files.split('\0').filter((x) => x !== ''), 'package.json', 'package-lock.json'].sort()) {
    hash.update(f);
    hash.update(readFileSync(join(ROOT, f)));
  }
  return hash.digest('hex');
}
