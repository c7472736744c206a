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
import { type Diagnostic, error } from '../diagnostics/diagnostic.js';

/**
 * A `past-sunset` error, at the sunset's value in its file, for every valid
 * object of every kind in `analysis.sunsetPlaces` whose sunset is on or before
 * `asOf` (both `YYYY-MM-DD`, compared as days): kind by kind, each in the
 * order of its files.
 */
export function pastSunset(analysis: Pick<Analysis, 'sunsetPlaces'>, asOf: string): Diagnostic[] {
  return [...analysis.sunsetPlaces.values()].flatMap((places) =>
    [...places].flatMap(([instance, { day, at }]) =>
      day > asOf ? [] : [error('past-sunset', at, { instance, sunset: day, asOf })],
    ),
  );
}
