/**
 * What must hold for any catalog an operator may keep, whatever its services:
 * `check` and `build` pass, every file is valid against the JSON Schema of a
 * service file, and the published list, filters and instances are exactly what
 * the model of catalog-model.ts computes from the same files read by the yaml
 * library alone. No count, no name, no naming convention: adding, removing or
 * editing a valid service keeps every one of these true.
 */
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Code } from '../../scripts/core/diagnostic.js';
import { apiFilesOf, readSpecs, serviceFileNames } from './catalog-files.js';
import { expectedSite } from './catalog-model.js';
import { ROOT, runCli } from './cli.js';
import { readTree, tempDir } from './fs.js';

/**
 * The warnings a catalog may have and still pass. Each marks a file that is
 * published exactly as YAML 1.2 reads it (the model below agrees), and the
 * pull request's `check --format github` step shows it on its line; none
 * makes a published value differ from what the file shows. Not allowed,
 * because it does: `comment-in-text` (the text after ` #` is cut from the
 * published value). A warning code not listed here fails until it is judged.
 */
export const HARMLESS_WARNINGS: ReadonlyMap<Code, string> = new Map<Code, string>([
  [
    'not-a-service-file',
    'an entry that is not a service file (a README, a backup) is not read; nothing published changes',
  ],
  ['yaml11-value', 'a plain add_data value is published as the text it is in YAML 1.2, as written'],
]);

interface Reported {
  readonly code: Code;
  readonly severity: 'error' | 'warning';
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

interface Report {
  readonly diagnostics: readonly Reported[];
  readonly summary: { readonly services: number; readonly errors: number };
}

/** The diagnostics that fail a catalog, as text lines: every error, and every warning not known harmless. */
const failing = (report: Report): string[] =>
  report.diagnostics
    .filter((d) => d.severity === 'error' || !HARMLESS_WARNINGS.has(d.code))
    .map((d) => `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message}`);

const SCHEMA = JSON.parse(readFileSync(join(ROOT, 'schema/user-service.schema.json'), 'utf8'));

/**
 * Registers the tests of a catalog folder, run on a copy of it in a temporary
 * folder (so that nothing is written beside the original): `source` is called
 * when the tests start.
 */
export function itHoldsForAnyCatalog(source: () => string): void {
  let work: string;
  let names: string[];

  beforeAll(() => {
    work = tempDir('user-services-any-catalog-');
    cpSync(source(), join(work, 'services'), { recursive: true });
    names = serviceFileNames(join(work, 'services'));
  });

  it('is checked with exit 0, no error, and no warning but those that change nothing published', () => {
    const run = runCli(['check', '--format', 'json', '--no-cache'], { cwd: work });
    const report = JSON.parse(run.stdout) as Report;
    expect(failing(report)).toEqual([]);
    expect([run.status, report.summary.errors, report.summary.services]).toEqual([0, 0, names.length]);
  });

  it('builds with exit 0 and no error, reading every service file', () => {
    const run = runCli(['build', '--format', 'json', '--no-cache'], { cwd: work });
    const report = JSON.parse(run.stdout) as Report;
    expect(failing(report)).toEqual([]);
    expect([run.status, report.summary.errors, report.summary.services]).toEqual([0, 0, names.length]);
  });

  it('holds only files that are valid against the JSON Schema of a service file, read by yaml and Ajv alone', () => {
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(SCHEMA);
    const invalid = names.flatMap((name) => {
      const value = parse(readFileSync(join(work, 'services', name), 'utf8'));
      return validate(value) ? [] : [`${name}: ${JSON.stringify(validate.errors)}`];
    });
    expect(invalid).toEqual([]);
  });

  it('publishes the list, each filter and each instance exactly as the model of its files says', () => {
    // A build of its own (with nothing to do after the one above), so that this test stands alone.
    const built = runCli(['build', '--no-cache'], { cwd: work });
    expect(built.status).toBe(0);
    const expected = expectedSite(readSpecs(join(work, 'services')));
    const published = apiFilesOf(readTree(join(work, 'dist')));
    expect([...published.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [path, text] of expected) expect({ path, text: published.get(path) }).toEqual({ path, text });
  });
}
