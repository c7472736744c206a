/**
 * fast-check arbitraries for valid catalogs: services as plain values that the
 * tests turn into YAML files (see catalog-model.ts) and into the API they must
 * publish. Every value stays within the rules of the contract, and only just:
 * names up to 80 characters with astral and non-ASCII letters and every ASCII
 * punctuation, instance names up to 100 characters, add_data with integer-like
 * keys, empty keys, `<<` as a quoted key, nested lists and mappings.
 */
import fc from 'fast-check';
import { nameKey } from '../../scripts/core/unicode/fold.js';

/** A JSON value whose objects keep their keys in the order written. */
export type Value = null | boolean | number | string | readonly Value[] | Obj;
export interface Obj {
  readonly entries: readonly (readonly [string, Value])[];
}

export const FLAGS = ['for_hg', 'for_cc', 'for_ivr', 'for_enduser'] as const;
export type Flag = (typeof FLAGS)[number];
export const OPTIONAL_FIELDS = ['display_name', 'description', 'no_more_assignable', ...FLAGS, 'add_data'] as const;
export type Field = 'technical_name' | (typeof OPTIONAL_FIELDS)[number];

export interface ServiceSpec {
  readonly instance: string;
  readonly extension: '.yaml' | '.yml';
  readonly technical_name: string;
  readonly display_name?: string;
  readonly description?: string;
  readonly no_more_assignable?: boolean;
  readonly for_hg?: boolean;
  readonly for_cc?: boolean;
  readonly for_ivr?: boolean;
  readonly for_enduser?: boolean;
  readonly add_data?: Obj;
  /** Instance names the service had: each publishes a copy of its instance (for hosts that cannot redirect). */
  readonly previous_names?: readonly string[];
  /** The fields present, in the order the file lists them. */
  readonly order: readonly Field[];
  /** How add_data is written: block mappings or one flow mapping. */
  readonly style: 'block' | 'flow';
}

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
const RESERVED = new Set(['filters', 'index']);

// Letters of several scripts, digits, every printable ASCII sign, an astral
// character, a combining accent and a ligature. (Invisible and space-like
// characters such as a no-break space are refused in names.)
const NAME_CHARS = [
  ...'ABCXYZabcxyz0189',
  ...' !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
  ...'éßøÅЖжΩ日本',
  '\u{1F4DE}',
  '\u0301',
  '\uFB01',
];

// Words as real service names have them, which files write without quotes.
const wordsArb = fc.stringMatching(/^[A-Z][a-z]{0,9}( [A-Za-z0-9]{1,8}){0,6}$/);

/** A name: 1 to 80 code points, no leading, trailing or doubled spaces, no control characters. */
export const nameArb: fc.Arbitrary<string> = fc
  .oneof(wordsArb, fc.string({ unit: fc.constantFrom(...NAME_CHARS), minLength: 1, maxLength: 80 }))
  .map((s) => s.replace(/ {2,}/g, ' ').trim() || 'A');

/** Any text: every code point (controls, line breaks, astral), mostly ASCII, or words. */
const textArb = (maxLength: number): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: 'binary-ascii', maxLength }),
    fc.string({ unit: 'grapheme-ascii', maxLength }),
    wordsArb,
  );

const ALNUM = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'];

/** An instance name: the contract's pattern, no final dot, not reserved. */
export const instanceArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(...ALNUM),
    fc.oneof(
      { weight: 9, arbitrary: fc.string({ unit: fc.constantFrom(...ALNUM, '_', '.', '-'), maxLength: 12 }) },
      { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...ALNUM, '_', '.', '-'), maxLength: 99 }) },
    ),
  )
  .map(([first, rest]) => (first + rest).replace(/\.+$/, ''))
  .filter((name) => !RESERVED.has(name.toLowerCase()));

const KEY_SAMPLES = [
  '0',
  '1',
  '2',
  '10',
  '01',
  '-1',
  '1.5',
  'a',
  'b',
  'z',
  'A_b',
  'true',
  'null',
  '<<',
  '',
  ' ',
  'ünï',
];
const keyArb = fc
  .oneof(fc.constantFrom(...KEY_SAMPLES), fc.string({ unit: 'grapheme', maxLength: 6 }))
  .filter((k) => !FORBIDDEN.has(k));

const scalarArb: fc.Arbitrary<Value> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.maxSafeInteger(),
  // Below 2^53 so that no whole number is refused as unsafe; -0 is written as 0.
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }).map((x) => (x === 0 ? 0 : x)),
  fc.integer({ min: -1000, max: 1000 }),
  textArb(12),
);

const valueArb: fc.Arbitrary<Value> = fc.letrec<{ value: Value; obj: Obj }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true, maxDepth: 3 },
    scalarArb,
    fc.array(tie('value'), { maxLength: 4 }),
    tie('obj'),
  ),
  obj: fc
    .uniqueArray(fc.tuple(keyArb, tie('value')), { selector: ([k]) => k, maxLength: 5 })
    .map((entries) => ({ entries })),
})).value;

export const addDataArb: fc.Arbitrary<Obj> = fc
  .uniqueArray(fc.tuple(keyArb, valueArb), { selector: ([k]) => k, maxLength: 6 })
  .map((entries) => ({ entries }));

const descriptionArb = fc.oneof(textArb(60), textArb(1024));

/** One valid service; the catalog arbitrary makes names unique. */
export const serviceArb: fc.Arbitrary<ServiceSpec> = fc
  .record({
    instance: instanceArb,
    extension: fc.constantFrom('.yaml' as const, '.yml' as const),
    technical_name: nameArb,
    display_name: fc.option(nameArb, { nil: undefined }),
    description: fc.option(descriptionArb, { nil: undefined }),
    no_more_assignable: fc.option(fc.boolean(), { nil: undefined }),
    for_hg: fc.option(fc.boolean(), { nil: undefined }),
    for_cc: fc.option(fc.boolean(), { nil: undefined }),
    for_ivr: fc.option(fc.boolean(), { nil: undefined }),
    for_enduser: fc.option(fc.boolean(), { nil: undefined }),
    add_data: fc.option(addDataArb, { nil: undefined }),
    shuffle: fc.array(fc.nat(), { minLength: 9, maxLength: 9 }),
    style: fc.constantFrom('block' as const, 'flow' as const),
  })
  .map(({ shuffle, ...s }) => {
    const present: Field[] = ['technical_name', ...OPTIONAL_FIELDS.filter((f) => s[f] !== undefined)];
    const order = present
      .map((f, i) => [f, shuffle[i] ?? 0] as const)
      .sort((a, b) => a[1] - b[1])
      .map(([f]) => f);
    const spec: Record<string, unknown> = { ...s, order };
    for (const f of OPTIONAL_FIELDS) if (spec[f] === undefined) delete spec[f];
    return spec as unknown as ServiceSpec;
  });

/** A valid catalog: instance names unique ignoring case, technical names unique as the rule compares them. */
export const catalogArb = (maxLength = 12): fc.Arbitrary<ServiceSpec[]> =>
  fc.uniqueArray(serviceArb, { selector: (s) => s.instance.toLowerCase(), minLength: 1, maxLength }).map((services) => {
    const seen = new Set<string>();
    return services.filter((s) => {
      const key = nameKey(s.technical_name);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  });
