/** What a command may touch of the process, passed in so that tests can record it. */
export interface Io {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: { write(s: string): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(s: string): unknown; readonly isTTY?: boolean };
  /**
   * Aborts when the reader of standard output or error went away (`... | head -1`):
   * what is written from then on is dropped, and a command that would run on
   * (`serve`) stops. Absent: the output never closes.
   */
  readonly closed?: AbortSignal;
}

/** A mistake in the command line: printed with the usage, exit status 2. */
export class UsageError extends Error {}

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function wantsColor(io: Io): boolean {
  return io.stdout.isTTY === true && (io.env.NO_COLOR ?? '') === '' && io.env.TERM !== 'dumb';
}
