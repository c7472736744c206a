/**
 * Text that YAML takes away from a value, or puts elsewhere, without an
 * error: an anchor no alias uses, a field of the service indented under
 * add_data, and a key written twice, whose last value is the one used.
 */
import { describe, expect, it } from 'vitest';
import { messageFor } from '../../../scripts/core/diagnostics/messages.js';
import { analyzeTexts } from '../../helpers/core.js';

const lines = (text: string) =>
  analyzeTexts({ 'a.yaml': text }).diagnostics.map(
    (d) => `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${messageFor(d)}`,
  );

const ANCHOR_ON_TEXT = (name: string) =>
  `the value starts with "&${name}", which YAML reads as an anchor (a name that aliases use to repeat the value), so "${name}" is not part of the text and no alias uses it; if the & belongs to the text, put the whole value in quotes`;

describe('an anchor that no alias uses', () => {
  it('warns at the & of a text that lost its first word, and still publishes the service', () => {
    const result = analyzeTexts({ 'a.yaml': 'technical_name: A\ndescription: &word of mouth\n' });
    expect(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${messageFor(d)}`)).toEqual([
      `2:14 warning ${ANCHOR_ON_TEXT('word')}`,
    ]);
    expect(result.services[0]?.description).toBe('of mouth');
  });

  it.each([
    ['display_name: &Fast Voicemail', '2:15', ANCHOR_ON_TEXT('Fast')],
    ['add_data:\n  note: &urgent call back', '3:9', ANCHOR_ON_TEXT('urgent')],
    ['add_data:\n  list: [a, &b c]', '3:13', ANCHOR_ON_TEXT('b')],
    ['add_data: &data\n  k: 1', '2:11', 'the anchor &data is used by no alias; remove it'],
    ['description: &q "quoted"', '2:14', 'the anchor &q is used by no alias; remove it'],
    ['add_data:\n  n: &n 12', '3:6', 'the anchor &n is used by no alias; remove it'],
  ])('warns of %j', (line, at, words) => {
    expect(lines(`technical_name: A\n${line}\n`)).toEqual([`services/a.yaml:${at}: warning unused-anchor: ${words}`]);
  });

  it('says nothing of anchors that an alias uses, and nothing more after an unknown alias', () => {
    expect(lines('technical_name: &t A\ndisplay_name: *t\nadd_data:\n  a: &x [1]\n  b: *x\n')).toEqual([]);
    expect(lines('technical_name: A\ndisplay_name: *later\ndescription: &later B\n')).toEqual([
      'services/a.yaml:2:15: error unknown-alias: the alias *later refers to no anchor defined before it: a value starting with * is an alias in YAML; if the * belongs to the text, put the whole value in quotes',
    ]);
  });
});

const FIELD = (field: string, column: number) =>
  `"${field}" is a field of the service, but it is indented under add_data (column ${column}), so it is published as a key of add_data and the service does not get it; move it to column 1 if it is the service's field, or quote the key if it belongs to add_data`;

describe('a field of the service indented under add_data', () => {
  it('warns at the key, and publishes what YAML read', () => {
    const result = analyzeTexts({ 'a.yaml': 'technical_name: A\nadd_data:\n  x: 1\n  for_hg: true\n' });
    expect(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}: ${messageFor(d)}`)).toEqual([
      `4:3 field-in-add-data: ${FIELD('for_hg', 3)}`,
    ]);
    expect(result.services[0]?.for_hg).toBe(false);
    expect(result.services[0]?.add_data.get('for_hg')).toBe(true);
  });

  it.each(['technical_name', 'display_name', 'description', 'no_more_assignable', 'for_enduser', 'add_data'])(
    'warns of %s',
    (field) => {
      expect(lines(`technical_name: A\nadd_data:\n    ${field}: x\n`)).toEqual([
        `services/a.yaml:3:5: warning field-in-add-data: ${FIELD(field, 5)}`,
      ]);
    },
  );

  it('says nothing of a quoted key, a deeper one, or another name', () => {
    expect(lines('technical_name: A\nadd_data:\n  "for_hg": 1\n  n: {for_cc: 1}\n  for_hgx: 1\n')).toEqual([]);
  });
});

describe('a key written twice', () => {
  it('is refused, and the rules judge and locate the value that would be used: the last', () => {
    expect(lines('technical_name: A\nfor_cc: true\nfor_cc: yes\ndescripton: x\nfor_hg: yes\n')).toEqual([
      'services/a.yaml:3:1: error duplicate-key: the key "for_cc" appears more than once in this mapping; keep one',
      'services/a.yaml:3:9: error yaml11-boolean: for_cc is the string "yes": YAML 1.2 reads yes as text, not as a boolean; write true',
      'services/a.yaml:4:1: error unknown-field: unknown field "descripton"; did you mean "description"?',
      'services/a.yaml:5:9: error yaml11-boolean: for_hg is the string "yes": YAML 1.2 reads yes as text, not as a boolean; write true',
    ]);
  });

  it('locates a schema problem of the last value, not of the first', () => {
    expect(lines(`technical_name: A\ndisplay_name: ok\ndisplay_name: ${'x'.repeat(81)}\n`).slice(1)).toEqual([
      'services/a.yaml:3:15: error too-long: display_name has 81 characters, more than the limit of 80',
    ]);
    expect(lines('technical_name: A\nadd_data:\n  k: 1\n  k: 0x1F\n').slice(1)).toEqual([
      'services/a.yaml:4:6: error inexact-number: add_data.k: 0x1F would be published as 31, because JSON has no hexadecimal numbers; write 31 if that number is meant, or quote it if it is text',
    ]);
  });
});
