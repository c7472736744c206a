/** Runs the bundled `serve` command as a child process and waits for what it prints. */
import { type ChildProcess, spawn } from 'node:child_process';
import { CLI } from './cli.js';

export interface ServeProcess {
  readonly child: ChildProcess;
  /** Everything printed on standard output and standard error so far. */
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Resolves with the first match of `pattern` in standard error (or out) from offset `since` on, waiting if need be. */
  waitFor(pattern: RegExp, since?: number, stream?: 'stdout' | 'stderr'): Promise<RegExpMatchArray>;
  /** Resolves with the exit status. */
  readonly exited: Promise<number | null>;
}

export function startServe(args: readonly string[], cwd: string): ServeProcess {
  const env = { ...(process.env as Record<string, string>) };
  delete env.FORCE_COLOR;
  const child = spawn(process.execPath, [CLI, 'serve', ...args], { cwd, env });
  let stdout = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  child.stdout?.on('data', (d) => {
    stdout += d;
    for (const w of waiters) w();
  });
  child.stderr?.on('data', (d) => {
    stderr += d;
    for (const w of waiters) w();
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (status) => resolve(status)));
  const waitFor = (pattern: RegExp, since = 0, stream: 'stdout' | 'stderr' = 'stderr', timeoutMs = 20_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec((stream === 'stderr' ? stderr : stdout).slice(since));
        if (match === null) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(match);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out waiting for ${pattern} on ${stream}; so far:\n${stdout}\n${stderr}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  return { child, stdout: () => stdout, stderr: () => stderr, waitFor, exited };
}

/** The URL `serve` printed: `serve: listening on http://127.0.0.1:PORT/...`. */
export const LISTENING = /serve: listening on (http:\/\/127\.0\.0\.1:(\d+))\/api\/v1\/configs\/user_services\/\n/;

/** `serve --watch` on `cwd`, once it listens and watches: the process and the origin it serves. */
export async function startWatching(cwd: string): Promise<{ serve: ServeProcess; origin: string }> {
  const serve = startServe(['--watch', '--port', '0'], cwd);
  const [, origin = ''] = await serve.waitFor(LISTENING);
  await serve.waitFor(/serve: watching services for changes\n/);
  return { serve, origin };
}
