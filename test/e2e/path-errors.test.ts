/**
 * Every path option of every command refuses a path the file system will not
 * take (a name too long, a file on the way) with a message naming the path
 * and the reason, exit status 2, and nothing written: never an internal error.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/fs.js';
import { canDropPrivileges, readableWithoutPrivileges, unprivileged } from '../helpers/unprivileged.js';

const LONG = 'a'.repeat(300);

function project(): string {
  return writeTree(tempDir('user-services-paths-'), { 'services/voice-mail.yaml': 'technical_name: Voice Mail\n' });
}

const usage = (command: string) => {
  const run = runCli([command, '--help'], { cwd: tempDir() });
  return run.stdout.split('\n\n')[0] as string;
};

describe('a path option naming a path the file system refuses', () => {
  const servicesCases: [string, string[]][] = [
    ['check', ['--services', LONG]],
    ['build', ['--services', LONG]],
    ['serve', ['--services', LONG]],
    ['new', ['x', '--technical-name', 'X', '--services', LONG]],
    ['diff', ['--base', 'services', '--services', LONG]],
    ['check', ['--services', `${LONG}/services`]],
  ];
  it.each(servicesCases)(
    '%s %j: the services folder is refused, exit 2 (it was "internal error: ENAMETOOLONG")',
    (command, args) => {
      const cwd = project();
      const run = runCli([command, ...args], { cwd });
      const folder = args[args.indexOf('--services') + 1] as string;
      expect({ status: run.status, stderr: run.stderr, stdout: run.stdout }).toEqual({
        status: 2,
        stdout: '',
        stderr: `user-services ${command}: services folder is a name too long for the file system (ENAMETOOLONG): ${folder}\n${usage(command)}\n`,
      });
      expect(readdirSync(cwd)).toEqual(['services']);
    },
  );

  const outputCases: [string, string][] = [
    ['--out', LONG],
    ['--hosting-out', LONG],
    ['--out', `${LONG}/dist`],
  ];
  it.each(outputCases)(
    'build %s: refused as output-unusable naming the path and the reason, exit 2',
    (option, folder) => {
      const cwd = project();
      const run = runCli(['build', option, folder], { cwd });
      expect({ status: run.status, stderr: run.stderr, stdout: run.stdout }).toEqual({
        status: 2,
        stdout: '',
        stderr: `user-services build: error output-unusable: ${option} ${folder} cannot be used: ${LONG} is a name too long for the file system (ENAMETOOLONG). Fix that or choose another folder with ${option}\n`,
      });
      expect(readdirSync(cwd)).toEqual(['services']);
    },
  );

  // Root reads every folder whatever its mode: then the check runs as "nobody" (see unprivileged).
  it.skipIf(!canDropPrivileges)('a services folder this user may not read is refused, exit 2', () => {
    const cwd = project();
    chmodSync(cwd, 0o755);
    mkdirSync(join(cwd, 'locked'));
    writeTree(join(cwd, 'locked'), { 'services/a.yaml': 'technical_name: A\n' });
    chmodSync(join(cwd, 'locked'), 0o000);
    try {
      expect(readableWithoutPrivileges(join(cwd, 'locked/services/a.yaml'))).toBe(false);
      const run = runCli(['check', '--services', 'locked/services'], { cwd, program: unprivileged() });
      expect([run.status, run.stderr.split('\n')[0]]).toEqual([
        2,
        'user-services check: services folder may not be read by this user (permission denied, EACCES): locked/services',
      ]);
    } finally {
      chmodSync(join(cwd, 'locked'), 0o755);
    }
    expect(existsSync(join(cwd, 'dist'))).toBe(false);
  });
});

describe('an output given as an absolute path', () => {
  it('is shown absolute in the refusal, with the paths in it (it was ../../proc/nope)', () => {
    const cwd = project();
    const run = runCli(['build', '--out', '/proc/nope'], { cwd });
    expect({ status: run.status, stderr: run.stderr }).toEqual({
      status: 2,
      stderr:
        'user-services build: error output-unusable: --out /proc/nope cannot be used: /proc/.nope.lock cannot be made: a folder on the way does not exist and cannot be created there (ENOENT). Fix that or choose another folder with --out\n',
    });
    const json = runCli(['build', '--out', '/proc/nope', '--format', 'json'], { cwd });
    const [d] = JSON.parse(json.stdout).diagnostics;
    expect([json.status, d.file, d.args.folder, d.args.path]).toEqual([
      2,
      '/proc/nope',
      '/proc/nope',
      '/proc/.nope.lock',
    ]);
  });

  it('names its folder absolute when a name in it is too long', () => {
    const cwd = project();
    const folder = join(cwd, LONG);
    const run = runCli(['build', '--out', folder], { cwd });
    expect([run.status, run.stderr]).toEqual([
      2,
      `user-services build: error output-unusable: --out ${folder} cannot be used: ${folder} is a name too long for the file system (ENAMETOOLONG). Fix that or choose another folder with --out\n`,
    ]);
  });
});
