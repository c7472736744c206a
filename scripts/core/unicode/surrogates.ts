/**
 * Lone surrogates: UTF-16 code units U+D800-U+DFFF not in a high-low pair. They
 * are no Unicode character (Unicode 16.0, D76: not Unicode scalar values), so
 * UTF-8 cannot encode them, strict JSON readers refuse a document holding one
 * (RFC 8259, section 8.2) and Python cannot write it out. Valid UTF-8 never
 * decodes to one; in YAML only an escape makes one: `"\ud83d"` alone, or
 * `"\U0000DE00"`.
 */
import { codePointLabel } from './refused.js';

const isHigh = (u: number) => u >= 0xd800 && u <= 0xdbff;
const isLow = (u: number) => u >= 0xdc00 && u <= 0xdfff;

/** `U+D83D` for the first lone surrogate of a string, or null when it has none. */
export function firstLoneSurrogate(s: string): string | null {
  for (let i = 0; i < s.length; i++) {
    const u = s.charCodeAt(i);
    if (isHigh(u) && isLow(s.charCodeAt(i + 1))) i++;
    else if (isHigh(u) || isLow(u)) return codePointLabel(u);
  }
  return null;
}

// `\uXXXX` or `\UXXXXXXXX` naming a surrogate, as YAML double-quoted scalars write them (YAML 1.2,
// 5.7); any other escape is matched too, so that the `\u` of an escaped backslash (`\\u`) is skipped.
const ESCAPE = /\\(?:(?:u|U0000)([dD][89a-fA-F][0-9a-fA-F]{2})|.)/g;

/**
 * The offset, in a double-quoted scalar's source, of the first escape that
 * makes a lone surrogate: one whose other half does not follow (or precede)
 * at once as another escape. Null when none does (the scalar's start is then
 * the best place to point at).
 */
export function loneSurrogateEscape(source: string): number | null {
  const escapes = [...source.matchAll(ESCAPE)]
    .filter((m) => m[1] !== undefined)
    .map((m) => ({ at: m.index, end: m.index + m[0].length, unit: Number.parseInt(m[1] as string, 16) }));
  for (const [i, e] of escapes.entries()) {
    const next = escapes[i + 1];
    const previous = escapes[i - 1];
    const pairedAfter = isHigh(e.unit) && next !== undefined && next.at === e.end && isLow(next.unit);
    const pairedBefore = isLow(e.unit) && previous !== undefined && previous.end === e.at && isHigh(previous.unit);
    if (!pairedAfter && !pairedBefore) return e.at;
  }
  return null;
}
