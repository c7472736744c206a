/**
 * The tool and the service schema agree on every value of `deprecation` and
 * `previous_names`: what the schema refuses is a located error, worded for
 * what was written (a list in brackets, null as written, a tagged date).
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { messageFor } from '../../../scripts/core/diagnostics/messages.js';
import { serviceSchema } from '../../../scripts/core/model/service-schema.js';
import { analyzeTexts } from '../../helpers/core.js';

const lines = (ds: readonly Parameters<typeof messageFor>[0][]) =>
  ds.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code}: ${messageFor(d)}`);

const deprecated = (body: string) =>
  `technical_name: Old\nno_more_assignable: true\ndeprecation:\n  since: 2025-03-01\n${body}`;
const NEW = 'technical_name: New\n';
const validate = new Ajv2020({ strict: false }).compile(serviceSchema);

describe('a deprecation field that is not text', () => {
  it.each([
    [
      '[replaced]',
      'a list; text in brackets ([ ]) is a list; write the text without the brackets, or put it in quotes if it starts with "["',
    ],
    ['{a: 1}', 'a mapping'],
    ['true', 'the boolean true; put it in quotes to make it a string'],
    ['5', 'the number 5; put it in quotes to make it a string'],
    ['null', 'null'],
    ['~', 'null (written ~)'],
    ['NULL', 'null (written NULL)'],
  ])('refuses reason: %s at its value, as the schema does, and publishes nothing', (value, found) => {
    const text = deprecated(`  reason: ${value}\n`);
    const { diagnostics, services } = analyzeTexts({ 'old.yaml': text });
    expect(lines(diagnostics)).toEqual([
      `services/old.yaml:5:11 error wrong-type: deprecation.reason must be a string, but found ${found}`,
    ]);
    expect(services).toEqual([]);
    expect(validate(parse(text))).toBe(false);
  });

  it.each([
    ['note', 'null', 9, 'null'],
    ['sunset', 'null', 11, 'null'],
    ['replaced_by', '~', 16, 'null (written ~)'],
    ['replaced_by', '[new]', 16, 'a list; text in brackets'],
    ['note', '12', 9, 'the number 12; put it in quotes'],
  ])('refuses %s: %s at its value', (field, value, column, found) => {
    const text = deprecated(`  ${field}: ${value}\n`);
    const { diagnostics } = analyzeTexts({ 'old.yaml': text, 'new.yaml': NEW });
    expect(lines(diagnostics).map((l) => l.slice(0, l.indexOf(found) + found.length))).toEqual([
      `services/old.yaml:5:${column} error wrong-type: deprecation.${field} must be a string, but found ${found}`,
    ]);
    expect(validate(parse(text))).toBe(false);
  });

  it('says a dash line is a list item only where one is written', () => {
    const { diagnostics } = analyzeTexts({
      'a.yaml': 'technical_name: A\nprevious_names: [cw, [x]]\n',
      'b.yaml': 'technical_name: B\ndescription:\n  - text\n',
      'c.yaml': 'technical_name: C\ndescription: [a, b]\n',
    });
    expect(lines(diagnostics)).toEqual([
      'services/a.yaml:2:22 error wrong-type: previous_names.1 must be a string, but found a list; text in brackets ([ ]) is a list; write the text without the brackets, or put it in quotes if it starts with "["',
      'services/b.yaml:3:3 error wrong-type: description must be a string, but found a list; a line starting with "- " is a list item; write the text on the key\'s line, or put it in quotes if it starts with "- "',
      'services/c.yaml:2:14 error wrong-type: description must be a string, but found a list; text in brackets ([ ]) is a list; write the text without the brackets, or put it in quotes if it starts with "["',
    ]);
  });

  it('judges a tagged date by what was written, not by a JavaScript date', () => {
    const { diagnostics } = analyzeTexts({
      'old.yaml': deprecated('  sunset: !!timestamp 2025-3-1\n').replace(
        'since: 2025-03-01',
        'since: !!timestamp 2025-03-01',
      ),
    });
    expect(lines(diagnostics)).toEqual([
      'services/old.yaml:4:10 error unknown-tag: the tag !!timestamp is not allowed; write a plain value without a tag',
      'services/old.yaml:5:11 error unknown-tag: the tag !!timestamp is not allowed; write a plain value without a tag',
      'services/old.yaml:5:23 error invalid-date: deprecation.sunset is "2025-3-1", not a date written YYYY-MM-DD; write it like 2025-06-30',
    ]);
  });
});

describe('replaced_by naming a previous name', () => {
  it('says whose previous name it is and names that service', () => {
    const { diagnostics } = analyzeTexts({
      'old.yaml': deprecated('  replaced_by: CW\n'),
      'call-waiting.yaml': 'technical_name: Call Waiting\nprevious_names: [cw]\n',
    });
    expect(lines(diagnostics)).toEqual([
      'services/old.yaml:5:16 error unknown-replacement: deprecation.replaced_by names "CW", a previous name of "call-waiting", not an instance name: its old URL only redirects; name the service by its instance name now: replaced_by: call-waiting',
    ]);
  });

  it('is the service itself when the previous name is its own', () => {
    const { diagnostics } = analyzeTexts({
      'old.yaml': `${deprecated('  replaced_by: was-old\n')}previous_names: [was-old]\n`,
    });
    expect(lines(diagnostics)).toEqual([
      'services/old.yaml:5:16 error replaced-by-itself: deprecation.replaced_by names "was-old", this service itself; name the service that replaces it, or remove replaced_by',
    ]);
  });
});
