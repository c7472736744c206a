/** Runs the bundled command line as users do, and records what it printed and its exit status. */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../lib/user-services.mjs', import.meta.url));
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const baseEnv = (extra: Record<string, string> = {}) => {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), ...extra };
  delete env.FORCE_COLOR;
  delete env.USER_SERVICES_DEBUG;
  return env;
};

interface RunOptions {
  readonly cwd: string;
  readonly env?: Record<string, string>;
  /** Runs this instead of the clone's node and bundle: words before node (a command that drops privileges), node, the bundle. */
  readonly program?: { readonly wrapper: readonly string[]; readonly node: string; readonly cli: string };
}

export function runCli(args: readonly string[], options: RunOptions): Run {
  const { wrapper, node, cli } = options.program ?? { wrapper: [], node: process.execPath, cli: CLI };
  const [command, ...rest] = [...wrapper, node, cli, ...args];
  const r = spawnSync(command as string, rest, {
    cwd: options.cwd,
    env: baseEnv(options.env),
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function runCliAsync(args: readonly string[], options: RunOptions): Promise<Run> {
  const { wrapper, node, cli } = options.program ?? { wrapper: [], node: process.execPath, cli: CLI };
  const [command, ...rest] = [...wrapper, node, cli, ...args];
  return new Promise((resolvePromise) => {
    const child = spawn(command as string, rest, { cwd: options.cwd, env: baseEnv(options.env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (status) => resolvePromise({ status, stdout, stderr }));
  });
}

/** The summary line with its timing replaced, for exact comparison. */
export const untimed = (s: string): string => s.replace(/ in \d+\.\d\d s$/gm, ' in T s');
