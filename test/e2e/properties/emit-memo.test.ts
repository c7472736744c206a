/**
 * A long-lived emit memo (scripts/app/emit-memo.ts) keeps each service's
 * encoded pieces from one `emitSite` call to the next. Whatever was kept, a
 * site must be the bytes of an emit from scratch: a new memo, and fresh copies
 * of the same services, which nothing kept could match anyway.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeptEmitMemo } from '../../../scripts/app/emit-memo.js';
import type { EmitOptions } from '../../../scripts/core/emit/step.js';
import { userServicesIdentity } from '../../../scripts/core/kinds/user-services/identity.js';
import type { Json } from '../../../scripts/core/model/json.js';
import type { Service } from '../../../scripts/core/model/service.js';
import { filterPath, instancePath, listPath } from '../../../scripts/core/model/site.js';
import { pageAssets, service } from '../../helpers/page.js';
import { serviceArbOf, serviceFieldsArb } from '../../helpers/service-arb.js';
import { siteEntries } from '../../helpers/site.js';
import { emitSite } from '../../helpers/user-services-kind.js';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 60);

/** Texts with what escaping and encoding care about: quotes, markup, controls, non-ASCII, astral, a lone surrogate. */
const textArb = fc.string({
  unit: fc.constantFrom(
    'a',
    'Z',
    '0',
    ' ',
    'é',
    '✓',
    '–',
    '日',
    '😀',
    '"',
    "'",
    '\\',
    '<',
    '>',
    '&',
    '/',
    '\n',
    '\u0001',
    '\u2028',
    '\ud800',
  ),
  maxLength: 14,
});
const addDataArb = fc.constantFrom<ReadonlyMap<string, Json>>(
  new Map(),
  new Map<string, Json>([
    ['b', 1],
    ['2', [true, null, 1.5, 'x"y']],
    ['a', new Map<string, Json>([['z', new Map()]])],
  ]),
);
const fieldsArb = serviceFieldsArb(textArb, addDataArb);
const serviceArb = serviceArbOf(
  fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,8}$/),
  textArb.map((name) => `T${name}`),
  fieldsArb,
);
const catalogArb = fc.uniqueArray(serviceArb, { selector: (s) => s.instance.toLowerCase(), maxLength: 12 });

/** What a later call gets: one service changed, added or removed, the others the same objects. */
const editArb = fc.tuple(
  fc.nat(),
  fc.oneof(
    fieldsArb.map((fields) => ({ kind: 'change' as const, fields })),
    serviceArb.map((added) => ({ kind: 'add' as const, added })),
    fc.constant({ kind: 'remove' as const }),
  ),
);

type Edit = typeof editArb extends fc.Arbitrary<infer T> ? T : never;

function edited(services: readonly Service[], [at, edit]: Edit): Service[] {
  const out = [...services];
  const i = services.length === 0 ? 0 : at % services.length;
  const old = services[i];
  if (edit.kind === 'add') {
    if (!services.some((s) => s.instance.toLowerCase() === edit.added.instance.toLowerCase())) {
      out.splice(i, 0, edit.added);
    }
  } else if (old !== undefined) {
    if (edit.kind === 'change') out[i] = { ...old, ...edit.fields };
    else out.splice(i, 1);
  }
  return out;
}

/** A site's entries in order, with their exact bytes as text (see helpers/site.ts). */
const bytesOf = siteEntries;

const optionsOf = (pretty: boolean): EmitOptions => ({ pretty, page: pageAssets() });

/** The site an emit from nothing gives: a new memo, and copies of the services, which nothing kept could match. */
function fromScratch(services: readonly Service[], pretty: boolean): [string, string][] {
  return bytesOf(
    emitSite(
      services.map((s) => ({ ...s })),
      optionsOf(pretty),
      new KeptEmitMemo(),
    ),
  );
}

