/**
 * Random text made of YAML's indicators, keys and values: reading never throws,
 * places every problem inside the file, and refuses every text that yaml
 * itself refuses.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import type { Diagnostic } from '../../../scripts/core/diagnostics/diagnostic.js';
import { analyzeTexts } from '../../helpers/core.js';

const pieces = [
  'technical_name',
  'description',
  'add_data',
  'for_hg',
  'a',
  'Note',
  'true',
  'yes',
  '1',
  ': ',
  ':',
  '- ',
  '? ',
  ',',
  '[',
  ']',
  '{',
  '}',
  '#',
  ' #',
  '&a',
  '*a',
  '!!str',
  '!x',
  '|',
  '>',
  "'",
  '"',
  '\\',
  '%YAML 1.2',
  '%FOO',
  '---',
  '...',
  ' ',
  '  ',
  '\t',
  '\n',
  '\n',
  '\n  ',
  '\n    ',
];
const text = fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((xs) => xs.join(''));

function inside(d: Diagnostic, source: string): boolean {
  const lines = source.split('\n');
  if (source.endsWith('\n') && lines.length > 1) lines.pop();
  const line = lines[d.line - 1];
  return line !== undefined && d.column >= 1 && d.column <= line.length + 1;
}

describe('random YAML-like text', () => {
  it('is read without throwing, located inside the file, and refused whenever yaml refuses it', () => {
    fc.assert(
      fc.property(text, (source) => {
        const { diagnostics, services } = analyzeTexts({ 'a.yaml': source });
        for (const d of diagnostics) expect(inside(d, source), `${d.line}:${d.column} ${d.code}`).toBe(true);
        const doc = parseDocument(source, { version: '1.2', uniqueKeys: true, strict: true });
        if (doc.errors.length > 0) {
          expect(diagnostics.some((d) => d.severity === 'error')).toBe(true);
          expect(services).toEqual([]);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
