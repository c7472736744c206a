/**
 * What a service file may not use (directives, anchors) and the bounds on what
 * reading reports.
 */
import { describe, expect, it } from 'vitest';
import { messageFor } from '../../../scripts/core/diagnostics/messages.js';
import { analyzeTexts, brief } from '../../helpers/core.js';

/** `line:column code` of every diagnostic of one file. */
function read(text: string): string[] {
  return brief(analyzeTexts({ 'a.yaml': text }).diagnostics).map((b) => b.replace('services/a.yaml:', ''));
}

/** `line:column code: message` of every diagnostic of one file. */
function worded(text: string): string[] {
  return analyzeTexts({ 'a.yaml': text }).diagnostics.map((d) => `${d.line}:${d.column} ${d.code}: ${messageFor(d)}`);
}

describe('directives and anchors a service file does not allow', () => {
  it.each([
    ['%YAML 1.2 twice', '%YAML 1.2\n%YAML 1.2\n---\ntechnical_name: A\n', ['2:1 repeated-directive']],
    [
      '%TAG twice for one handle',
      '%TAG !e! tag:e.com,2000:\n# c\n%TAG !e! tag:f.com,2000:\n---\ntechnical_name: A\n',
      ['3:1 repeated-directive'],
    ],
    [
      'a reserved directive',
      '%FOO bar\n---\ntechnical_name: A\nfor_hg: yes\n',
      ['1:1 reserved-directive', '4:9 yaml11-boolean'],
    ],
    ['an anchor name ending in a colon', 'technical_name: &a: A\n', ['1:17 anchor-name-colon']],
    ['a directive without a document start', '%YAML 1.2\ntechnical_name: A\n', ['2:1 yaml-syntax']],
    ['a directive alone', '%YAML 1.2\n', ['1:10 yaml-syntax']],
  ])('%s', (_, text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  it('says that the feature is not allowed, not that the YAML is invalid', () => {
    expect(worded('%FOO bar\n---\ntechnical_name: A\n')).toEqual([
      '1:1 reserved-directive: the directive %FOO is not allowed in a service file (YAML ignores directives it does not know); remove it',
    ]);
    expect(worded('technical_name: &a: A\n')).toEqual([
      '1:17 anchor-name-colon: the anchor &a: ends in ":", which YAML allows but a service file does not, because it reads like a key; rename it without the colon',
    ]);
    expect(worded('%YAML 1.2\n%YAML 1.2\n---\ntechnical_name: A\n')).toEqual([
      '2:1 repeated-directive: the directive %YAML appears a second time before the document, which YAML does not allow; keep one',
    ]);
  });
});

describe('bounds on what reading reports', () => {
  it('lists 100 problems of reading a file and counts the rest', () => {
    const diagnostics = analyzeTexts({ 'a.yaml': `${'%FOO\n'.repeat(150)}---\ntechnical_name: A\n` }).diagnostics;
    expect(diagnostics).toHaveLength(101);
    expect(brief(diagnostics.slice(99))).toEqual([
      'services/a.yaml:100:1 reserved-directive',
      'services/a.yaml:101:1 more-problems',
    ]);
    expect(messageFor(diagnostics[100] as (typeof diagnostics)[0])).toBe(
      '50 more problems of reading this file are not listed; fix the ones above and check again',
    );
  });

  it.each([
    ['2,000 levels of keys after a one-space indent', `add_data:\n x: 0\n${'  k: 0\n'.repeat(2000)}c: 1\n`],
    ['262,000 open brackets', '['.repeat(262_000)],
    ['a staircase of 700 keys', `${Array.from({ length: 700 }, (_, i) => `${' '.repeat(i)}k:\n`).join('')}c: 1\n`],
    ['a staircase of 700 list items', `${Array.from({ length: 700 }, (_, i) => `${' '.repeat(i)}-\n`).join('')}c: 1\n`],
    ['130,000 dashes', '- '.repeat(130_000)],
  ])('refuses %s without exhausting the stack', (_, text) => {
    const { diagnostics } = analyzeTexts({ 'a.yaml': text });
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics.every((d) => d.severity === 'error')).toBe(true);
  });
});