/**
 * Emits each of the calls in turn, each with what the calls before kept, and
 * expects each to be the bytes of an emit from nothing (computed first).
 */
function expectSameAsFromScratch(calls: readonly (readonly [readonly Service[], boolean])[]): void {
  const expected = calls.map(([services, pretty]) => fromScratch(services, pretty));
  const memo = new KeptEmitMemo();
  calls.forEach(([services, pretty], i) => {
    expect(bytesOf(emitSite(services, optionsOf(pretty), memo))).toEqual(expected[i]);
  });
}

describe('a site emitted again', () => {
  for (const pretty of [false, true]) {
    it(`is the bytes of an emit from scratch after a service changed, came or went (${pretty ? 'pretty' : 'compact'})`, () => {
      fc.assert(
        fc.property(catalogArb, editArb, editArb, (services, first, second) => {
          const once = edited(services, first);
          const twice = edited(once, second);
          // Back to the first services at the end: their kept pieces then lie in files of later calls.
          expectSameAsFromScratch([
            [services, pretty],
            [once, pretty],
            [twice, pretty],
            [services, pretty],
          ]);
        }),
        { numRuns: RUNS },
      );
    });
  }

  it('is the bytes of an emit from scratch when the same array was changed in place', () => {
    fc.assert(
      fc.property(catalogArb, editArb, (services, edit) => {
        const next = edited(services, edit);
        const expected = fromScratch(next, false);
        const memo = new KeptEmitMemo();
        const array = [...services];
        emitSite(array, optionsOf(false), memo);
        array.splice(0, array.length, ...next);
        expect(bytesOf(emitSite(array, optionsOf(false), memo))).toEqual(expected);
      }),
      { numRuns: RUNS },
    );
  });

  it('is the bytes of an emit from scratch when compact and pretty calls, and two catalogs, alternate', () => {
    fc.assert(
      fc.property(catalogArb, catalogArb, (a, b) => {
        // Two catalogs sharing objects, as two analyses of nearly the same files may.
        const fresh = b.filter((s) => !a.some((t) => t.instance.toLowerCase() === s.instance.toLowerCase()));
        const shared = [...a, ...fresh];
        expectSameAsFromScratch([
          [a, false],
          [shared, true],
          [a, true],
          [shared, false],
          [a, false],
        ]);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('what an emit after one change reuses', () => {
  const catalog = [
    service({ instance: 'a', technical_name: 'A', for_hg: true }),
    service({ instance: 'b', technical_name: 'B', for_cc: true }),
    service({ instance: 'c', technical_name: 'C', for_hg: true, for_cc: true }),
  ];

  it('keeps the instance files and the filters the changed service is in neither before nor after', () => {
    const changed = [catalog[0], { ...(catalog[1] as Service), description: 'New' }, catalog[2]] as Service[];
    const expected = fromScratch(changed, false);
    const memo = new KeptEmitMemo();
    const before = emitSite(catalog, optionsOf(false), memo);
    const after = emitSite(changed, optionsOf(false), memo);
    expect(bytesOf(after)).toEqual(expected);
    // Same objects, not only equal bytes: nothing was rendered or joined again.
    expect(after.get(instancePath(userServicesIdentity, 'a'))).toBe(
      before.get(instancePath(userServicesIdentity, 'a')),
    );
    expect(after.get(filterPath(userServicesIdentity, ['for_hg']))).toBe(
      before.get(filterPath(userServicesIdentity, ['for_hg'])),
    );
    // What holds the changed service is new.
    expect(after.get(instancePath(userServicesIdentity, 'b'))).not.toBe(
      before.get(instancePath(userServicesIdentity, 'b')),
    );
    expect(after.get(filterPath(userServicesIdentity, ['for_cc']))).not.toEqual(
      before.get(filterPath(userServicesIdentity, ['for_cc'])),
    );
    expect(after.get(listPath(userServicesIdentity))).not.toEqual(before.get(listPath(userServicesIdentity)));
  });
});
