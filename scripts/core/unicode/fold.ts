/**
 * When two names are the same name to a reader: Unicode's compatibility
 * caseless match (Unicode 16.0, section 3.13, D146), which compares strings
 * after full case folding (CaseFolding.txt, statuses C and F) and compatibility
 * normalization (NFKC/NFKD, UAX #15). "Numéro" typed composed and decomposed,
 * "Straße" and "STRASSE", "Ｖｏｉｃｅ" (full-width) and "voice" are each one name.
 */
import { CASE_FOLDING } from './case-folding-table.js';

const FOLDS: ReadonlyMap<number, string> = decodeFolds(CASE_FOLDING);

function decodeFolds(table: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const token of table.split(',')) {
    const several = token.indexOf('=');
    if (several > 0) {
      const targets = token
        .slice(several + 1)
        .split(' ')
        .map((t) => Number.parseInt(t, 16));
      out.set(Number.parseInt(token.slice(0, several), 16), String.fromCodePoint(...targets));
      continue;
    }
    const [first, delta, count = '1', step = '1'] = token.split(':') as [string, string, string?, string?];
    const start = Number.parseInt(first, 16);
    for (let i = 0; i < Number(count); i++) {
      const cp = start + i * Number(step);
      out.set(cp, String.fromCodePoint(cp + Number(delta)));
    }
  }
  return out;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Full case folding (Unicode 16.0, section 3.13, toCasefold): "Straße" -> "strasse". */
export function caseFold(s: string): string {
  if (isAscii(s)) return s.toLowerCase();
  let out = '';
  for (const ch of s) out += FOLDS.get(ch.codePointAt(0) as number) ?? ch;
  return out;
}

/**
 * The key under which names compare: equal keys are a compatibility caseless
 * match, NFKD(toCasefold(NFKD(toCasefold(NFD(X))))) (D146). For ASCII that is
 * the lower-case string.
 */
export function nameKey(s: string): string {
  if (isAscii(s)) return s.toLowerCase();
  return caseFold(caseFold(s.normalize('NFD')).normalize('NFKD')).normalize('NFKD');
}

/**
 * Why two different names with the same key collide, from the closest relation:
 * `composition` (the same once composed, NFC: accents typed composed or
 * decomposed), `case` (the same ignoring case, D145 canonical caseless match),
 * `compatibility` (the same only once compatibility forms such as full-width
 * letters, ligatures or superscripts are normalized, possibly with case).
 * `identical` when they are the same string.
 */
export type Collision = 'identical' | 'composition' | 'case' | 'compatibility';

/** How two names with the same `nameKey` collide (see `Collision`). */
export function collisionOf(a: string, b: string): Collision {
  if (a === b) return 'identical';
  if (a.normalize('NFC') === b.normalize('NFC')) return 'composition';
  const canonical = (s: string) => caseFold(s.normalize('NFD')).normalize('NFD');
  return canonical(a) === canonical(b) ? 'case' : 'compatibility';
}
