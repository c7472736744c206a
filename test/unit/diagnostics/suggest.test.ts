import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closest } from '../../../scripts/core/diagnostics/suggest.js';
import { BROADWORKS_SERVICE_NAMES } from '../../../scripts/core/model/broadworks-names.js';

/** The suggestion as first written: the full distance to every name, the first nearest within the bound. */
function reference(name: string, known: readonly string[]): string | null {
  const norm = (s: string) => s.toLowerCase().replace(/[\s-]+/g, '_');
  const osa = (a: string, b: string): number => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]) as number[][];
    for (let j = 0; j <= b.length; j++) (d[0] as number[])[j] = j;
    for (let i = 1; i <= a.length; i++) {
      for (let j = 1; j <= b.length; j++) {
        const row = d[i] as number[];
        const up = d[i - 1] as number[];
        row[j] = Math.min(
          (up[j] as number) + 1,
          (row[j - 1] as number) + 1,
          (up[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
        );
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
        }
      }
    }
    return (d[a.length] as number[])[b.length] as number;
  };
  const target = norm(name);
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of known) {
    const dist = osa(target, norm(c));
    if (dist < bestDistance) [best, bestDistance] = [c, dist];
  }
  return bestDistance <= (target.length <= 4 ? 1 : 2) ? best : null;
}

describe('closest', () => {
  it('finds a typo, a swap, a missing letter and case among the BroadWorks names', () => {
    expect(closest('Call Forwarding Alwyas', BROADWORKS_SERVICE_NAMES)).toBe('Call Forwarding Always');
    expect(closest('Call Forwardin Busy', BROADWORKS_SERVICE_NAMES)).toBe('Call Forwarding Busy');
    expect(closest('call-forwarding-busy', BROADWORKS_SERVICE_NAMES)).toBe('Call Forwarding Busy');
    expect(closest('Voicemail Deluxe', BROADWORKS_SERVICE_NAMES)).toBeNull();
    expect(closest('5H', BROADWORKS_SERVICE_NAMES)).toBe('5G');
    expect(closest('display_nmae', ['technical_name', 'display_name'])).toBe('display_name');
    expect(closest('', ['a', 'bc'])).toBe('a');
    expect(closest('x', [])).toBeNull();
  });

  it('prefers the closest name, and the first of equally close ones', () => {
    expect(closest('abcdef', ['abcxyf', 'abcdxf', 'abcdey'])).toBe('abcdxf');
    expect(closest('abcd', ['abce', 'abcf'])).toBe('abce');
  });

  it('answers as the full comparison with every name does, on generated names', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', '-', 'A'), maxLength: 9 });
    fc.assert(
      fc.property(word, fc.array(word, { maxLength: 8 }), (name, known) => {
        expect(closest(name, known)).toBe(reference(name, known));
      }),
      { numRuns: 2000 },
    );
  });
});
