/**
 * What the main commands print, recorded as files that show the command, its
 * output and its exit status (test/e2e/snapshots/*.md), as arethetypeswrong
 * records its CLI's. Times are replaced by `N.NN s`; the commands run in a
 * copy of the fixture catalog, so no path of this machine shows.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { copyFixtureCatalog } from '../helpers/fixture-catalog.js';
import { tempDir } from '../helpers/fs.js';

const SNAPSHOTS = join(import.meta.dirname, 'snapshots');

/** The record of one run: the command line, what it printed on each stream, and its status. */
function record(args: readonly string[], cwd: string): string {
  const run = runCli(args, { cwd, env: { NO_COLOR: '1' } });
  const clean = (text: string) =>
    text.replace(/\d+\.\d+ s\b/g, 'N.NN s').replace(/"seconds": [\d.e-]+/g, '"seconds": N.NN');
  const block = (name: string, text: string) => (text === '' ? '' : `## ${name}\n\n\`\`\`\n${clean(text)}\`\`\`\n\n`);
  return `# user-services ${args.join(' ')}\n\n${block('stdout', run.stdout)}${block('stderr', run.stderr)}## exit status\n\n${run.status}\n`;
}

const CASES: readonly [name: string, args: readonly string[], prepare?: (work: string) => void][] = [
  ['check', ['check', '--no-cache']],
  ['check-json', ['check', '--no-cache', '--format', 'json']],
  [
    'check-errors',
    ['check', '--no-cache'],
    (work) => writeFileSync(join(work, 'services', 'broken.yaml'), 'technical_name: [\ndisplay_name: 5\n'),
  ],
  ['build', ['build', '--no-cache']],
  // The fixture's eFax Messaging has its sunset on 2026-06-30: the day before passes, that day fails.
  ['check-as-of-before', ['check', '--no-cache', '--as-of', '2026-06-29']],
  ['check-as-of', ['check', '--no-cache', '--as-of', '2026-06-30']],
  ['check-as-of-json', ['check', '--no-cache', '--as-of', '2030-01-01', '--format', 'json']],
  ['usage-bad-as-of', ['check', '--as-of', '2026-02-30']],
  ['usage-no-command', []],
  ['usage-unknown-command', ['publish']],
  ['usage-unknown-option', ['check', '--frobnicate']],
  ['usage-bad-format', ['check', '--format', 'xml']],
  ['usage-diff-without-base', ['diff']],
  ['usage-missing-folder', ['check', '--services', 'nowhere']],
  ['fmt-check', ['fmt', '--check']],
  [
    'fmt-errors',
    ['fmt'],
    (work) =>
      writeFileSync(
        join(work, 'services', 'call-waiting.yaml'),
        'for_hg: yes\ntechnical_name: Call Waiting\ncolour: red\n',
      ),
  ],
];

describe('the command line prints', () => {
  for (const [name, args, prepare] of CASES) {
    it(`${name}: as recorded`, async () => {
      const work = tempDir('user-services-snapshot-');
      copyFixtureCatalog(work);
      prepare?.(work);
      await expect(record(args, work)).toMatchFileSnapshot(join(SNAPSHOTS, `${name}.md`));
    });
  }
});
