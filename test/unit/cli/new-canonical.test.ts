/**
 * What `new` writes, and `init`'s example, is already in the canonical form
 * `fmt` writes: `fmt --check` passes on a file just made, whatever its
 * options (description, display name, flags, values YAML would misread).
 */

import { describe, expect, it } from 'vitest';
import { serviceYaml } from '../../../scripts/cli/commands/new.js';
import { EXAMPLE_FILE, scaffold } from '../../../scripts/cli/scaffold.js';
import { formatSource } from '../../../scripts/core/format-source/format.js';
import { canonicalString, layOut } from '../../../scripts/core/format-source/layout.js';
import { KINDS } from '../../../scripts/core/kinds/index.js';
import { FLAGS, type Flag } from '../../../scripts/core/model/service.js';

const SCHEMA = '../schema/user-service.schema.json';
const HOME = { schema: SCHEMA, fields: '../README.md#fields', check: 'npm run check' };
const SCHEMA_LINE = `# yaml-language-server: $schema=${SCHEMA}`;
const encode = (text: string) => new TextEncoder().encode(text);

/** Every subset of the flags, in their order. */
const FLAG_SETS: Flag[][] = Array.from({ length: 16 }, (_, bits) => FLAGS.filter((_, i) => bits & (1 << i)));

/** Texts a value may be: plain, ones YAML reads as another type or as syntax, quotes, escapes, long, Unicode. */
const TEXTS = [
  'Call Park',
  '',
  'yes',
  'true',
  'null',
  '~',
  '123',
  '1.50',
  '0x1F',
  '2025-03-01',
  'a: b',
  'a #b',
  '#a',
  '- a',
  '[a]',
  '{a}',
  '*a',
  '&a b',
  '!a',
  '|',
  '>',
  '%a',
  '@a',
  '`a',
  '?',
  "it's",
  '"quoted"',
  'back\\slash',
  'Line one\nline "two"',
  'tab\there',
  ' leading',
  'trailing ',
  'Überweisung 📞',
  'ﬁ ligature',
  `${'long '.repeat(40)}end`,
];

describe("new's file is in fmt's canonical form", () => {
  it.each(TEXTS)('with the description %j, as display name too, and every set of flags', (text) => {
    for (const flags of FLAG_SETS) {
      const file = serviceYaml(
        {
          instance: 'call-park',
          technicalName: 'Call Park',
          displayName: text || 'Call Park',
          description: text,
          flags,
        },
        HOME,
      );
      expect(layOut(file, SCHEMA_LINE)).toBe(file);
    }
  });

  // The names a technical name may be: 1-80 characters, no space at either end, no control character.
  it.each(TEXTS.filter((t) => t.trim() === t && t !== '' && t.length <= 80 && !/[\t\n]/.test(t)))(
    'with the technical name %j: fmt formats it as it is, with no problem',
    (name) => {
      const file = serviceYaml(
        { instance: 'a', technicalName: name, displayName: name, description: '', flags: [] },
        HOME,
      );
      expect(formatSource('services/a.yaml', 'services', encode(file), SCHEMA_LINE, KINDS)).toEqual({
        kind: 'formatted',
        text: file,
      });
    },
  );

  it("writes init's example in that form", () => {
    const example = scaffold().get(EXAMPLE_FILE) as string;
    expect(formatSource(`${EXAMPLE_FILE}`, 'services', encode(example), SCHEMA_LINE, KINDS)).toEqual({
      kind: 'formatted',
      text: example,
    });
  });

  it('ends with the closing comments after a blank line, as fmt writes a comment after the last field', () => {
    const file = serviceYaml({ instance: 'a', technicalName: 'A', displayName: 'A', description: '', flags: [] }, HOME);
    expect(file.split('\n').slice(-5)).toEqual([
      'add_data: {}',
      '',
      '# Renaming this file changes its URL: list the old names and their URLs redirect here.',
      '# previous_names: [old-name]',
      '',
    ]);
  });
});

describe('canonicalString', () => {
  it('writes plain what YAML reads back as the same text, double-quoted with escapes anything else', () => {
    // NEL and LS are printable in YAML 1.2 and kept as they are inside quotes; plain, YAML 1.1 breaks the line there.
    expect(
      [
        'Call Park',
        'yes',
        'true',
        '123',
        'a: b',
        "it's",
        'tab\there',
        'a\nb',
        'del\u007f',
        'nel\u0085',
        'ls\u2028',
        '',
      ].map(canonicalString),
    ).toEqual([
      'Call Park',
      'yes',
      '"true"',
      '"123"',
      '"a: b"',
      "it's",
      '"tab\\there"',
      '"a\\nb"',
      '"del\\x7f"',
      '"nel\u0085"',
      '"ls\u2028"',
      '""',
    ]);
  });
});
