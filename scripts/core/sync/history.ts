/**
 * The catalog's change history as data: what the git adapter and the
 * application layer read from the repository (commits, their times, and
 * `diff`'s classification between consecutive catalogs), given to the emit
 * steps of `_history/` and the Atom feed. Times are commit times only, never
 * the clock: the same commit gives the same history.
 */
import type { InstanceChange } from '../diff/types.js';

/** One commit that touched the services folder, with what it changed in the API. */
export interface HistoryCommit {
  /** The commit's full object name (hex). */
  readonly commit: string;
  /** The committer time, in whole seconds since the Unix epoch (git's `%ct`). */
  readonly time: number;
  /** What `diff` finds between the catalog before the commit and at it (none: nothing clients see changed). */
  readonly changes: readonly InstanceChange[];
}

export interface CatalogHistory {
  /** Newest first: at most `limit` commits that touched the services folder. */
  readonly commits: readonly HistoryCommit[];
  /** The most commits walked (`build --history N`). */
  readonly limit: number;
  /** False when older commits exist that were not walked: the limit, or a shallow clone's end. */
  readonly complete: boolean;
  /** The committer time (seconds) of the commit the build ran at (HEAD): the feed's `updated`. */
  readonly updated: number;
}

/**
 * The key of a `_history/` entry that names the kind of the object changed,
 * present only in the history of a site of more than one kind: clients of a
 * site of one kind never see it (and ignore unknown keys anyway).
 */
export const HISTORY_KIND_KEY = 'config_kind';

/** A commit time as RFC 3339 in UTC, to the second (`2024-01-02T03:04:05Z`): the same in every time zone. */
export const rfc3339 = (seconds: number): string => new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
