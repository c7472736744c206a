/**
 * Calendar dates as service files write them: `YYYY-MM-DD`, a day of the
 * proleptic Gregorian calendar (ISO 8601-1:2019, 5.2.2.1 "calendar date,
 * complete representation, extended format"; RFC 3339's `full-date`), years
 * 0000 to 9999. The service schema states the same set as a pattern
 * (`DATE_PATTERN`, in `$defs.date`), which a test compares with `dateProblem`
 * on every day of several centuries, so editors and the rule agree.
 */

/**
 * The calendar dates as a regular expression of the kind JSON Schema
 * recommends (classes, groups, alternation; no lookahead, no escapes, no
 * counted repetition):
 * 29 February only in leap years (divisible by 4, centuries only by 400).
 */
export const DATE_PATTERN = ((y: string, d: string) =>
  `^(${y}${y}${y}${y}-((0[13578]|1[02])-(0[1-9]|[12]${d}|3[01])|(0[469]|11)-(0[1-9]|[12]${d}|30)|02-(0[1-9]|1${d}|2[0-8]))|` +
  `(${y}${y}(0[48]|[2468][048]|[13579][26])|(0[048]|[2468][048]|[13579][26])00)-02-29)$`)('[0-9]', '[0-9]');

const SHAPE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

/** What is wrong with a date: not written `YYYY-MM-DD` (`format`), or no such day (`calendar`); null when nothing. */
export type DateProblem = 'format' | 'calendar';

const isLeap = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** The problem of `text` as a calendar date (see the module's comment), or null for a real day. */
export function dateProblem(text: string): DateProblem | null {
  const m = SHAPE.exec(text);
  if (m === null) return 'format';
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return 'calendar';
  const last = month === 2 && isLeap(year) ? 29 : (DAYS[month - 1] as number);
  return day > last ? 'calendar' : null;
}

/** Midnight UTC of a valid date, in seconds since 1970-01-01T00:00:00Z (negative before it). */
export function unixSeconds(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const ms = new Date(0).setUTCFullYear(year, month - 1, day);
  return Math.floor(ms / 1000);
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/**
 * Midnight UTC of a valid date as an HTTP-date (RFC 9110 section 5.6.7,
 * IMF-fixdate): `Sun, 01 Jun 2025 00:00:00 GMT`. Years before 1000 are
 * written with four digits, as the grammar requires.
 */
export function httpDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const at = new Date(unixSeconds(date) * 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${WEEKDAYS[at.getUTCDay()]}, ${two(day)} ${MONTHS[month - 1]} ${String(year).padStart(4, '0')} 00:00:00 GMT`;
}
