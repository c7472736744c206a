/**
 * The instance-name rule is one module (scripts/core/model/instance-name.ts):
 * the rules, the OpenAPI document (its schema, as published in the site), and
 * the messages read every fact from it. Each case below takes its values from
 * the module alone, so a change there (a longer limit, another character, a
 * new reserved name) that one of these places did not follow fails here.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { error } from '../../../scripts/core/diagnostics/diagnostic.js';
import { messageFor } from '../../../scripts/core/diagnostics/messages.js';
import { parseJson } from '../../../scripts/core/diff/parse-json.js';
import {
  classInWords,
  INSTANCE_NAME_CHARACTERS,
  INSTANCE_NAME_FIRST,
  INSTANCE_NAME_MAX_LENGTH,
  instanceNameProblem,
  RESERVED_INSTANCE_NAMES,
} from '../../../scripts/core/model/instance-name.js';
import type { Json } from '../../../scripts/core/model/json.js';
import { INSTANCE_NAME_SCHEMA, OPENAPI_PATH } from '../../../scripts/core/openapi/document.js';
import { analyzeTexts, brief } from '../../helpers/core.js';
import { pageAssets } from '../../helpers/page.js';
import { emitSite } from '../../helpers/user-services-kind.js';

const SERVICE = 'technical_name: X\n';
const longest = 'a'.repeat(INSTANCE_NAME_MAX_LENGTH);
const tooLong = `${longest}a`;
/** Every character the class allows, one of each (ranges written out). */
const allowed = INSTANCE_NAME_CHARACTERS.replace(/(.)-(.)/g, (_, a: string, b: string) =>
  String.fromCharCode(...Array.from({ length: b.charCodeAt(0) - a.charCodeAt(0) + 1 }, (_, i) => a.charCodeAt(0) + i)),
);
const first = allowed.split('').find((c) => new RegExp(`[${INSTANCE_NAME_FIRST}]`).test(c)) as string;
const notFirst = allowed.split('').find((c) => !new RegExp(`[${INSTANCE_NAME_FIRST}]`).test(c)) as string;

/** What the rules say of a service file named `<name>.yaml`: `code problem`, or nothing. */
function judged(name: string): string[] {
  const { diagnostics } = analyzeTexts({ [`${name}.yaml`]: SERVICE });
  return diagnostics.map((d) =>
    d.code === 'invalid-instance-name' ? `${d.code} ${d.args.problem}` : (brief([d])[0]?.split(' ')[1] ?? ''),
  );
}

/** The instance name's schema as the built site publishes it, in its OpenAPI document. */
function publishedSchema(): Json {
  const site = emitSite([], { pretty: false, page: pageAssets() });
  const document = parseJson(new TextDecoder().decode(site.get(OPENAPI_PATH)));
  const found: Json[] = [];
  const walk = (value: Json): void => {
    if (value instanceof Map) {
      if (value.get('name') === 'instance_name') found.push(value.get('schema') as Json);
      for (const v of value.values()) walk(v);
    } else if (Array.isArray(value)) for (const v of value) walk(v);
  };
  walk(document);
  expect(found).toHaveLength(1);
  return found[0] as Json;
}

const toPlain = (value: Json): unknown =>
  value instanceof Map
    ? Object.fromEntries([...value].map(([k, v]) => [k, toPlain(v)]))
    : Array.isArray(value)
      ? value.map(toPlain)
      : value;

describe('the instance-name rule, from its one module', () => {
  it('the rules accept the longest name and every allowed character, and refuse one character more', () => {
    expect(judged(longest)).toEqual([]);
    expect(judged(`${first}${allowed.replaceAll('.', '')}`)).toEqual([]);
    expect(judged(tooLong)).toEqual(['invalid-instance-name too-long']);
    expect(judged(`${notFirst}${first}`)).toEqual(['invalid-instance-name pattern']);
    expect(judged(`${first}.`)).toEqual(['invalid-instance-name trailing-dot']);
    expect(judged(`${first}~`)).toEqual(['invalid-instance-name pattern']);
    for (const name of RESERVED_INSTANCE_NAMES) expect(judged(name.toUpperCase())).toEqual(['reserved-instance-name']);
    // The list folder's own files: a service folder of that name would stand where the file is.
    for (const name of ['index.json', 'INDEX.JSON', 'index.json.gz', 'Index.json.br', 'index.html'])
      expect([name, judged(name)]).toEqual([name, ['reserved-instance-name']]);
    expect(judged('indexes')).toEqual([]);
  });

  it('the published OpenAPI schema is the module’s, and accepts and refuses as the rules do', () => {
    expect(toPlain(publishedSchema())).toEqual(INSTANCE_NAME_SCHEMA);
    expect(INSTANCE_NAME_SCHEMA.maxLength).toBe(INSTANCE_NAME_MAX_LENGTH);
    const valid = new Ajv2020({ strict: true }).compile(INSTANCE_NAME_SCHEMA);
    const names = [longest, tooLong, `${notFirst}${first}`, `${first}.`, `${first}~`, first, `${first}${notFirst}`];
    const byRules = names.map((n) => instanceNameProblem(n) === null);
    expect(names.map((n) => valid(n))).toEqual(byRules);
    expect(byRules).toEqual([true, false, false, false, false, true, true]);
    for (const name of RESERVED_INSTANCE_NAMES) {
      expect([name, valid(name), valid(name.toUpperCase())]).toEqual([name, false, false]);
    }
  });

  it('the messages state the limit and the characters the module holds', () => {
    const message = (problem: 'pattern' | 'too-long' | 'trailing-dot') =>
      messageFor(
        error('invalid-instance-name', { file: 'services/x.yaml', line: 1, column: 1 }, { name: 'x', problem }),
      );
    expect(message('too-long')).toContain(`at most ${INSTANCE_NAME_MAX_LENGTH} characters`);
    expect(message('pattern')).toContain(
      `it must start with ${classInWords(INSTANCE_NAME_FIRST, 'one')} and use only ${classInWords(INSTANCE_NAME_CHARACTERS)};`,
    );
  });
});

describe('classInWords', () => {
  it.each([
    ['A-Za-z0-9_.-', 'all', 'letters A-Z, digits, "_", "." and "-"'],
    ['A-Za-z0-9_.-', 'one', 'a letter, digit, "_", "." or "-"'],
    ['A-Za-z0-9', 'one', 'a letter or digit'],
    ['A-Za-z0-9', 'all', 'letters A-Z and digits'],
    ['0-9', 'all', 'digits'],
    ['a-z_', 'all', 'letters a-z and "_"'],
  ] as const)('%s (%s): %s', (characterClass, form, words) => {
    expect(classInWords(characterClass, form)).toBe(words);
  });
});
