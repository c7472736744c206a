/** Every command refuses a working directory that Node.js cannot name, before it resolves any path from it. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/fs.js';

/** The name of the folder, as bytes: `cw` and 0xFE, which is no UTF-8. */
const MISNAMED = Buffer.from([0x63, 0x77, 0xfe]);

/** The names in a folder, bytes escaped as Python writes them (`\\xfe`), sorted. */
const entries = (folder: string | Buffer) =>
  readdirSync(folder, { encoding: 'buffer' })
    .map((name) => [...name].map((b) => (b < 0x80 ? String.fromCharCode(b) : `\\x${b.toString(16)}`)).join(''))
    .sort();

const SERVICE = 'technical_name: Call Forwarding Always\ndisplay_name: Call Forwarding Always\n';

/** Runs the command line in `work/cw<0xFE>`, a folder whose name is not valid UTF-8, made by the shell. */
function inMisnamedFolder(work: string, args: readonly string[]) {
  const script = 'd="$(printf "cw\\376")" && mkdir -p "$d/services" && cd "$d" && exec "$@"';
  const r = spawnSync('sh', ['-c', script, 'sh', process.execPath, CLI, ...args], {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const misnamed = (work: string) =>
  `user-services: the path of the working directory is not valid UTF-8 (it reads as ${JSON.stringify(join(work, 'cw\uFFFD'))}, which names another folder or none), so every path resolved from it would miss; run user-services from a folder whose path is valid UTF-8, nothing was written\n`;

describe('a working directory whose path is not valid UTF-8', () => {
  const commands: readonly (readonly string[])[] = [
    ['init'],
    ['init', 'sub'],
    ['new', 'call-waiting', '--technical-name', 'Call Waiting'],
    ['build'],
    ['build', '--out', 'site'],
    ['check'],
    ['diff', '--base', 'HEAD'],
    ['serve', '--port', '0'],
    ['--version'],
  ];
  it.each(commands)('%s ... is refused with exit 2, nothing written here or in a sibling', (...args) => {
    const work = tempDir();
    // The sibling Node would name: were it there, the tool would write into it.
    writeTree(join(work, 'cw\uFFFD'), { 'services/a.yml': SERVICE });
    expect(inMisnamedFolder(work, args)).toEqual({ status: 2, stdout: '', stderr: misnamed(work) });
    expect(entries(work)).toEqual(['cw\\xef\\xbf\\xbd', 'cw\\xfe']);
    expect(entries(Buffer.concat([Buffer.from(`${work}/`), MISNAMED]))).toEqual(['services']);
    expect(entries(Buffer.concat([Buffer.from(`${work}/`), MISNAMED, Buffer.from('/services')]))).toEqual([]);
    expect(readdirSync(join(work, 'cw\uFFFD'), { recursive: true }).sort()).toEqual(['services', 'services/a.yml']);
  });

  it('is refused when the misnamed sibling does not exist either', () => {
    const work = tempDir();
    expect(inMisnamedFolder(work, ['init'])).toEqual({ status: 2, stdout: '', stderr: misnamed(work) });
    expect(existsSync(join(work, 'cw\uFFFD'))).toBe(false);
    expect(entries(work)).toEqual(['cw\\xfe']);
  });
});

describe('a working directory that was removed', () => {
  it('is refused with exit 2 before any command runs', () => {
    const work = tempDir();
    const script = 'mkdir gone && cd gone && rmdir ../gone && exec "$@"';
    const r = spawnSync('sh', ['-c', script, 'sh', process.execPath, CLI, 'build'], { cwd: work, encoding: 'utf8' });
    expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({
      status: 2,
      stdout: '',
      stderr:
        'user-services: the working directory no longer exists, so no path can be resolved from it; change to an existing folder and run the command again\n',
    });
    expect(readdirSync(work)).toEqual([]);
  });
});
