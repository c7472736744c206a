/**
 * The catalog's change history, read from git for `build`: the last commits
 * that changed the services folder (git-history.ts), the catalog at each one
 * analyzed by the same runner as every other catalog, and `diff`'s
 * classification between consecutive ones. Given to the emit steps as data
 * (core/sync/history.ts). Commit times only, never the clock.
 */

import { GitRevisionError } from '../adapters/git.js';
import { type HistoryListing, listHistory } from '../adapters/git-history.js';
import { type BrokenCommitCause, type Diagnostic, warning } from '../core/diagnostics/diagnostic.js';
import { messageFor } from '../core/diagnostics/messages.js';
import { diffSites } from '../core/diff/compare.js';
import type { DiffableKind } from '../core/diff/kind.js';
import type { Site } from '../core/model/site.js';
import type { CatalogHistory, HistoryCommit } from '../core/sync/history.js';
import type { CatalogRunner, RunnerContext } from './runner.js';

/**
 * How many commits `build` and `serve` walk unless told (`--history N`): none.
 * Each commit is a whole catalog to read from git, analyze and compare: on
 * 10,000 services, 30 commits cost 145 s on top of an 11 s build, so the
 * history is asked for, with the length the publisher wants.
 */
export const DEFAULT_HISTORY_LIMIT = 0;

/**
 * How many commits before the window the comparison reaches back for a
 * catalog that builds, when the commit just before the window (or several)
 * has errors: each one tried is a whole analysis. Beyond it, what the
 * window's oldest commits changed is unknown: they are left out
 * (`history-base-unknown`) and the history is not `complete`.
 */
export const BASE_REACH = 10;

export interface HistoryRead {
  /** Null when no history can be read (outside git): `_history/` and the feed are left out. */
  readonly history: CatalogHistory | null;
  /** What the build says of it, once: left out, cut where a shallow clone ends, a commit that did not build. */
  readonly notes: readonly Diagnostic[];
}

/**
 * The history of the services folder `folder` (as the user wrote it, relative
 * to the working directory), at most `limit` commits, newest first, of every
 * kind the runner reads (`kindsToAnalyze`): the site's. Never
 * throws for a commit that cannot be read: it is left out with a note.
 */
export async function readHistory(
  runner: CatalogRunner,
  folder: string,
  context: RunnerContext,
  limit: number,
): Promise<HistoryRead> {
  const at = { file: folder, line: 1, column: 1 };
  const listing = await listHistory(folder, context.cwd, context.env, limit + BASE_REACH);
  if (listing.kind === 'unavailable') {
    return {
      history: null,
      notes: [warning('history-unavailable', at, { reason: listing.reason, detail: listing.detail })],
    };
  }
  const sites = new Map<number, Promise<Site | null>>();
  const kinds = await runner.kindsToAnalyze();
  const walked: Walked = { listing, limit, kinds, unread: new Set(), notes: [], at, siteAt: (i) => siteAt(i) };
  // A catalog with errors has no site: its commit is left out and compared across.
  const siteAt = (i: number): Promise<Site | null> => {
    const commit = listing.commits[i]?.commit as string;
    const known = sites.get(i) ?? catalogAt(runner, commit, walked).then((c) => c && runner.emitApiFiles(c));
    sites.set(i, known);
    return known;
  };
  const commits = await walk(walked);
  const { notes } = walked;
  const cut = notes.some((n) => n.code === 'history-shallow' || n.code === 'history-base-unknown');
  // The window reaches the oldest commit git has that changed the folder, and the clone is cut below it: older ones may exist.
  const reachesCut = listing.shallowEnd !== null && listing.commits.length <= limit;
  if (!cut && reachesCut) {
    notes.push(warning('history-shallow', at, { commit: listing.shallowEnd as string, kept: commits.length }));
  }
  const complete = !cut && !reachesCut && listing.commits.length <= limit;
  return { history: { commits, limit, complete, updated: listing.head.time }, notes };
}

type Listed = Extract<HistoryListing, { kind: 'listed' }>;

