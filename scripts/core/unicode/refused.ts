/**
 * The code points refused in names: characters a reader cannot see, cannot
 * tell from a plain space or sees as a blank, and code points that are not
 * characters to exchange (unassigned in the Unicode version of the tables,
 * noncharacters, private use). The set, kinds and names come from the Unicode
 * Character Database (see `refused-table.ts` and the script that generates it);
 * the schema's name patterns are generated from the same set.
 */
import { REFUSED_NAMES, REFUSED_RANGES, type RefusedKind } from './refused-table.js';

export type { RefusedKind } from './refused-table.js';

export interface RefusedCharacter {
  /** `U+XXXX`, four hex digits at least. */
  readonly codePoint: string;
  /**
   * The Unicode name (a control alias or code point label for controls), or the
   * code point label of what has none (Unicode 16.0 section 4.8):
   * `<private-use-E000>`, `<noncharacter-FFFF>`, `<reserved-0378>`.
   */
  readonly name: string;
  readonly kind: RefusedKind;
  /** Position in the string, counted in code points from 0. */
  readonly index: number;
}

const NAMES: ReadonlyMap<number, string> = new Map(
  REFUSED_NAMES.split(';').map((entry) => [
    Number.parseInt(entry.slice(0, entry.indexOf(' ')), 16),
    entry.slice(entry.indexOf(' ') + 1),
  ]),
);

/** `U+XXXX` of a code point, as the Unicode Standard writes it (Appendix A). */
export function codePointLabel(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The kind of a refused code point, or null when it is allowed. A binary search over the runs. */
export function refusedKind(cp: number): RefusedKind | null {
  let lo = 0;
  let hi = REFUSED_RANGES.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [first, last, kind] = REFUSED_RANGES[mid] as (typeof REFUSED_RANGES)[number];
    if (cp < first) hi = mid - 1;
    else if (cp > last) lo = mid + 1;
    else return kind;
  }
  return null;
}

/** The prefix of the code point label of each kind that has no names (Unicode 16.0 section 4.8, table 4-8). */
const LABELS: Partial<Record<RefusedKind, string>> = {
  'private-use': 'private-use',
  noncharacter: 'noncharacter',
  unassigned: 'reserved',
};

/**
 * The name of a refused code point: `NO-BREAK SPACE` for U+00A0, its code point
 * label for one without a name (`<private-use-E000>`, `<noncharacter-FFFF>`,
 * `<reserved-E0080>`, four to six hex digits).
 */
export function refusedName(cp: number): string {
  const named = NAMES.get(cp);
  if (named !== undefined) return named;
  return `<${LABELS[refusedKind(cp) ?? 'unassigned'] ?? 'reserved'}-${codePointLabel(cp).slice(2)}>`;
}

/** The first refused character of a string, or null when it has none. */
export function firstRefused(s: string): RefusedCharacter | null {
  let index = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    const kind = refusedKind(cp);
    if (kind !== null) return { codePoint: codePointLabel(cp), name: refusedName(cp), kind, index };
    index++;
  }
  return null;
}
