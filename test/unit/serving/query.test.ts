/**
 * The one grammar of the list's query flags: the checks every host runs, in
 * their order, and the preview server's reading of the same strings.
 */
import { describe, expect, it } from 'vitest';
import { FLAGS } from '../../../scripts/core/model/service.js';
import { failedCheck, parseQueryFlags } from '../../../scripts/core/serving/query.js';
import { USER_SERVICES_LIST } from '../../helpers/user-services-kind.js';

describe('the query grammar', () => {
  it.each([
    ['', undefined],
    ['&&', undefined],
    ['for_hg=true', undefined],
    ['for_hg=1&for_cc=0&for_ivr=false&for_enduser=true', undefined],
    ['for_cc=1&&for_hg=0&', undefined],
    ['%', 'invalid-query'],
    ['for_hg=%74rue', 'invalid-query'],
    ['FOR_HG=true', 'unknown-filter'],
    ['For_hg=1', 'unknown-filter'],
    ['for_hg=true&x', 'unknown-filter'],
    ['=1', 'unknown-filter'],
    ['for_hgx=1', 'unknown-filter'],
    ['for_hg', 'invalid-filter-value'],
    ['for_hg=', 'invalid-filter-value'],
    ['for_hg=TRUE', 'invalid-filter-value'],
    ['for_hg=true=1', 'invalid-filter-value'],
    ['for_hg=1&for_hg=1', 'invalid-query'],
    ['for_enduser=0&for_hg=1&for_cc=1&for_enduser=1', 'invalid-query'],
  ])('%j is refused with %s (undefined: accepted)', (query, code) => {
    expect(failedCheck(query, USER_SERVICES_LIST.grammar)?.code).toBe(code);
    const parsed = parseQueryFlags(query, USER_SERVICES_LIST.grammar);
    expect(parsed instanceof Set ? undefined : parsed.code).toBe(code);
  });

  it('reads the flags that are true or 1, and only those', () => {
    expect(parseQueryFlags('for_hg=1&for_cc=0&for_ivr=false&for_enduser=true', USER_SERVICES_LIST.grammar)).toEqual(
      new Set(['for_hg', 'for_enduser']),
    );
  });

  it('writes each check as a regular expression nginx (PCRE), Caddy (RE2) and JavaScript all read alike', () => {
    for (const { pattern } of USER_SERVICES_LIST.grammar.checks) {
      // No lookaround, no back-reference, no named group, no escape sequence but a literal one.
      expect([pattern, /\(\?[=!<]|\\[0-9a-zA-Z]|\\$/.test(pattern)]).toEqual([pattern, false]);
      expect(pattern).not.toMatch(/["'{}]/);
    }
    expect(USER_SERVICES_LIST.grammar.checks.map((c) => c.code)).toEqual([
      'invalid-query',
      'unknown-filter',
      'invalid-filter-value',
      'invalid-query',
    ]);
    expect(USER_SERVICES_LIST.grammar.checks[3]?.pattern.split('|')).toHaveLength(1 + FLAGS.length);
  });
});
