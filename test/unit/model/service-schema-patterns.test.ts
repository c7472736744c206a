/**
 * The published patterns stay within the regular expressions JSON Schema
 * recommends for interoperability (2020-12 Core, "Regular Expressions"): no
 * `\p{...}`, no lookaround, no `\u{...}`, no escapes at all (each character is
 * itself). They accept exactly what the lookahead patterns they replace
 * accepted: compared on tables and generated strings, astral characters,
 * line breaks and lone surrogates included.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { DATE_PATTERN, dateProblem } from '../../../scripts/core/model/calendar-date.js';
import { serviceSchema } from '../../../scripts/core/model/service-schema.js';
import { INSTANCE_NAME_SCHEMA } from '../../../scripts/core/openapi/document.js';
import { refusedKind } from '../../../scripts/core/unicode/refused.js';
import { REFUSED_RANGES } from '../../../scripts/core/unicode/refused-table.js';
import { corpus } from '../../helpers/pattern-corpus.js';

const ajv = new Ajv2020({ strict: true, allErrors: true });
const nameValidator: (value: unknown) => boolean = ajv.compile({ $defs: serviceSchema.$defs, $ref: '#/$defs/name' });
const instanceValidator: (value: unknown) => boolean = ajv.compile(INSTANCE_NAME_SCHEMA);

const u = (cp: number) => `\\u{${cp.toString(16)}}`;
const refusedClass = REFUSED_RANGES.map(([a, b]) => `${u(a)}-${u(b)}`).join('');
// The name pattern as it was written with lookaheads, over today's refused set.
const LOOKAHEAD_NAME = new RegExp(`^(?! )(?!.* $)(?!.*  )[^${refusedClass}]*$`, 'u');
// The instance name pattern of the OpenAPI document before, verbatim, but for names starting `index.`
// (the list folder's own files), refused since.
const LOOKAHEAD_INSTANCE =
  /^(?![Ii][Nn][Dd][Ee][Xx][.])(?!(?:[Ff][Ii][Ll][Tt][Ee][Rr][Ss]|[Ii][Nn][Dd][Ee][Xx])$)[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,98}[A-Za-z0-9_-])?$/u;
// The name pattern of the service schema before, verbatim: what it refused, this refuses too.
const FORMER_NAME = /^(?! )(?!.* $)(?!.* {2})[^\p{Cc}\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]*$/u;

const codePoints = (s: string) => [...s].length;
const STRINGS = corpus(20_000);

/** Every pattern (the `pattern` keyword) anywhere in a schema. */
function patternsOf(schema: unknown): string[] {
  if (schema === null || typeof schema !== 'object') return [];
  return Object.entries(schema).flatMap(([k, v]) => (k === 'pattern' && typeof v === 'string' ? [v] : patternsOf(v)));
}

describe('name patterns', () => {
  it('accept exactly what the lookahead pattern accepted, with its lengths', () => {
    const differ = STRINGS.filter((s) => {
      const before = LOOKAHEAD_NAME.test(s) && codePoints(s) >= 1 && codePoints(s) <= 80;
      return nameValidator(s) !== before;
    });
    expect(differ).toEqual([]);
    // Most random code points are unassigned or private use, so most random strings are refused.
    expect(STRINGS.filter((s) => nameValidator(s)).length).toBeGreaterThan(500);
  });

  it('refuse what the former pattern refused, and beyond it only characters of the refused set', () => {
    for (const s of STRINGS.filter((x) => nameValidator(x))) expect([s, FORMER_NAME.test(s)]).toEqual([s, true]);
    const newly = STRINGS.filter(
      (s) => !nameValidator(s) && FORMER_NAME.test(s) && codePoints(s) >= 1 && codePoints(s) <= 80,
    );
    expect(newly.length).toBeGreaterThan(100);
    for (const s of newly) {
      const stripped = s.replace(new RegExp(`[${refusedClass}]`, 'gu'), 'x');
      expect([s, nameValidator(stripped)]).toEqual([s, true]);
    }
  });

  it('refuse values that are not strings, as the type does', () => {
    for (const v of [null, 1, true, [], {}]) expect(nameValidator(v)).toBe(false);
  });
});

