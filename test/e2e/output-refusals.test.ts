/**
 * What stands beside or on the way to an output and is not the build's is
 * refused before anything is touched: a builds folder or a lock holding what
 * the tool did not make, the tool's cache, a repository's .git folder, paths
 * the file system refuses. Each exits 2 with a message naming the path and
 * why, in the chosen format, and the whole tree is byte for byte what it was.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, runCli } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/fs.js';
import { keepTree } from '../helpers/snapshot.js';

const SERVICES = {
  'services/call-waiting.yaml': 'technical_name: Call Waiting\nfor_hg: true\n',
  'services/voice-mail.yaml': 'technical_name: Voice Mail\ndescription: Takes messages\n',
};

function project(extra: Record<string, string> = {}): string {
  const root = tempDir('user-services-refuse-');
  writeTree(root, { '.git/HEAD': 'ref: refs/heads/main\n', ...SERVICES, ...extra });
  return root;
}

const hourAgo = () => new Date(Date.now() - 3_600_000);
const OUT_HINT = 'Choose another folder with --out, such as dist beside the services folder';

interface Case {
  readonly name: string;
  readonly args: readonly string[];
  readonly setup?: (root: string) => void;
  /** The message after `error `, given the project's root. */
  readonly message: (root: string) => string;
}

const cases: Case[] = [
  {
    name: 'a builds folder holding files of someone else (they were deleted)',
    args: ['--out', 'site'],
    setup: (root) =>
      writeTree(root, { '.site.builds/mydata/notes.txt': 'precious\n', '.site.builds/todo.txt': 'p2\n' }),
    message: () =>
      'output-builds-not-owned: --out site keeps its builds in .site.builds, which holds .site.builds/mydata, .site.builds/todo.txt, not made by user-services; a build deletes its old builds there and would delete them. Move them out of .site.builds or choose another folder with --out',
  },
  {
    name: 'a builds folder of the tool with one file added by hand',
    args: [],
    setup: (root) => {
      expect(runCli(['build'], { cwd: root }).status).toBe(0);
      writeFileSync(join(root, '.dist.builds', 'NOTES.md'), 'mine\n');
    },
    message: () =>
      'output-builds-not-owned: --out dist keeps its builds in .dist.builds, which holds .dist.builds/NOTES.md, not made by user-services; a build deletes its old builds there and would delete it. Move it out of .dist.builds or choose another folder with --out',
  },
  {
    name: 'a plain file at the lock path, an hour old (it was deleted)',
    args: ['--out', 'site2'],
    setup: (root) => {
      writeFileSync(join(root, '.site2.lock'), 'notes\n');
      utimesSync(join(root, '.site2.lock'), hourAgo(), hourAgo());
    },
    message: () =>
      'output-lock-not-owned: --out site2 keeps its lock in .site2.lock, which is a file that holds more than a process id, not a lock of user-services; a build removes its lock when done and would delete it. Move it away or choose another folder with --out',
  },
  {
    name: 'an empty file at the lock path (it said "waiting for another build", then deleted it)',
    args: [],
    setup: (root) => writeFileSync(join(root, '.dist.lock'), ''),
    message: () =>
      'output-lock-not-owned: --out dist keeps its lock in .dist.lock, which is an empty file (earlier versions of user-services, which locked with a file, could leave one when killed between creating it and writing their process id into it: if no build is running, delete it), not a lock of user-services; a build removes its lock when done and would delete it. Move it away or choose another folder with --out',
  },
  {
    name: 'an empty file at the lock path, an hour old',
    args: ['--out', 'site3'],
    setup: (root) => {
      writeFileSync(join(root, '.site3.lock'), '');
      utimesSync(join(root, '.site3.lock'), hourAgo(), hourAgo());
    },
    message: () =>
      'output-lock-not-owned: --out site3 keeps its lock in .site3.lock, which is an empty file (earlier versions of user-services, which locked with a file, could leave one when killed between creating it and writing their process id into it: if no build is running, delete it), not a lock of user-services; a build removes its lock when done and would delete it. Move it away or choose another folder with --out',
  },
  {
    name: 'a lock folder with a file in it (an internal error ENOTEMPTY on every run)',
    args: [],
    setup: (root) => writeTree(root, { '.dist.lock/held-by.txt': 'me\n' }),
    message: () =>
      'output-lock-not-owned: --out dist keeps its lock in .dist.lock, which is a folder that is not empty, not a lock of user-services; a build removes its lock when done and would delete it. Move it away or choose another folder with --out',
  },
  {
    name: 'a dangling link at the lock path (it waited 120 s, then exit 3)',
    args: [],
    setup: (root) => symlinkSync('/nonexistent/lock', join(root, '.dist.lock')),
    message: () =>
      'output-lock-not-owned: --out dist keeps its lock in .dist.lock, which is a symbolic link, not a lock of user-services; a build removes its lock when done and would delete it. Move it away or choose another folder with --out',
  },
  {
    name: 'an output below a dangling link (an internal error ENOENT)',
    args: ['--out', 'e1/d/x'],
    setup: (root) => {
      mkdirSync(join(root, 'e1'));
      symlinkSync('/nonexistent/d', join(root, 'e1', 'd'));
    },
    message: () =>
      'output-unusable: --out e1/d/x cannot be used: e1/d is a symbolic link to something that does not exist (ENOENT). Fix that or choose another folder with --out',
  },
  {
    name: 'an output through a loop of links (an internal error ELOOP)',
    args: ['--out', 'e1/loop1/x'],
    setup: (root) => {
      mkdirSync(join(root, 'e1'));
      symlinkSync('loop2', join(root, 'e1', 'loop1'));
      symlinkSync('loop1', join(root, 'e1', 'loop2'));
    },
    message: () =>
      'output-unusable: --out e1/loop1/x cannot be used: e1/loop1 is a loop of symbolic links (ELOOP). Fix that or choose another folder with --out',
  },
  {
    name: 'an output where the file system makes no folder (/proc)',
    args: ['--out', '/proc/nope/x'],
    message: () =>
      'output-unusable: --out /proc/nope/x cannot be used: /proc/nope cannot be made: a folder on the way does not exist and cannot be created there (ENOENT). Fix that or choose another folder with --out',
  },
  {
    name: "the tool's own cache (it was read, analyzed and written before the refusal)",
    args: ['--out', 'node_modules/.cache/user-services'],
    setup: (root) => writeTree(root, { 'package.json': '{}\n' }),
    message: () =>
      `output-overlaps-cache: --out node_modules/.cache/user-services is the cache of user-services node_modules/.cache/user-services; a build replaces its output whole and the tool rewrites its cache, so each would destroy the other. ${OUT_HINT}`,
  },
  {
    name: 'a folder holding the cache',
    args: ['--out', 'node_modules'],
    setup: (root) => writeTree(root, { 'package.json': '{}\n', 'node_modules/.cache/user-services/x': 'cached\n' }),
    message: () =>
      `output-overlaps-cache: --out node_modules contains the cache of user-services node_modules/.cache/user-services; a build replaces its output whole and the tool rewrites its cache, so each would destroy the other. ${OUT_HINT}`,
  },
  {
    name: 'the .git folder (it was told to empty it)',
    args: ['--out', '.git'],
    message: () =>
      `output-is-repository: --out .git is or lies inside the .git folder of a repository, where git keeps its history; a build replaces its output whole and would corrupt the repository. ${OUT_HINT}`,
  },
  {
    name: 'a folder inside .git that does not exist yet',
    args: ['--out', '.git/site'],
    message: () =>
      `output-is-repository: --out .git/site is or lies inside the .git folder of a repository, where git keeps its history; a build replaces its output whole and would corrupt the repository. ${OUT_HINT}`,
  },
];

