/**
 * `check --as-of DATE`: which services are still published although the
 * sunset of their deprecation (RFC 8594) is on or before that day. The day is
 * given, never read from the clock, so the same input and day give the same
 * warnings; without it there are none.
 */
import { type Diagnostic, warning } from '../diagnostics/diagnostic.js';
import type { Service } from '../model/service.js';

/**
 * A `past-sunset` warning, at the `sunset` value of its file, for every
 * service whose sunset is on or before `asOf` (both `YYYY-MM-DD`, compared as
 * days), in the order of `services`.
 */
export function pastSunset(services: readonly Service[], asOf: string): Diagnostic[] {
  return services.flatMap((s) => {
    const d = s.deprecation;
    if (d?.sunset == null || d.sunsetAt === null || d.sunset > asOf) return [];
    return [warning('past-sunset', d.sunsetAt, { instance: s.instance, sunset: d.sunset, asOf })];
  });
}
