import type { Io } from './io.js';
import { main } from './main.js';

// The only place that ends the process. Waiting for the streams to drain
// before exiting keeps long reports from being cut off when piped.

/**
 * When the reader of a pipe goes away (`user-services check | head -1`), a
 * write fails with EPIPE, reported on the stream after the fact. That is the
 * reader's choice, not a failure: from then on nothing more is written to that
 * stream, the command ends as it would (serve stops), and the status is 0.
 */
const closed = new AbortController();
const READER_GONE = new Set(['EPIPE', 'ECONNRESET', 'ERR_STREAM_DESTROYED']);
// Any other failure to write (a disk full under a redirection) is not the reader's choice.
let failed = false;
const status = (code: number) => (closed.signal.aborted ? (failed ? 3 : 0) : code);

function guarded(stream: NodeJS.WriteStream): Io['stdout'] {
  let gone = false;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    gone = true;
    failed ||= !READER_GONE.has(e.code ?? '');
    closed.abort();
    // The command may have ended already, with its own status.
    process.exitCode = status(0);
  });
  return {
    get isTTY() {
      return stream.isTTY;
    },
    write: (s: string) => gone || stream.write(s),
  };
}

const io: Io = {
  cwd: process.cwd(),
  env: process.env,
  stdout: guarded(process.stdout),
  stderr: guarded(process.stderr),
  closed: closed.signal,
};
process.exitCode = status(await main(process.argv.slice(2), io));
