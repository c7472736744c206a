/**
 * Breaking changes to one valid service file, each with the diagnostic it must
 * cause and where: a YAML 1.1 boolean, an unknown field, a number for a name,
 * a repeated key, a forbidden key, a null description, a tab as indentation.
 */
import fc from 'fast-check';
import { type Field, FLAGS, type ServiceSpec } from './arbitraries.js';
import { writeService } from './catalog-model.js';

export interface Broken {
  readonly text: string;
  readonly line: number;
  readonly column: number;
  readonly code: string;
}

export interface Mutation {
  readonly name: string;
  apply(spec: ServiceSpec): Broken;
}

/** The file without `field`, then `added` lines at its end; the first added line's number. */
function appended(spec: ServiceSpec, field: Field | null, added: string[]): { text: string; line: number } {
  const without = field === null ? spec : { ...spec, order: spec.order.filter((f) => f !== field) };
  const text = writeService(without).text;
  return { text: text + added.map((l) => `${l}\n`).join(''), line: text.split('\n').length };
}

const yaml11 = fc
  .record({
    field: fc.constantFrom(...FLAGS, 'no_more_assignable' as const),
    word: fc.constantFrom('yes', 'no', 'on', 'off', 'y', 'n', 'Yes', 'NO', 'On', 'OFF'),
  })
  .map(
    ({ field, word }): Mutation => ({
      name: `${field}: ${word}`,
      apply: (spec) => ({
        ...appended(spec, field, [`${field}: ${word}`]),
        column: field.length + 3,
        code: 'yaml11-boolean',
      }),
    }),
  );

const unknownField = fc.stringMatching(/^x_[a-z0-9_]{1,10}$/).map(
  (field): Mutation => ({
    name: `unknown ${field}`,
    apply: (spec) => ({ ...appended(spec, null, [`${field}: 1`]), column: 1, code: 'unknown-field' }),
  }),
);

const numberForName = fc.constantFrom('42', '0755', '1.5', '1e3', '.inf').map(
  (number): Mutation => ({
    name: `technical_name: ${number}`,
    apply: (spec) => ({
      ...appended(spec, 'technical_name', [`technical_name: ${number}`]),
      column: 'technical_name: '.length + 1,
      code: 'wrong-type',
    }),
  }),
);

const repeatedKey = fc.constantFrom('technical_name', '"technical_name"', "'technical_name'").map(
  (key): Mutation => ({
    name: `repeated ${key}`,
    apply: (spec) => ({ ...appended(spec, null, [`${key}: Again`]), column: 1, code: 'duplicate-key' }),
  }),
);

const forbiddenKey = fc.constantFrom('__proto__', 'constructor', 'prototype').map(
  (key): Mutation => ({
    name: `forbidden ${key}`,
    apply: (spec) => ({ ...appended(spec, null, [`${key}: {for_hg: true}`]), column: 1, code: 'forbidden-key' }),
  }),
);

const nullDescription = fc.constantFrom('~', 'null', 'Null', '').map(
  (word): Mutation => ({
    name: `description: ${word}`,
    apply: (spec) => ({
      ...appended(spec, 'description', [`description:${word === '' ? '' : ` ${word}`}`]),
      column: 'description:'.length + (word === '' ? 1 : 2),
      code: 'wrong-type',
    }),
  }),
);

const tabIndent: fc.Arbitrary<Mutation> = fc.constant({
  name: 'tab as indentation',
  apply: (spec) => {
    const { text, line } = appended(spec, 'add_data', ['add_data:', '\tkey: value']);
    return { text, line: line + 1, column: 1, code: 'tab-indentation' };
  },
});

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  yaml11,
  unknownField,
  numberForName,
  repeatedKey,
  forbiddenKey,
  nullDescription,
  tabIndent,
);
