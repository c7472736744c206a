/**
 * The arguments of the codes of a service's life cycle: its `deprecation`
 * mapping (dates, reason, successor), its `previous_names`, and `check
 * --as-of`'s sunset warning. Part of `DiagnosticArgs` (diagnostic.ts).
 */
import type { DateProblem } from '../model/calendar-date.js';
import type { InstanceNameProblem } from '../model/instance-name.js';

/**
 * The words `past-sunset` uses when its args name none: a service and its
 * `deprecation.sunset`, so that a user service's args are just its instance
 * and days (as in `--format json` before any other kind had a sunset).
 */
export const PAST_SUNSET_WORDS = { noun: 'service', field: 'deprecation.sunset' } as const;

export interface LifecycleArgs {
  /** A date of `deprecation` (`field`: `deprecation.since` or `deprecation.sunset`) that is not a calendar day. */
  'invalid-date': { field: string; value: string; problem: DateProblem };
  'unknown-reason': { value: string; suggestion: string | null };
  'deprecation-while-assignable': { noMoreAssignable: 'false' | 'absent' };
  'sunset-before-since': { since: string; sunset: string };
  /**
   * `previousOf`: the instance that has `name` among its previous names (ignoring case), then also the
   * suggestion; else `suggestion`: an instance name differing only in case, or close to it; null when none is.
   */
  'unknown-replacement': { name: string; suggestion: string | null; previousOf: string | null };
  'replaced-by-itself': { name: string };
  /** The successor names a service that is itself no more assignable, written in `other`. */
  'replacement-deprecated': { name: string; other: string };
  'invalid-previous-name': { name: string; problem: InstanceNameProblem | 'reserved' };
  /** An old name that is an instance name now (ignoring case), that of the file `other`. */
  'previous-name-in-use': { name: string; instance: string; other: string };
  /** An old name also claimed by `other` (at `otherLine`), ignoring case. */
  'duplicate-previous-name': { name: string; other: string; otherLine: number; otherColumn: number };
  /**
   * `check --as-of`: an object still published on or after its sunset (an error: the check was asked for it);
   * `noun`: one of its kind's objects (`DiffKind.diff.noun`), `field`: where its sunset is written
   * (`field.entry` of `AnalysisKind.sunset`), each absent when it is `PAST_SUNSET_WORDS`' (a user service's).
   */
  'past-sunset': { instance: string; sunset: string; asOf: string; noun?: string; field?: string };
  /**
   * `build`: a generated CloudFront Function (`path`, under the hosting folder) of `bytes`, over the
   * `limit` CloudFront accepts, holding the tables of `entries` previous names or deprecated instances.
   */
  'cloudfront-function-too-large': {
    path: string;
    bytes: number;
    limit: number;
    entries: number;
    kind: 'previous-names' | 'deprecations';
  };
}
