import { WORKING_FOLDER_MESSAGES, workingFolderProblem } from '../adapters/working-folder.js';
import type { Io } from './io.js';
import { main } from './main.js';

// The only place that ends the process. Waiting for the streams to drain
// before exiting keeps long reports from being cut off when piped.

/**
 * When the reader of a pipe goes away (`user-services check | head -1`), a
 * write fails with EPIPE, reported on the stream after the fact. That is the
 * reader's choice, not a failure: from then on nothing more is written to that
 * stream and the command ends as it would (serve stops). The exit status is
 * the command's own, whatever the pipe did and however long the output was:
 * 1 when the input has errors, 0 when all is good, 2 for a usage error.
 */
const closed = new AbortController();
const READER_GONE = new Set(['EPIPE', 'ECONNRESET', 'ERR_STREAM_DESTROYED']);
// Any other failure to write (a disk full under a redirection) is not the reader's choice: an
// output that could not be written is an internal failure, over the command's own status.
let failed = false;
const status = (code: number) => (failed ? 3 : code);

function guarded(stream: NodeJS.WriteStream): Io['stdout'] {
  let gone = false;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    gone = true;
    closed.abort();
    if (READER_GONE.has(e.code ?? '')) return;
    failed = true;
    // The command may have ended already, with its own status.
    process.exitCode = 3;
  });
  return {
    get isTTY() {
      return stream.isTTY;
    },
    write: (s: string) => gone || stream.write(s),
  };
}

/** Node's name of the working directory, or null when it has none (the folder was removed). */
function namedCwd(): string | null {
  try {
    return process.cwd();
  } catch {
    return null;
  }
}

// Before any command: every command resolves paths from the working directory.
const cwd = namedCwd();
const problem = workingFolderProblem(cwd);
if (problem !== null) {
  process.stderr.write(`user-services: ${WORKING_FOLDER_MESSAGES[problem](cwd ?? '')}\n`);
  process.exitCode = 2;
} else {
  const io: Io = {
    cwd: cwd as string,
    env: process.env,
    stdout: guarded(process.stdout),
    stderr: guarded(process.stderr),
    closed: closed.signal,
  };
  process.exitCode = status(await main(process.argv.slice(2), io));
}
