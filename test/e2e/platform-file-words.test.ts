/**
 * The platform file's problems of reading are worded for the platform file,
 * not for a service file; and `check --as-of` says when a well-written day
 * does not exist. Through the bundled command line, exit statuses included.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, untimed } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/fs.js';

const SERVICE = 'technical_name: Call Waiting\n';
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function catalog(files: Record<string, string>): string {
  const work = tempDir('user-services-platform-words-');
  dirs.push(work);
  writeTree(
    work,
    Object.fromEntries(
      Object.entries({ 'call-waiting.yaml': SERVICE, ...files }).map(([n, t]) => [`services/${n}`, t]),
    ),
  );
  return work;
}

describe('problems of reading the platform file', () => {
  it('name the platform file when it holds two documents', () => {
    const work = catalog({ '_platform.yaml': 'extra_service_names: [Lead]\n---\nextra_service_names: [X]\n' });
    const run = runCli(['check', '--no-cache'], { cwd: work });
    expect([run.status, run.stdout]).toEqual([
      1,
      'services/_platform.yaml:2:1: error multiple-documents: the platform file _platform.yaml holds one YAML document; remove the "---" separator and what follows\n',
    ]);
  });

  it('name the platform file when it is too large', () => {
    const work = catalog({ '_platform.yaml': `extra_service_names:\n${'  - Lead\n'.repeat(30_000)}` });
    const run = runCli(['check', '--no-cache'], { cwd: work });
    expect([run.status, run.stdout]).toEqual([
      1,
      'services/_platform.yaml:1:1: error file-too-large: the file has 270021 bytes, more than the limit of 262144 bytes for the platform file _platform.yaml\n',
    ]);
  });

  it('say that a folder named _platform.yaml is no platform file, without asking to rename a service', () => {
    const work = catalog({});
    mkdirSync(join(work, 'services/_platform.yaml'));
    const run = runCli(['check', '--no-cache'], { cwd: work });
    expect([run.status, run.stdout]).toEqual([
      1,
      'services/_platform.yaml:1:1: error not-a-file: this is a folder, but _platform.yaml is the platform file, which must be a plain file; move it away, or replace it with the platform file\n',
    ]);
  });

  it('still name a service file in a service file', () => {
    const work = catalog({ 'two.yaml': 'technical_name: Call Return\n---\nx: 1\n' });
    const run = runCli(['check', '--no-cache'], { cwd: work });
    expect([run.status, run.stdout]).toEqual([
      1,
      'services/two.yaml:2:1: error multiple-documents: a service file holds one YAML document; remove the "---" separator and what follows, or move it to its own file\n',
    ]);
  });
});

describe('check --as-of', () => {
  it.each([
    [
      '2025-02-30',
      '--as-of 2025-02-30 is written YYYY-MM-DD, but the calendar has no such day; give a real date (months 01-12, and the days that month has)',
    ],
    [
      '2100-02-29',
      '--as-of 2100-02-29 is written YYYY-MM-DD, but the calendar has no such day; give a real date (months 01-12, and the days that month has)',
    ],
    [
      '2025-13-01',
      '--as-of 2025-13-01 is written YYYY-MM-DD, but the calendar has no such day; give a real date (months 01-12, and the days that month has)',
    ],
    ['2025-2-3', '--as-of takes a day written YYYY-MM-DD, not "2025-2-3"'],
    ['tomorrow', '--as-of takes a day written YYYY-MM-DD, not "tomorrow"'],
  ])('refuses %s as a usage error (exit 2), saying what is wrong', (day, message) => {
    const work = catalog({});
    const run = runCli(['check', '--as-of', day], { cwd: work });
    expect([run.status, run.stdout, untimed(run.stderr).split('\n')[0]]).toEqual([
      2,
      '',
      `user-services check: ${message}`,
    ]);
  });
});
