/**
 * An option's value as the tool judges it, never as Node's parser words it:
 * a value that starts with "-" is the value (judged by the option's own
 * check), a value left out says what the option needs, and an empty value
 * where none is meant (a folder, a file, an address, a variable's name) is
 * refused. Each is a usage error: exit 2, the usage line, nothing written.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/fs.js';

const USAGE = {
  build:
    'Usage: user-services build [--services DIR] [--out DIR] [--hosting-out DIR] [--no-compress] [--format text|github|json] [--pretty] [--no-cache] [--threads N] [--history N] [--signing-key FILE] [--signing-key-env NAME]\n',
  serve:
    'Usage: user-services serve [--services DIR] [--port N] [--host HOST] [--watch] [--format text|github|json] [--history N]\n',
  check:
    'Usage: user-services check [--services DIR] [--format text|github|json] [--no-cache] [--threads N] [--as-of YYYY-MM-DD]\n',
  diff: 'Usage: user-services diff --base <git-revision|folder> [--services DIR] [--format text|markdown|json] [--fail-on breaking|any]\n',
} as const;

const work = () => writeTree(tempDir('user-services-option-values-'), { 'services/a.yaml': 'technical_name: A\n' });

const cases: readonly (readonly [string[], string])[] = [
  [['build', '--history', '-1'], '--history must be a whole number from 0 to 1000, not "-1"'],
  [['build', '--threads', '-2'], '--threads must be a whole number from 1 to 64, not "-2"'],
  [['serve', '--port', '-1'], '--port must be a number from 0 to 65535, not "-1"'],
  [['check', '--format', '-x'], '--format must be one of text, github, json, not "-x"'],
  [
    ['build', '--services', '-x'],
    'services folder not found: -x; create it, name another with --services DIR, or run "user-services init" to start a catalog repository',
  ],
  [['diff', '--base', '-x'], 'cannot read --base "-x" as a folder or a git revision: it starts with "-"'],
  [['build', '--history', '--pretty'], '--history needs a value (N) before --pretty'],
  [['build', '--history'], '--history needs a value (N)'],
  [['diff', '--base'], '--base needs a value (<git-revision|folder>)'],
  [['build', '--signing-key='], '--signing-key is empty: give a file, or leave --signing-key out (none: unsigned)'],
  [['build', '--signing-key', ''], '--signing-key is empty: give a file, or leave --signing-key out (none: unsigned)'],
  [
    ['build', '--signing-key-env='],
    '--signing-key-env is empty: give the name of an environment variable, or leave --signing-key-env out (none: unsigned)',
  ],
  [['serve', '--host='], '--host is empty: give an address (its default is 127.0.0.1)'],
];

describe('option values', () => {
  it.each(cases)("%j: exit 2 with the tool's own message", (args, message) => {
    const root = work();
    const command = args[0] as keyof typeof USAGE;
    expect(runCli(args, { cwd: root })).toEqual({
      status: 2,
      stdout: '',
      stderr: `user-services ${command}: ${message}\n${USAGE[command]}`,
    });
    expect(existsSync(join(root, 'dist'))).toBe(false);
  });

  it('takes a value after "--" as an argument, not as the value of an option', () => {
    const run = runCli(['build', '--', '--history'], { cwd: work() });
    expect([run.status, run.stderr]).toEqual([
      2,
      `user-services build: unexpected argument: --history\n${USAGE.build}`,
    ]);
  });
});
