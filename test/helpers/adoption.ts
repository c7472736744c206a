/**
 * A new operator's own catalog repository, outside this one: the commands they
 * run (git, npm, npx, pre-commit) in a temporary folder, with a home, an npm
 * cache and a pre-commit home of its own, and no user or system git settings.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli.js';
import { GIT_IDENTITY } from './git.js';

export interface Ran {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

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
    ...GIT_IDENTITY,
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
 * This repository's release, as its tag will hold it: the tree that
 * `scripts/release-tree.mjs` makes from this checkout (bundled `lib/` included),
 * committed in a new git repository at `to`. pre-commit installs a hook from
 * it without a devDependency. Returns its path and commit.
 */
export function releaseOfThisRepository(env: Record<string, string>, to: string): { path: string; rev: string } {
  must(env, ROOT, process.execPath, ['scripts/release-tree.mjs', to]);
  must(env, to, 'git', ['init', '-q', '-b', 'main']);
  must(env, to, 'git', ['add', '-A']);
  must(env, to, 'git', ['commit', '-q', '-m', `Release ${PACKAGE.version}`]);
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
