/**
 * The JSON text of the API, written by hand for speed (json.ts, and the list
 * entry and instance writers), against JSON.stringify and the plain serializer.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instanceText } from '../../../scripts/core/emit/instances.js';
import { entryText } from '../../../scripts/core/emit/list.js';
import { type Json, jsonString, serialize } from '../../../scripts/core/model/json.js';
import { serviceArbOf, serviceFieldsArb } from '../../helpers/service-arb.js';

/** A plain object keeps these keys in the order written, as a Map does; an integer-like key would move first. */
const keyArb = fc
  .string({ unit: 'binary', maxLength: 6 })
  .filter((k) => !/^(0|[1-9]\d*)$/.test(k) && k !== '__proto__');
const valueArb = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    fc.constant(null),
    fc.boolean(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.string({ unit: 'binary', maxLength: 12 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc
      .uniqueArray(fc.tuple(keyArb, tie('value')), { selector: ([k]) => k, maxLength: 4 })
      .map((e) => Object.fromEntries(e)),
  ),
})).value;

/** The same value with its objects as Maps, as the generator holds them. */
const asJson = (v: unknown): Json =>
  Array.isArray(v)
    ? v.map(asJson)
    : v !== null && typeof v === 'object'
      ? new Map(Object.entries(v).map(([k, x]) => [k, asJson(x)]))
      : (v as Json);

describe('serialize', () => {
  it('writes what JSON.stringify writes, compact and indented', () => {
    fc.assert(
      fc.property(valueArb, (value) => {
        expect(serialize(asJson(value), false)).toBe(`${JSON.stringify(value)}\n`);
        expect(serialize(asJson(value), true)).toBe(`${JSON.stringify(value, null, 2)}\n`);
      }),
      { numRuns: 300 },
    );
  });

  it('quotes every string as JSON.stringify does', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (text) => {
        expect(jsonString(text)).toBe(JSON.stringify(text));
      }),
      { numRuns: 500 },
    );
    for (const text of ['', '"', '\\', '\u0000', '\u001f', '\u007f', '\u2028', '\ud800', '\udc00x', '😀']) {
      expect(jsonString(text)).toBe(JSON.stringify(text));
    }
  });
});

const textArb = fc.string({ unit: 'binary', maxLength: 20 });
const serviceArb = serviceArbOf(
  fc.constant('x'),
  textArb,
  serviceFieldsArb(
    textArb,
    fc
      .uniqueArray(fc.tuple(fc.string({ maxLength: 4 }), valueArb), { selector: ([k]) => k, maxLength: 3 })
      .map((entries) => new Map(entries.map(([k, v]) => [k, asJson(v)]))),
  ),
);

describe('the list entry and instance writers', () => {
  it('write what serialize writes of the same keys and values', () => {
    fc.assert(
      fc.property(serviceArb, fc.boolean(), (s, pretty) => {
        const entry = new Map<string, Json>([
          ['technical_name', s.technical_name],
          ['display_name', s.display_name],
          ['description', s.description],
          ['no_more_assignable', s.no_more_assignable],
        ]);
        const instance = new Map<string, Json>([
          ...entry,
          ['for_hg', s.for_hg],
          ['for_ivr', s.for_ivr],
          ['for_cc', s.for_cc],
          ['for_enduser', s.for_enduser],
          ['add_data', s.add_data],
        ]);
        expect(instanceText(s, pretty)).toBe(serialize(instance, pretty));
        // An entry is written as an item of the list's array, two levels in.
        const list = serialize(new Map([['user_services', [entry]]]), pretty);
        expect(list).toBe(
          pretty
            ? `{\n  "user_services": [\n    ${entryText(s, true)}\n  ]\n}\n`
            : `{"user_services":[${entryText(s, false)}]}\n`,
        );
      }),
      { numRuns: 300 },
    );
  });
});
