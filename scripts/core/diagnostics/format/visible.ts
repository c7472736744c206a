import { REFUSED_RANGES } from '../../unicode/refused-table.js';

const esc = (cp: number) => `\\u{${cp.toString(16)}}`;

// What names may not hold (controls, bidirectional controls, format characters, spaces other than U+0020,
// default-ignorable code points; see unicode/refused.ts), and lone surrogates, which no terminal can show.
const INVISIBLE = new RegExp(
  `[${REFUSED_RANGES.map(([a, b]) => `${esc(a)}-${esc(b)}`).join('')}]|[\\u{d800}-\\u{dfff}]`,
  'gu',
);

/**
 * Text from the input (a file name, a key, a name) made safe and plain to
 * print: a control character could forge a second diagnostic line, move the
 * cursor or clear the screen, and an invisible one would hide why two names
 * differ, so each is shown as a `\uXXXX` escape instead (`\u{XXXXX}` beyond
 * U+FFFF). U+0020 stays a space.
 */
export function visible(s: string): string {
  return s.replace(INVISIBLE, (c) => {
    const cp = c.codePointAt(0) ?? 0;
    const hex = cp.toString(16).toUpperCase();
    return cp > 0xffff ? `\\u{${hex}}` : `\\u${hex.padStart(4, '0')}`;
  });
}
