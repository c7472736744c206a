/**
 * `check --as-of DATE`: which services are still published although the
 * sunset of their deprecation (RFC 8594) is on or before that day. The day is
 * given, never read from the clock, so the same input and day give the same
 * answer; without it there is none. Asked for, a service past its sunset is an
 * error: the day its clients were told it goes has come (a scheduled workflow
 * runs it with the day's date and fails).
 */

import type { Analysis } from '../analysis/analyze.js';
import { type Diagnostic, error } from '../diagnostics/diagnostic.js';
import type { Service } from '../model/service.js';

/**
 * A `past-sunset` error, at the `sunset` value of its file (the analysis's
 * `sunsetPlaces`), for every valid service whose sunset is on or before
 * `asOf` (both `YYYY-MM-DD`, compared as days), in the order of the services.
 */
export function pastSunset(
  analysis: { readonly services: readonly Service[] } & Pick<Analysis, 'sunsetPlaces'>,
  asOf: string,
): Diagnostic[] {
  return analysis.services.flatMap((s) => {
    const sunset = s.deprecation?.sunset;
    const at = analysis.sunsetPlaces.get(s.instance);
    if (sunset == null || at === undefined || sunset > asOf) return [];
    return [error('past-sunset', at, { instance: s.instance, sunset, asOf })];
  });
}
