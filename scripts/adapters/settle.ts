/**
 * When what `serve --watch` read of the services folder may be trusted: how
 * long an entry must stay as it was read, and which entries look unfinished
 * and so wait longer (see `WatchedFolder.unsettled`).
 */
import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import type { InputFile } from '../core/reading/input.js';

/**
 * How long what was read must stay as it was before it is trusted, counted
 * from the start of the read. A writer that pauses in the middle of a file
 * (a slow disk, a sync tool, a script writing in pieces) has its first part
 * read once the watcher's burst settled; a pause of up to this time (plus the
 * watcher's settling time) is caught. The wait overlaps the analysis and the
 * emit, so on a large catalog it adds nothing; on a small one it is most of
 * the time from a save to the new site being served (under 0.1 s, the target
 * that `bench/run.mjs` measures, leaves no room for a longer one).
 */
export const SETTLE_MS = 50;

/**
 * How long a file that looks unfinished must have gone unmodified (by its
 * modification and change times) before it is trusted: one read empty or not
 * ending in a line break (a text file written whole ends in one; a writer
 * stopped mid-line does not), and one seen changing while it was waited for,
 * from then on for as long as the process runs. Editors write whole files, so
 * a save of a finished file still waits only `SETTLE_MS`.
 */
export const UNFINISHED_SETTLE_MS = 1000;

const nameOf = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/**
 * The names of the files read that look unfinished: empty, or not ending in a
 * line break (LF or CR; YAML 1.2.2 section 5.4), and those of `slow` (names).
 */
export function unfinishedOf(files: readonly InputFile[], slow: ReadonlySet<string>): Set<string> {
  const out = new Set(slow);
  for (const f of files) {
    if (f.kind !== 'file') continue;
    const last = f.bytes.at(-1);
    if (last !== 0x0a && last !== 0x0d) out.add(nameOf(f.path));
  }
  return out;
}

/** The latest modification or change time of the named entries, in ms since the epoch (0: none is there). */
export function lastChange(dir: string, names: ReadonlySet<string>): number {
  let latest = 0;
  for (const name of names) {
    const stat = lstatSync(join(dir, name), { throwIfNoEntry: false });
    if (stat !== undefined) latest = Math.max(latest, stat.mtimeMs, stat.ctimeMs);
  }
  return latest;
}

/** Resolves after `ms` milliseconds (at once for 0 or less). */
export const sleep = (ms: number): Promise<void> =>
  ms > 0 ? new Promise((done) => setTimeout(done, ms)) : Promise.resolve();
