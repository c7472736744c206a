/**
 * `tsc -p tsconfig.mjs.json` (in `npm test`) type-checks the repository's
 * JavaScript modules: every `.mjs` file git knows or would add (tracked, or
 * untracked and not ignored), and no generated one (the bundle in lib/, what
 * .gitignore leaves out), so that a new script in a new folder is checked
 * without anyone widening the configuration.
 */
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/cli.js';

const run = (command: string, args: readonly string[]) => {
  const r = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.split('\n').filter((line) => line !== '');
};

describe('the type check of the .mjs files', () => {
  it('covers every .mjs file of the repository that git does not ignore, and nothing generated', () => {
    const repository = run('git', ['ls-files', '--cached', '--others', '--exclude-standard', '--', '*.mjs']).sort();
    const checked = run(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.mjs.json', '--listFilesOnly'])
      .map((path) => relative(ROOT, path))
      .filter((path) => path.endsWith('.mjs') && !path.startsWith('node_modules/'))
      .sort();
    expect(repository).toContain('scripts/worker/build-worker.mjs');
    expect(repository).toContain('bench/run.mjs');
    expect(checked).toEqual(repository);
  });
});