describe('the refused classes of the name schema', () => {
  const anyOf = serviceSchema.$defs.name.not.anyOf as { pattern: string }[];
  const classes = anyOf.slice(0, 2).map((c) => new RegExp(`^${c.pattern}$`, 'u'));

  it('refuse together exactly the refused set of the core, code point by code point', () => {
    const wrong: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      if (classes.some((c) => c.test(ch)) !== (refusedKind(cp) !== null)) wrong.push(cp.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it.each([
    ['\u2800', [true, false]],
    ['Null \u{1D159} Head', [true, false]],
    ['\ue000', [false, true]],
    ['x\u{F0000}', [false, true]],
    ['\ufdd0', [false, true]],
    ['ab\uffff', [false, true]],
    ['\u{10FFFE}', [false, true]],
    ['\u0378', [false, true]],
    // Unassigned and default-ignorable: in both, as the classes are drawn with the fewest ranges.
    ['x\u{E0080}', [true, true]],
  ])('refuse %j (invisible class, not-a-character class: %j)', (value, inClasses) => {
    expect(classes.map((c) => new RegExp(c.source.slice(1, -1), 'u').test(value))).toEqual(inClasses);
    expect(nameValidator(value)).toBe(false);
    expect(nameValidator(value.replace(/[^ a-zN-x]/gu, 'x'))).toBe(true);
  });

  it('stay small: ranges merged, under 2,000 code points in all', () => {
    expect(anyOf.slice(0, 2).map((c) => [...c.pattern].length)).toEqual([65, 1694]);
  });
});

describe('instance name schema', () => {
  it('accepts exactly what the lookahead pattern accepted', () => {
    const differ = STRINGS.filter((s) => instanceValidator(s) !== LOOKAHEAD_INSTANCE.test(s));
    expect(differ).toEqual([]);
    expect(STRINGS.filter((s) => instanceValidator(s)).length).toBeGreaterThan(1000);
  });
});

describe('every published pattern', () => {
  const patterns = [...patternsOf(serviceSchema), ...patternsOf(INSTANCE_NAME_SCHEMA)];

  it('keeps to the interoperable subset: literal characters, classes, anchors, groups, alternation', () => {
    expect(patterns.length).toBe(16);
    for (const p of patterns) {
      expect([p, /\\/.test(p)]).toEqual([p, false]); // no escape of any kind: \p, \u, \d ...
      expect([p, /\(\?/.test(p)]).toEqual([p, false]); // no lookaround or other (?...) group
      expect([p, /[{}]/.test(p)]).toEqual([p, false]);
    }
  });
});

describe('the service schema in step with the model', () => {
  it('states the instance-name rule of the OpenAPI document for previous_names and replaced_by', () => {
    const { description, ...rule } = serviceSchema.$defs.instance_name;
    expect(rule).toEqual(INSTANCE_NAME_SCHEMA);
    expect(description).toBe('An instance name: the last segment of a service URL.');
  });

  it('states the calendar dates of calendar-date.ts', () => {
    expect(serviceSchema.$defs.date.pattern).toBe(DATE_PATTERN);
  });

  it('accepts as dates exactly the days dateProblem accepts, leap years included', () => {
    const date = new RegExp(DATE_PATTERN, 'u');
    const two = (n: number) => String(n).padStart(2, '0');
    const wrong: string[] = [];
    let real = 0;
    for (const year of [0, 4, 100, 400, 1600, 1700, 1900, 1999, 2000, 2023, 2024, 2100, 2400, 9996, 9999]) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          const text = `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}`;
          if (dateProblem(text) === null) real++;
          if (date.test(text) !== (dateProblem(text) === null)) wrong.push(text);
        }
      }
    }
    expect(wrong).toEqual([]);
    // 365 days a year, and 29 February in 0000, 0004, 0400, 1600, 2000, 2024, 2400 and 9996.
    expect(real).toBe(15 * 365 + 8);
    for (const text of ['2024-1-01', '24-01-01', '2024/01/01', '2024-01-01T00:00', ' 2024-01-01', '２０２４-01-01']) {
      expect([text, date.test(text), dateProblem(text)]).toEqual([text, false, 'format']);
    }
  });
});
