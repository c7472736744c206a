/**
 * What must hold for any catalog an operator may keep, whatever its services:
 * `check` and `build` pass, every file is valid against the JSON Schema of a
 * service file, and the published list, filters and instances are exactly what
 * the model of catalog-model.ts computes from the same files read by the yaml
 * library alone. No count, no name, no naming convention: adding, removing or
 * editing a valid service keeps every one of these true.
 */
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Code } from '../../scripts/core/diagnostics/diagnostic.js';
import { KINDS } from '../../scripts/core/kinds/index.js';
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
 * published value). Not allowed either, though it changes nothing published:
 * `unknown-service-name`, since clients would not find a service whose
 * technical name BroadWorks does not have. A warning code not listed here
 * fails until it is judged.
 */
export const HARMLESS_WARNINGS: ReadonlyMap<Code, string> = new Map<Code, string>([
  [
    'not-a-service-file',
    'an entry that is not a service file (a README, a backup) is not read; nothing published changes',
  ],
  ['yaml11-value', 'a plain add_data value is published as the text it is in YAML 1.2, as written'],
  ['platform-known-name', '_platform.yaml declares a name BroadWorks has already; nothing published changes'],
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

export interface Outcome {
  readonly status: number | null;
  /** The diagnostics that fail the catalog, as `file:line:col: severity code: message`. */
  readonly failing: readonly string[];
  readonly errors: number;
  /** The count of services the command read. */
  readonly services: number;
}

/** Runs `check` or `build` (JSON output, no cache) in `work`, whose `services/` is the catalog. */
export function runOn(work: string, command: 'check' | 'build'): Outcome {
  const run = runCli([command, '--format', 'json', '--no-cache'], { cwd: work });
  const report = JSON.parse(run.stdout) as Report;
  return {
    status: run.status,
    failing: failing(report),
    errors: report.summary.errors,
    services: report.summary.services,
  };
}

const SCHEMA = JSON.parse(readFileSync(join(ROOT, 'schema/user-service.schema.json'), 'utf8'));

/** The files of `<work>/services` that the JSON Schema refuses, read by yaml and Ajv alone: `name: path message`. */
export function invalidFiles(work: string): string[] {
  const validate = new Ajv2020({ strict: true, allErrors: true }).compile(SCHEMA);
  return serviceFileNames(join(work, 'services')).flatMap((name) => {
    const value = parse(readFileSync(join(work, 'services', name), 'utf8'));
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => `${name}: ${e.instancePath || '/'} ${e.message}`);
  });
}

/**
 * Where the API published in `<work>/dist` differs from the model of
 * `<work>/services`: files missing, files the model does not know, and files
 * whose text differs (both texts given), by path.
 */
export function differencesFromModel(work: string): string[] {
  const expected = expectedSite(readSpecs(join(work, 'services')));
  const published = apiFilesOf(readTree(join(work, 'dist')));
  const paths = [...new Set([...expected.keys(), ...published.keys()])].sort();
  return paths.flatMap((path) => {
    const [want, got] = [expected.get(path), published.get(path)];
    if (got === undefined) return [`${path}: missing`];
    if (want === undefined) return [`${path}: not in the model`];
    return want === got ? [] : [`${path}: published ${got.trimEnd()}, the model says ${want.trimEnd()}`];
  });
}

/**
 * Registers the tests of a catalog folder, run on a copy of it in a temporary
 * folder (so that nothing is written beside the original): `source` is called
 * when the tests start.
 */
export function itHoldsForAnyCatalog(source: () => string): void {
  let work: string;
  let count: number;

  beforeAll(() => {
    work = tempDir('user-services-any-catalog-');
    cpSync(source(), join(work, 'services'), { recursive: true });
    // Every kind's files count as read: the services folder's own and those of each kind's sub-folder.
    count = KINDS.reduce((n, kind) => {
      const folder = join(work, 'services', kind.folder);
      return n + (existsSync(folder) ? serviceFileNames(folder).length : 0);
    }, 0);
  });

  it('is checked with exit 0, no error, and no warning but those that change nothing published', () => {
    expect(runOn(work, 'check')).toEqual({ status: 0, failing: [], errors: 0, services: count });
  });

  it('builds with exit 0 and no error, reading every service file', () => {
    expect(runOn(work, 'build')).toEqual({ status: 0, failing: [], errors: 0, services: count });
  });

  it('holds only files that are valid against the JSON Schema of a service file, read by yaml and Ajv alone', () => {
    expect(invalidFiles(work)).toEqual([]);
  });

  it('publishes the list, each filter and each instance exactly as the model of its files says', () => {
    // A build of its own (with nothing to do after the one above), so that this test stands alone.
    expect(runCli(['build', '--no-cache'], { cwd: work }).status).toBe(0);
    expect(differencesFromModel(work)).toEqual([]);
  });
}
