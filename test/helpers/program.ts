/** System programs (nginx, caddy) that integration tests run; never installed by the tests. */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect, createServer } from 'node:net';

/**
 * Whether the tests of a program run: they skip, saying why, when it is
 * missing, except under REQUIRE_INTEGRATION=1 (CI), where a missing program
 * fails them.
 */
export function programAvailable(path: string): boolean {
  if (existsSync(path)) return true;
  if (process.env.REQUIRE_INTEGRATION === '1') return true;
  console.warn(`skipping the tests of ${path}: it is not installed (REQUIRE_INTEGRATION=1 makes this fail)`);
  return false;
}

/** A port free on loopback right now (the programs cannot report one they chose themselves). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject()));
    });
  });
}

export interface Running {
  readonly origin: string;
  stop(): Promise<void>;
}

const canConnect = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/** Starts a server in the foreground and waits until its port answers; its output is kept for the error. */
export async function startServer(
  command: string,
  args: readonly string[],
  port: number,
  env: Record<string, string> = {},
): Promise<Running> {
  const child: ChildProcess = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code) => resolve(`${command} exited with ${code}: ${output}`));
    child.once('error', (e) => resolve(`${command} did not start: ${e.message}`));
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  const deadline = Date.now() + 15_000;
  let failure: string | undefined;
  void exited.then((why) => {
    failure = why;
  });
  while (!(await canConnect(port))) {
    if (failure !== undefined) throw new Error(failure);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${command} did not listen on ${port} within 15 s: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { origin: `http://127.0.0.1:${port}`, stop };
}

/** Runs a program to its end; its standard output and error together. */
export function runProgram(command: string, args: readonly string[]): { status: number | null; output: string } {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error?.message ?? ''}` };
}