/** One reading of the history: the listing, the catalogs read so far and what was said of them. */
interface Walked {
  readonly listing: Listed;
  readonly limit: number;
  /** The kinds the runner reads, whose changes the diff compares (every kind of the site). */
  readonly kinds: readonly DiffableKind[];
  /** Commits git could not read (an object missing from the clone): what they held is unknown. */
  readonly unread: Set<string>;
  readonly notes: Diagnostic[];
  readonly at: { file: string; line: number; column: number };
  readonly siteAt: (i: number) => Promise<Site | null>;
}

async function walk(w: Walked): Promise<HistoryCommit[]> {
  const { listing, notes, at } = w;
  const out: HistoryCommit[] = [];
  for (const [i, c] of listing.commits.slice(0, w.limit).entries()) {
    // Its parent is not in the clone: what it changed cannot be known.
    if (listing.shallow.has(c.commit)) {
      notes.push(warning('history-shallow', at, { commit: c.commit, kept: out.length }));
      break;
    }
    const site = await w.siteAt(i);
    if (site === null) continue;
    const base = await baseOf(i, w);
    if (base === null) {
      // Every older commit that follows has no base either: the history stops here.
      notes.push(warning('history-base-unknown', at, { commit: c.commit, reach: BASE_REACH, kept: out.length }));
      break;
    }
    out.push({ commit: c.commit, time: c.time, changes: diffSites(base, site, w.kinds).changes });
  }
  return out;
}

/**
 * The catalog before commit `i`: the next older one that builds, within the
 * listing (the window and BASE_REACH commits before it). An empty catalog
 * only when git listed every commit that ever changed the folder (fewer than
 * asked, the oldest not cut by a shallow clone): before the oldest one the
 * folder did not exist. Null when the catalog before `i` cannot be known:
 * the reach, a shallow clone or a commit git cannot read ends the search
 * before a commit that builds.
 */
async function baseOf(i: number, w: Walked): Promise<Site | null> {
  const { listing } = w;
  for (let j = i + 1; j < listing.commits.length; j++) {
    const site = await w.siteAt(j);
    if (site !== null) return site;
    const commit = listing.commits[j]?.commit as string;
    // A commit that does not build, whose parent is not in the clone, or whose catalog is unknown.
    if (listing.shallow.has(commit) || w.unread.has(commit)) return null;
  }
  // git listed fewer than asked: none older changed the folder, which did not exist before the oldest.
  const oldest = listing.commits[listing.commits.length - 1];
  const everyCommit = listing.commits.length < w.limit + BASE_REACH && !listing.shallow.has(oldest?.commit ?? '');
  return everyCommit ? new Map() : null;
}

/**
 * The valid services of the folder at a commit, or null (and a note saying
 * why) when it has errors, is no folder there, or git cannot read it (then
 * the commit is `unread`): every refusal of a revision `diff --base` would
 * make is a commit left out of the history, never a failure of the build.
 */
async function catalogAt(runner: CatalogRunner, commit: string, w: Walked) {
  const leftOut = (cause: BrokenCommitCause) => {
    w.notes.push(warning('history-broken-commit', w.at, { commit, cause }));
    return null;
  };
  const run = await runner.run({ folder: w.at.file, revision: commit }).catch((e: unknown) => {
    if (e instanceof GitRevisionError) return e;
    throw e;
  });
  if (run instanceof GitRevisionError) {
    if (!run.notAFolder) w.unread.add(commit);
    return leftOut({ kind: run.notAFolder ? 'not-a-folder' : 'unreadable', reason: run.reason });
  }
  // An empty or absent folder at a commit is an empty catalog, as for diff's base.
  const errors = run.diagnostics.filter((d) => d.code !== 'no-services' && d.severity === 'error');
  const [first] = errors;
  if (first !== undefined) {
    const at = `${first.file}:${first.line}:${first.column}: ${first.code}: ${messageFor(first)}`;
    return leftOut({ kind: 'errors', errors: errors.length, first: at });
  }
  return (await run.analysis()).catalog;
}
