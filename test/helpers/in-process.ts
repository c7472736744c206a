/**
 * The command line run in this process (`scripts/cli/main.ts`, no bundle, no
 * child process), for property tests that run it hundreds of times: its exit
 * status and everything it wrote, with an empty environment.
 */
import { main } from '../../scripts/cli/main.js';
import type { Run } from './cli.js';

/** Runs `user-services <args>` in `cwd` in process; resolves with its status, standard output and standard error. */
export async function runInProcess(args: string[], cwd: string): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io = {
    cwd,
    env: {},
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  };
  const status = await main(args, io);
  return { status, stdout, stderr };
}
