/**
 * The adversarial corpus: every case is a folder holding `services/`, the exact
 * diagnostics expected (`expected.json`) and, for cases that must build, the
 * exact bytes of some instance files (`instances/<instance>.json`). Most cases
 * are committed under `test/fixtures/bad/`; the ones git cannot hold or that
 * would be huge are written by `generateCases` (see bad-generated.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../fixtures/bad', import.meta.url));

export interface ExpectedDiagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly code: string;
  /** Arguments the diagnostic must carry (a subset of its `args`), as `--format json` prints them. */
  readonly args?: Readonly<Record<string, unknown>>;
}

export interface BadCase {
  readonly name: string;
  /** The folder to run in; it holds `services/`. */
  readonly dir: string;
  readonly expected: readonly ExpectedDiagnostic[];
  /** Instance name to the exact bytes of its file, for cases that build. */
  readonly instances: ReadonlyMap<string, Buffer>;
  /** Must run as a user without the right to read every file (see the test). */
  readonly unprivileged?: boolean;
}

/** Diagnostics as the tests compare them: `file:line:col code`. */
export const briefOf = (d: { file: string; line: number; column: number; code: string }): string =>
  `${d.file}:${d.line}:${d.column} ${d.code}`;

/** Reads one case folder. */
export function readCase(dir: string, name: string, extra: Partial<BadCase> = {}): BadCase {
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as ExpectedDiagnostic[];
  const instancesDir = join(dir, 'instances');
  const instances = new Map<string, Buffer>();
  if (existsSync(instancesDir)) {
    for (const file of readdirSync(instancesDir)) {
      instances.set(file.replace(/\.json$/, ''), readFileSync(join(instancesDir, file)));
    }
  }
  return { name, dir, expected, instances, ...extra };
}

/** Every committed case, in name order. */
export function fixtureCases(): BadCase[] {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .map((name) => readCase(join(FIXTURES, name), name));
}
