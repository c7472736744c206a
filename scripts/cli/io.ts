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

/**
 * Whether to colour what is printed. `FORCE_COLOR` decides when it is set, as
 * in Node.js and its libraries: `0` or `false` never, any other value (the
 * empty one too) always, even when the output is not a terminal, and over
 * `NO_COLOR`. Else colour only on a terminal that is not `dumb`, and never
 * when `NO_COLOR` is set to anything but the empty string (https://no-color.org).
 */
export function wantsColor(io: Io): boolean {
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return io.stdout.isTTY === true && (io.env.NO_COLOR ?? '') === '' && io.env.TERM !== 'dumb';
}
