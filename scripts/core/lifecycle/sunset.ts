/**
 * `check --as-of DATE`: which services are still published although the
 * sunset of their deprecation (RFC 8594) is on or before that day. The day is
 * given, never read from the clock, so the same input and day give the same
 * answer; without it there is none. Asked for, a service past its sunset is an
 * error: the day its clients were told it goes has come (a scheduled workflow
 * runs it with the day's date and fails).
 */
import { type Diagnostic, error } from '../diagnostics/diagnostic.js';
import type { Service } from '../model/service.js';

/**
 * A `past-sunset` error, at the `sunset` value of its file, for every
 * service whose sunset is on or before `asOf` (both `YYYY-MM-DD`, compared as
 * days), in the order of `services`.
 */
export function pastSunset(services: readonly Service[], asOf: string): Diagnostic[] {
  return services.flatMap((s) => {
    const d = s.deprecation;
    if (d?.sunset == null || d.sunsetAt === null || d.sunset > asOf) return [];
    return [error('past-sunset', d.sunsetAt, { instance: s.instance, sunset: d.sunset, asOf })];
  });
}
