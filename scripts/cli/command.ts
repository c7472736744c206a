import type { Io } from './io.js';
import type { OptionDecl, PositionalDecl } from './option-decls.js';

/** A subcommand: parses its own arguments, does its work, returns the exit status. */
export interface Command {
  readonly summary: string;
  /** The usage line, made by `usageOf` from `options` and `positionals`. */
  readonly usage: string;
  /** Every option, in the order usage and `--help` show them; the parser's spec is made from them. */
  readonly options: readonly OptionDecl[];
  readonly positionals?: readonly PositionalDecl[];
  /** One or two command lines that show it in use, for `--help`. */
  readonly examples: readonly string[];
  run(args: readonly string[], io: Io): Promise<number>;
}
