/**
 * The failures of writing an output that are not bugs of the tool, kept in a
 * module of their own with no dependency, so that the command line can map
 * them to exit statuses without loading the writer.
 */
import type { Code, DiagnosticArgs } from '../core/diagnostics/diagnostic.js';

export type OutputCode = Extract<Code, `output-${string}`>;

/**
 * An output folder the build will not write: it would delete or move files the
 * tool did not write, or the file system refuses it. Exit status 2. `code` is
 * a diagnostic code (`scripts/core/diagnostics/diagnostic.ts`), `args` its arguments, the
 * message its wording (`scripts/core/diagnostics/output-messages.ts`).
 */
export class OutputRefusedError<C extends OutputCode = OutputCode> extends Error {
  constructor(
    readonly code: C,
    message: string,
    readonly args: DiagnosticArgs[C],
  ) {
    super(message);
  }
}

/** Another build kept the output's lock for longer than a build may wait. */
export class LockTimeoutError extends Error {}

/** This build's lock was taken over (it stalled longer than a lock stays fresh): it publishes nothing. */
export class LockLostError extends Error {}
