/**
 * The failures of writing an output that are not bugs of the tool, kept in a
 * module of their own with no dependency, so that the command line can map
 * them to exit statuses without loading the writer.
 */

/**
 * An output folder the build will not write: it would delete or move files the
 * tool did not write. Thrown before anything is created; exit status 2. `code`
 * is a diagnostic code (`scripts/core/diagnostic.ts`), the message its wording.
 */
export class OutputRefusedError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Another build kept the output's lock for longer than a build may wait. */
export class LockTimeoutError extends Error {}

/** This build's lock was taken over (it stalled longer than a lock stays fresh): it publishes nothing. */
export class LockLostError extends Error {}
