/**
 * The warnings the test of any catalog lets pass (`HARMLESS_WARNINGS` in
 * test/helpers/any-catalog.ts) are warnings of the README's "Diagnostic
 * codes" table, and the README's Development section names exactly them, so
 * that adding one to the list cannot leave the README behind.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HARMLESS_WARNINGS } from '../../helpers/any-catalog.js';
import { ROOT } from '../../helpers/cli.js';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The codes the README names in "Warnings do not fail it when they change nothing published (...)". */
function readmeHarmless(): string[] {
  const text = README.replace(/\s+/g, ' ');
  const start = text.indexOf('Warnings do not fail it when they change nothing published (');
  expect(start).toBeGreaterThan(0);
  const list = text.slice(start, text.indexOf(')', start));
  return [...list.matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1] as string);
}

/** The README's row of `code` in the "Diagnostic codes" table. */
const rowOf = (code: string) =>
  README.split('\n').find((line) => line.startsWith('| ') && line.includes(`\`${code}\``));

describe('the harmless warnings', () => {
  it('are the ones the README names, in the same order', () => {
    expect(readmeHarmless()).toEqual([...HARMLESS_WARNINGS.keys()]);
    expect(readmeHarmless().length).toBeGreaterThan(0);
  });

  it('are warnings, each with its reason', () => {
    for (const [code, reason] of HARMLESS_WARNINGS) {
      expect([code, rowOf(code)?.split('|')[1]?.includes('(warning')]).toEqual([code, true]);
      expect(reason.length).toBeGreaterThan(20);
    }
  });
});
