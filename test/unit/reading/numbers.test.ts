/**
 * Numbers in add_data that the published JSON would not keep as written, and
 * YAML 1.1 readings of add_data values: each refused (or warned of) at its
 * place, every value that survives accepted and published as written.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { messageFor } from '../../../scripts/core/diagnostics/messages.js';
import { numberProblem } from '../../../scripts/core/reading/json-number.js';
import { analyzeTexts } from '../../helpers/core.js';

const analyzeValue = (value: string) => analyzeTexts({ 'a.yaml': `technical_name: A\nadd_data:\n  x: ${value}\n` });
const one = (value: string) =>
  analyzeValue(value).diagnostics.map((d) => `${d.line}:${d.column} ${d.code}: ${messageFor(d)}`);

describe('numbers whose written form the JSON would not keep', () => {
  it.each([
    ['0044', '44', 'JSON numbers have no leading zeros (and a YAML 1.1 reader sees the octal number 36)'],
    ['-007', '-7', 'JSON numbers have no leading zeros (and a YAML 1.1 reader sees the octal number -7)'],
    ['0089', '89', 'JSON numbers have no leading zeros'],
    ['00.5', '0.5', 'JSON numbers have no leading zeros'],
    ['0x1F', '31', 'JSON has no hexadecimal numbers'],
    ['0o17', '15', 'JSON has no octal numbers'],
    ['-0', '0', 'the JSON is written without the sign of zero'],
    ['-0.0e3', '0', 'the JSON is written without the sign of zero'],
    ['1e-400', '0', 'it is too small for a JSON number (a double, whose smallest is 5e-324)'],
    ['-2.5e-330', '0', 'it is too small for a JSON number (a double, whose smallest is 5e-324)'],
    ['3.14159265358979323846', '3.141592653589793', 'a JSON number (a double) keeps only about 17 significant digits'],
    [
      '12345678901234567890.5',
      '12345678901234567000',
      'a JSON number (a double) keeps only about 17 significant digits',
    ],
    ['0.30000000000000000001', '0.3', 'a JSON number (a double) keeps only about 17 significant digits'],
    ['4.9e-324', '5e-324', 'a JSON number (a double) keeps only about 17 significant digits'],
    [
      '9007199254740993',
      '9007199254740992',
      'a JSON number (a double) keeps whole numbers exactly only up to 2^53 (9007199254740992)',
    ],
    [
      '-9007199254740993',
      '-9007199254740992',
      'a JSON number (a double) keeps whole numbers exactly only up to 2^53 (9007199254740992)',
    ],
    [
      '123456789012345678901',
      '123456789012345680000',
      'a JSON number (a double) keeps whole numbers exactly only up to 2^53 (9007199254740992)',
    ],
    [
      '1.00000000000000000001e20',
      '100000000000000000000',
      'a JSON number (a double) keeps only about 17 significant digits',
    ],
  ])('refuses %s, which would be published as %s', (written, published, because) => {
    expect(one(written)).toEqual([
      `3:6 inexact-number: add_data.x: ${written} would be published as ${published}, because ${because}; write ${published} if that number is meant, or quote it if it is text`,
    ]);
  });

  it.each([
    ['1.5', 1.5],
    ['1.50', 1.5],
    ['+12', 12],
    ['.5', 0.5],
    ['1.', 1],
    ['1e3', 1000],
    ['2.5E-3', 0.0025],
    ['0', 0],
    ['0.0', 0],
    ['0.1', 0.1],
    ['5e-324', 5e-324],
    ['2.2250738585072014e-308', 2.2250738585072014e-308],
    ['9007199254740991', 9007199254740991],
    ['-9007199254740991', -9007199254740991],
    ['0.30000000000000004', 0.30000000000000004],
    ['1e20', 1e20],
    ['6.02e23', 6.02e23],
    ['9007199254740992', 9007199254740992],
    ['-9007199254740992', -9007199254740992],
    ['18014398509481984', 18014398509481984],
    ['100000000000000000000', 1e20],
    ['1.7976931348623157e308', 1.7976931348623157e308],
  ])('accepts %s, whose value survives', (written, value) => {
    const { diagnostics, services } = analyzeValue(written);
    expect(diagnostics).toEqual([]);
    expect(services[0]?.add_data.get('x')).toBe(value);
  });

  it.each([
    ['.inf', 'non-finite-number', '.inf is not a JSON number; write a finite number or quote it'],
    ['-.Inf', 'non-finite-number', '-.Inf is not a JSON number; write a finite number or quote it'],
    ['.nan', 'non-finite-number', '.nan is not a JSON number; write a finite number or quote it'],
    ...['1e400', '-1.8e308', `1${'0'.repeat(400)}`].map((v) => [
      v,
      'overflow',
      `${v.length > 60 ? `${v.slice(0, 60)}... (${v.length} characters, shortened)` : v} is too large for a JSON number (a double, whose largest is about 1.8e308); write a smaller number, or quote it if it is text`,
    ]),
  ])('refuses %s as %s, with its own words', (value, problem, words) => {
    const [d] = analyzeValue(value).diagnostics;
    expect(d?.args).toEqual({ path: 'add_data.x', problem, found: value });
    expect(`${d?.line}:${d?.column} ${d?.code}: ${d === undefined ? '' : messageFor(d)}`).toBe(
      `3:6 not-json: add_data.x: ${words}`,
    );
  });

  it('says in plain words that a tag made quoted text a number', () => {
    expect(
      analyzeTexts({ 'a.yaml': 'technical_name: A\nadd_data:\n  p: !!int "0044"\n' }).diagnostics.map(
        (d) => `${d.line}:${d.column} ${d.code}: ${messageFor(d)}`,
      ),
    ).toEqual([
      '3:12 inexact-number: add_data.p: the tag before the text "0044" makes it a number, which would be published as 44, because JSON numbers have no leading zeros (and a YAML 1.1 reader sees the octal number 36); remove the tag to keep the text, or write 44 if that number is meant',
    ]);
  });

  it('shortens a long number in its message, and judges it in linear time', () => {
    const digits = `1.${'0'.repeat(1_000_000)}1`;
    expect(numberProblem(digits, Number(digits))?.loss).toBe('precision');
    // A million trailing zeros: a form only, judged in one pass (a regular expression for them was quadratic).
    const zeros = `1.5${'0'.repeat(1_000_000)}`;
    expect(numberProblem(zeros, Number(zeros))).toBeNull();
    const long = `0.${'3'.repeat(300)}`;
    const [d] = analyzeValue(long).diagnostics;
    expect(d === undefined ? '' : messageFor(d)).toBe(
      `add_data.x: ${long.slice(0, 60)}... (302 characters, shortened) would be published as 0.3333333333333333, because a JSON number (a double) keeps only about 17 significant digits; write 0.3333333333333333 if that number is meant, or quote it if it is text`,
    );
  });

  it('looks into lists, nested mappings and tagged quoted numbers, and leaves quoted text alone', () => {
    const { diagnostics } = analyzeTexts({
      'a.yaml': 'technical_name: A\nadd_data:\n  l: [1, 0x10]\n  m: {n: {o: -0}}\n  t: !!int "012"\n  s: "0044"\n',
    });
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${JSON.stringify(d.args)}`)).toEqual([
      '3:10 {"path":"add_data.l[1]","found":"0x10","tagged":false,"loss":"hexadecimal","published":"16","yaml11Octal":null}',
      '4:14 {"path":"add_data.m.n.o","found":"-0","tagged":false,"loss":"negative-zero","published":"0","yaml11Octal":null}',
      '5:12 {"path":"add_data.t","found":"\\"012\\"","tagged":true,"loss":"leading-zero","published":"12","yaml11Octal":"10"}',
    ]);
  });

  it('accepts every double written as JavaScript writes it, and refuses it with a digit more than it keeps', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const written = String(x === 0 ? 0 : x);
        expect(numberProblem(written, Number(written))).toBeNull();
        const m = /^(-?)(\d)(?:\.(\d+))?(e[-+]\d+)?$/.exec(written.replace(/^(-?)(\d+)\.?(\d*)$/, '$1$2.$3'));
        if (m === null || Math.abs(x) < 1e-300) return;
        // One more significant digit that is not 0 changes the decimal value, never the double nearest.
        const longer = `${m[1]}${m[2]}.${m[3] ?? ''}${'0'.repeat(20)}1${m[4] ?? ''}`;
        expect(numberProblem(longer, Number(longer))?.loss).toBe('precision');
      }),
      { numRuns: 2000 },
    );
  });
});

const YAML11 = (found: string, kind: string, value: string) =>
  `add_data.x is the string "${found}" in YAML 1.2, but YAML 1.1 tools read ${found} as the ${kind} ${value}; write ${value} if the ${kind} is meant, or quote it if it is text`;

describe('add_data values YAML 1.1 reads otherwise', () => {
  it.each([
    ['yes', 'boolean', 'true'],
    ['Off', 'boolean', 'false'],
    ['y', 'boolean', 'true'],
    ['NO', 'boolean', 'false'],
    ['1:30', 'number', '90'],
    ['-1:30:00', 'number', '-5400'],
    ['190:20:30.15', 'number', '685230.15'],
    ['1_000', 'number', '1000'],
    ['1_000.5', 'number', '1000.5'],
    ['0b1010', 'number', '10'],
    ['-0x1F', 'number', '-31'],
    ['0_17', 'number', '15'],
  ])(
    'warns of %s, published as a string that YAML 1.1 reads as the %s %s; the service is still published',
    (found, kind, value) => {
      const { diagnostics, services } = analyzeValue(found);
      expect(diagnostics.map((d) => `${d.severity} ${d.line}:${d.column} ${d.code}: ${messageFor(d)}`)).toEqual([
        `warning 3:6 yaml11-value: ${YAML11(found, kind, value)}`,
      ]);
      expect(services[0]?.add_data.get('x')).toBe(found);
    },
  );

  it.each(['"yes"', "'1:30'", 'hello', 'yes please', 'true', '~', 'null', '12:60', '1.2.3', '_1', '0b', '0x_'])(
    'says nothing of %s',
    (value) => {
      expect(analyzeValue(value).diagnostics).toEqual([]);
    },
  );

  it('looks into lists and nested mappings, values only', () => {
    const { diagnostics } = analyzeTexts({
      'a.yaml': 'technical_name: A\nadd_data:\n  on: [ok, off]\n  deep: {yes: {t: 12:30}}\n',
    });
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${JSON.stringify(d.args)}`)).toEqual([
      '3:12 warning {"path":"add_data.on[1]","found":"off","kind":"boolean","value":"false"}',
      '4:19 warning {"path":"add_data.deep.yes.t","found":"12:30","kind":"number","value":"750"}',
    ]);
  });
});
