// C0 and C1 controls, DEL, and the bidirectional controls that reorder what a terminal shows.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

/**
 * Text from the input (a file name, a key) made safe to print: a control
 * character could forge a second diagnostic line, move the cursor or clear the
 * screen, so each is shown as a `\uXXXX` escape instead.
 */
export function visible(s: string): string {
  return s.replace(INVISIBLE, (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`);
}
