import type { Io } from './io.js';

/** A subcommand: parses its own arguments, does its work, returns the exit status. */
export interface Command {
  readonly summary: string;
  readonly usage: string;
  run(args: readonly string[], io: Io): Promise<number>;
}
