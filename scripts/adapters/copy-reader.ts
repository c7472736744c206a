/**
 * What `verify` reads a published copy through, a folder (`folder-copy.ts`)
 * or a site over HTTP(S) (`http-copy.ts`): the manifest and its signature
 * first, then the files, so that nothing listed is looked at before the
 * manifest's entries and its signature were checked.
 */
import type { ManifestFile, MetaFound, PublishedCopy, Where } from '../core/sync/verify.js';

/** The copy cannot be read at all (its folder, the URL given): nothing can be checked (exit 2). */
export class CopyUnreadableError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

/** What was read of the files of a copy. */
export interface ReadFiles {
  readonly copy: PublishedCopy;
  /** Listed paths not looked at (over HTTP: those some hosts never serve at their own URL). */
  readonly skipped: readonly string[];
  /** Over HTTP, how many listed files were not fetched because the run's deadline passed, and that deadline (s). */
  readonly unfetched: number;
  readonly deadlineSeconds: number;
}

/** A published copy, a folder or a site over HTTP(S), read in the order `verify` needs it. */
export interface CopyReader {
  /** Where diagnostics place a site path: its path in the folder, or its URL. */
  readonly where: Where;
  /** The manifest's or the signature's bytes (at most `META_LIMIT`), or why there are none. */
  meta(path: string): Promise<MetaFound>;
  /** What the copy holds at the paths of `files` (site paths), and the entries it does not list. */
  files(files: readonly ManifestFile[]): Promise<ReadFiles>;
  /** Lets go of what reading holds (connections). */
  close(): void;
}

/** Whether `source` is read over HTTP(S) rather than from a folder. */
export const isUrl = (source: string): boolean => /^https?:\/\//i.test(source);

/** Runs `tasks`, `limit` at once. */
export async function pool(tasks: readonly (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await (tasks[next++] as () => Promise<void>)();
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}
