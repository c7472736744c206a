/**
 * `check --as-of DATE`: which objects are still published although the
 * sunset of their deprecation (RFC 8594) is on or before that day, for every
 * kind that has a sunset (`AnalysisKind.sunset`; user services'
 * `deprecation.sunset`). The day is given, never read from the clock, so the
 * same input and day give the same answer; without it there is none. Asked
 * for, an object past its sunset is an error: the day its clients were told it
 * goes has come (a scheduled workflow runs it with the day's date and fails).
 */

import type { Analysis } from '../analysis/analyze.js';
import type { AnalyzedKind } from '../analysis/kind.js';
import { type Diagnostic, error } from '../diagnostics/diagnostic.js';
import { PAST_SUNSET_WORDS } from '../diagnostics/lifecycle-args.js';

/** What `pastSunset` needs of a kind: its name, its sunset's place and the noun of one of its objects. */
export type SunsetKind = Pick<AnalyzedKind, 'name' | 'sunset'> & { readonly diff: { readonly noun: string } };

/**
 * A `past-sunset` error, at the sunset's value in its file, for every valid
 * object of every kind in `analysis.sunsetPlaces` whose sunset is on or before
 * `asOf` (both `YYYY-MM-DD`, compared as days): kind by kind, each in the
 * order of its files, worded by its kind (among `kinds`, the analysis's): its
 * noun and its sunset's field path (`deprecation.sunset`). Throws an `Error`
 * when a kind with sunsets is not among `kinds`.
 */
export function pastSunset(
  analysis: Pick<Analysis, 'sunsetPlaces'>,
  asOf: string,
  kinds: readonly SunsetKind[],
): Diagnostic[] {
  return [...analysis.sunsetPlaces].flatMap(([name, places]) => {
    const words = sunsetWords(kinds, name);
    return [...places].flatMap(([instance, { day, at }]) =>
      day > asOf ? [] : [error('past-sunset', at, { instance, sunset: day, asOf, ...words })],
    );
  });
}

/** The kind's words for `past-sunset`'s args, each left out when it is the message's own (`PAST_SUNSET_WORDS`). */
function sunsetWords(kinds: readonly SunsetKind[], name: string): { noun?: string; field?: string } {
  const kind = kinds.find((k) => k.name === name);
  if (kind?.sunset === undefined) throw new Error(`no kind ${name} with a sunset among the kinds given`);
  const noun = kind.diff.noun;
  const field = `${kind.sunset.field}.${kind.sunset.entry}`;
  return {
    ...(noun === PAST_SUNSET_WORDS.noun ? {} : { noun }),
    ...(field === PAST_SUNSET_WORDS.field ? {} : { field }),
  };
}
