/**
 * Small helpers of wording and bytes that several areas share (diagnostic
 * reports, diff reports, the preview server): each lives here once.
 */

/** `1 service`, `2 services`: a count and its noun (`many`: the plural when it is not `one` + s). */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/**
 * `text` in an SGR colour or style of ECMA-48 (ANSI escape codes: `1` bold,
 * `2` dim, `31` red, `32` green, `33` yellow), reset after; unchanged when `on`
 * is false (no terminal, or NO_COLOR).
 */
export const paint = (on: boolean, code: string, text: string): string =>
  on ? `\u001b[${code}m${text}\u001b[0m` : text;

/** Whether two byte arrays hold the same bytes (false when either is missing). */
export function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  if (a === b) return true;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
