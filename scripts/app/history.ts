/**
 * The catalog's change history, read from git for `build`: the last commits
 * that changed the services folder (git-history.ts), the catalog at each one
 * analyzed by the same runner as every other catalog, and `diff`'s
 * classification between consecutive ones. Given to the emit steps as data
 * (core/sync/history.ts). Commit times only, never the clock.
 */
import { type HistoryListing, listHistory } from '../adapters/git-history.js';
import { type Diagnostic, hasErrors, warning } from '../core/diagnostics/diagnostic.js';
import { diffSites } from '../core/diff/compare.js';
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
 * to the working directory), at most `limit` commits, newest first.
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
  const { emitApiFiles } = await import('../core/emit/index.js');
  const sites = new Map<number, Promise<Site | null>>();
  const notes: Diagnostic[] = [];
  // A catalog with errors has no site: its commit is left out and compared across.
  const siteAt = (i: number): Promise<Site | null> => {
    const commit = listing.commits[i]?.commit as string;
    const known = sites.get(i) ?? catalogAt(runner, folder, commit, notes).then((s) => s && emitApiFiles(s));
    sites.set(i, known);
    return known;
  };
  const commits = await walk(listing, limit, siteAt, notes, at);
  const cut = notes.some((n) => n.code === 'history-shallow' || n.code === 'history-base-unknown');
  const complete = !cut && listing.commits.length <= limit;
  return { history: { commits, limit, complete, updated: listing.head.time }, notes };
}

type Listed = Extract<HistoryListing, { kind: 'listed' }>;

async function walk(
  listing: Listed,
  limit: number,
  siteAt: (i: number) => Promise<Site | null>,
  notes: Diagnostic[],
  at: { file: string; line: number; column: number },
): Promise<HistoryCommit[]> {
  const out: HistoryCommit[] = [];
  const walked = listing.commits.slice(0, limit);
  for (const [i, c] of walked.entries()) {
    // Its parent is not in the clone: what it changed cannot be known.
    if (listing.shallow.has(c.commit)) {
      notes.push(warning('history-shallow', at, { commit: c.commit, kept: out.length }));
      break;
    }
    const site = await siteAt(i);
    if (site === null) continue;
    const base = await baseOf(i, listing, limit, siteAt);
    if (base === null) {
      // Every older commit that follows has no base either: the history stops here.
      notes.push(warning('history-base-unknown', at, { commit: c.commit, reach: BASE_REACH, kept: out.length }));
      break;
    }
    out.push({ commit: c.commit, time: c.time, changes: diffSites(base, site).changes });
  }
  return out;
}

/**
 * The catalog before commit `i`: the next older one that builds, within the
 * listing (the window and BASE_REACH commits before it). An empty catalog
 * only when git listed every commit that ever changed the folder (fewer than
 * asked, the oldest not cut by a shallow clone): before the oldest one the
 * folder did not exist. Null when the catalog before `i` cannot be known:
 * the reach or a shallow clone ends before a commit that builds.
 */
async function baseOf(
  i: number,
  listing: Listed,
  limit: number,
  siteAt: (i: number) => Promise<Site | null>,
): Promise<Site | null> {
  for (let j = i + 1; j < listing.commits.length; j++) {
    const site = await siteAt(j);
    if (site !== null) return site;
    // A commit that does not build, whose parent is not in the clone.
    if (listing.shallow.has(listing.commits[j]?.commit as string)) return null;
  }
  // git listed fewer than asked: none older changed the folder, which did not exist before the oldest.
  const oldest = listing.commits[listing.commits.length - 1];
  const everyCommit = listing.commits.length < limit + BASE_REACH && !listing.shallow.has(oldest?.commit ?? '');
  return everyCommit ? new Map() : null;
}

/** The valid services of the folder at a commit, or null (and a note) when it has errors. */
async function catalogAt(runner: CatalogRunner, folder: string, commit: string, notes: Diagnostic[]) {
  const run = await runner.run({ folder, revision: commit });
  // An empty or absent folder at a commit is an empty catalog, as for diff's base.
  const diagnostics = run.diagnostics.filter((d) => d.code !== 'no-services');
  if (hasErrors(diagnostics)) {
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    notes.push(warning('history-broken-commit', { file: folder, line: 1, column: 1 }, { commit, errors }));
    return null;
  }
  return (await run.analysis()).services;
}