describe('what is not the build’s beside or on the way to an output is refused, nothing touched', () => {
  it.each(cases)('$name', (c) => {
    const root = project();
    c.setup?.(root);
    const tree = keepTree(root);
    const run = runCli(['build', ...c.args], { cwd: root });
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({
      status: 2,
      stdout: '',
      stderr: `user-services build: error ${c.message(root)}\n`,
    });
    tree.expectUnchanged();
  });

  it('refuses a named pipe at the lock path of --hosting-out, without opening it', () => {
    const root = project();
    expect(spawnSync('mkfifo', [join(root, '.hosting.lock')]).status).toBe(0);
    const run = runCli(['build'], { cwd: root });
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({
      status: 2,
      stdout: '',
      stderr:
        'user-services build: error output-lock-not-owned: --hosting-out hosting keeps its lock in .hosting.lock, which is neither a file nor a folder, not a lock of user-services; a build removes its lock when done and would delete it. Move it away or choose another folder with --hosting-out\n',
    });
    expect(existsSync(join(root, 'dist'))).toBe(false);
    expect(lstatSync(join(root, '.hosting.lock')).isFIFO()).toBe(true);
  });

  it('takes over a lock file of an earlier version: nothing but a process id', () => {
    const root = project();
    writeFileSync(join(root, '.dist.lock'), '4242');
    utimesSync(join(root, '.dist.lock'), hourAgo(), hourAgo());
    const run = runCli(['build'], { cwd: root });
    expect(run.status, run.stderr).toBe(0);
    expect(existsSync(join(root, '.dist.lock'))).toBe(false);
  });

  const asNobody = process.getuid?.() === 0 && existsSync('/usr/bin/setpriv');
  it.runIf(asNobody)('refuses a folder the user may not write (an internal error EACCES)', () => {
    const root = project();
    chmodSync(root, 0o755);
    mkdirSync(join(root, 'ro'), { mode: 0o555 });
    const tree = keepTree(root);
    const nobody = ['--reuid=65534', '--regid=65534', '--clear-groups'];
    const run = spawnSync('/usr/bin/setpriv', [...nobody, process.execPath, CLI, 'build', '--out', 'ro/site'], {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, NO_COLOR: '1' },
    });
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({
      status: 2,
      stdout: '',
      stderr:
        'user-services build: error output-unusable: --out ro/site cannot be used: ro/.site.lock may not be written by this user (permission denied) (EACCES). Fix that or choose another folder with --out\n',
    });
    tree.expectUnchanged();
  });
});
