/**
 * The published order, by technical name in code-point order, is the same
 * whatever earlier order the sort starts from.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareCodePoints } from '../../../scripts/core/diagnostics/diagnostic.js';
import type { Service } from '../../../scripts/core/model/service.js';
import { sortByName } from '../../../scripts/core/model/service-order.js';
import { service } from '../../helpers/page.js';

// Few letters, so that names share prefixes and tie; a surrogate pair and U+FFFD, which UTF-16 order gets wrong.
const name = fc
  .array(fc.constantFrom('a', 'B', 'b', '\u{1F600}', '\uFFFD', ' '), { maxLength: 4 })
  .map((cs) => cs.join(''));
const services = fc
  .array(name, { maxLength: 40 })
  .map((names) => names.map((n, i) => service({ instance: `s${i}`, technical_name: n })));
const byName = (a: Service, b: Service) => compareCodePoints(a.technical_name, b.technical_name);

describe('sortByName', () => {
  it('gives the stable sort of the list, whatever earlier list it starts from', () => {
    fc.assert(
      fc.property(services, services, fc.array(fc.nat()), (list, others, picks) => {
        // An earlier list: some of these services in any order, some that are gone, some twice.
        const earlier = [...picks.map((p) => list[p % Math.max(1, list.length)]), ...others].filter(
          (s): s is Service => s !== undefined,
        );
        const sorted = sortByName(list, earlier);
        const expected = [...list].sort(byName);
        expect(sorted).toHaveLength(expected.length);
        expect(sorted.every((s, i) => s === expected[i])).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('puts a name after one it extends, and a surrogate pair after U+FFFD', () => {
    const list = ['ab', '\u{1F600}', 'a', '\uFFFD', 'B'].map((n, i) =>
      service({ instance: `s${i}`, technical_name: n }),
    );
    expect(sortByName(list, [...list].reverse()).map((s) => s.technical_name)).toEqual([
      'B',
      'a',
      'ab',
      '\uFFFD',
      '\u{1F600}',
    ]);
  });

  it('keeps a service listed twice twice', () => {
    const [x, y] = ['x', 'y'].map((n) => service({ instance: n, technical_name: n })) as [Service, Service];
    expect(sortByName([y, x, y], [x, y])).toEqual([x, y, y]);
  });
});
