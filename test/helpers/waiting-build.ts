/** A build of the bundled command line started while a test holds its output's lock. */
import { spawn } from 'node:child_process';
import { CLI, type Run } from './cli.js';

export interface WaitingBuild {
  /** Settles once the build said that it waits for the lock (its line on standard error). */
  readonly waiting: Promise<void>;
  readonly done: Promise<Run>;
}

/** Starts `build ...args` in `cwd`; `waiting` rejects when the build ends without waiting. */
export function startWaitingBuild(cwd: string, args: readonly string[] = []): WaitingBuild {
  const child = spawn(process.execPath, [CLI, 'build', ...args], { cwd });
  let stdout = '';
  let stderr = '';
  let said: () => void = () => {};
  let ended: (e: Error) => void = () => {};
  const waiting = new Promise<void>((resolve, reject) => {
    said = resolve;
    ended = reject;
  });
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
    if (stderr.includes('build: waiting for another build')) said();
  });
  const done = new Promise<Run>((resolve) =>
    child.on('close', (status) => {
      ended(new Error(`the build ended without waiting: ${stderr}`));
      resolve({ status, stdout, stderr });
    }),
  );
  return { waiting, done };
}
