/**
 * How each change of a published field is classified (scripts/core/diff/classify.ts),
 * and how the published JSON is read back for the comparison
 * (scripts/core/diff/parse-json.ts).
 */
import { describe, expect, it } from 'vitest';
import { classifyField } from '../../../scripts/core/diff/classify.js';
import { parseJson } from '../../../scripts/core/diff/parse-json.js';
import { worstClass } from '../../../scripts/core/diff/types.js';
import { userServices } from '../../../scripts/core/kinds/user-services/index.js';
import { serialize } from '../../../scripts/core/model/json.js';

describe('classification rules', () => {
  it.each([
    ['technical_name', 'A', 'B', 'breaking'],
    ['for_hg', true, false, 'breaking'],
    ['for_enduser', false, true, 'additive'],
    ['no_more_assignable', false, true, 'deprecation'],
    ['no_more_assignable', true, false, 'undeprecation'],
    ['display_name', 'A', 'B', 'cosmetic'],
    ['a_field_no_rule_knows', 1, 2, 'cosmetic'],
  ])('%s %j -> %j is %s', (field, before, after, expected) => {
    expect(classifyField(userServices, field, before, after)).toBe(expected);
  });

  it('orders classes from the most disruptive', () => {
    expect(worstClass(['cosmetic', 'deprecation', 'additive'])).toBe('deprecation');
    expect(worstClass(['undeprecation', 'planned-removal'])).toBe('planned-removal');
    expect(worstClass([])).toBe(null);
  });
});

describe('parseJson', () => {
  it('keeps the key order of objects, integer-like keys included', () => {
    const value = parseJson(' {"b": [1, -2.5e3, true, null, {}], "2": "x\\n\\u00e9", "a": {"c": []}} \n');
    expect(value).toEqual(
      new Map<string, unknown>([
        ['b', [1, -2500, true, null, new Map()]],
        ['2', 'x\né'],
        ['a', new Map([['c', []]])],
      ]),
    );
    expect(serialize(value, false)).toBe('{"b":[1,-2500,true,null,{}],"2":"x\\né","a":{"c":[]}}\n');
  });

  it.each(['', '{', '{"a" 1}', '{"a":1,}', '[1 2]', '{"a":1} x', '{a:1}', ':', 'tru'])('refuses %j', (text) => {
    expect(() => parseJson(text)).toThrow(/^not JSON at offset \d+$/);
  });
});
