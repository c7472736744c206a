/**
 * Hostile YAML through the bundled command line: no shape of input within the
 * size limit ends in an internal failure (exit 3), the number of threads never
 * changes an answer, memory stays bounded for a folder of such files, and a
 * warning alone still builds.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../scripts/core/reading/limits.js';
import { CLI, runCli, untimed } from '../helpers/cli.js';
import { tempDir } from '../helpers/fs.js';

const work = tempDir('user-services-hostile-');
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Repeats `unit` after `head` to fill `size` bytes (by default just under the size limit). */
const fill = (unit: string, head = '', tail = '', size = LIMITS.maxFileBytes - 64): string =>
  head + unit.repeat(Math.floor((size - head.length - tail.length) / unit.length)) + tail;

/**
 * Each way found to make yaml recurse deeply or keep memory out of proportion
 * to the bytes: nesting, open collections, long runs of indentation changes,
 * values that pile up. Reading stops early on each, so they are full size.
 */
const DEEP: Record<string, string> = {
  'open-brackets': fill('['),
  'open-braces': fill('{'),
  'open-in-lists': fill('- ['),
  dashes: fill('- '),
  'explicit-keys': fill('? '),
  'empty-keys': fill(': '),
  'dash-lines': fill('- \n'),
  'bare-dashes': fill('-\n'),
  'bare-colons': fill(':\n'),
  'bare-questions': fill('?\n'),
  'one-space-then-two': fill('  k: 0\n', 'add_data:\n x: 0\n', 'c: 1\n'),
  'key-staircase': `${Array.from({ length: 700 }, (_, i) => `${' '.repeat(i)}k:\n`).join('')}c: 1\n`,
  'list-staircase': `${Array.from({ length: 700 }, (_, i) => `${' '.repeat(i)}-\n`).join('')}c: 1\n`,
  'many-keys': fill('k: 1\n'),
  anchors: fill('- &a x\n'),
  aliases: fill(', *a', 'technical_name: &a A\nx: [*a', ']\n'),
  tabs: fill('\tx: 1\n', 'technical_name: A\n'),
  'long-key': `technical_name: A\n${'k'.repeat(LIMITS.maxFileBytes - 64)}: 1\n`,
};

/**
 * Shapes whose cost grows with every byte read (a problem or a token on each
 * line): linear, but seconds at full size on a busy machine, so smaller here.
 */
const BULKY: Record<string, string> = {
  commas: fill(',', '[', '', 65_536),
  'closing-brackets': fill(']', '', '', 65_536),
  properties: fill('&a !t ', '', '', 65_536),
  tags: fill('!!str ', '', '', 65_536),
  'line-breaks': fill('\n', '', '', 65_536),
  comments: fill('# c\n', '', '', 65_536),
  'unclosed-quote': fill('x ', 'description: "', '', 65_536),
  directives: fill('%YAML 1.2\n', '', '', 65_536),
  documents: fill('---\n', '', '', 65_536),
};

const SHAPES = { ...DEEP, ...BULKY };

function folder(name: string, files: Record<string, string>): string {
  const dir = join(work, name);
  mkdirSync(join(dir, 'services'), { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, 'services', file), text);
  return dir;
}

describe('hostile YAML through the command line', () => {
  it('never fails internally, and one thread or two give the same answer', () => {
    // Each shape twice: with two threads the first copies are read on the main thread, the second ones on the other.
    const files: Record<string, string> = {};
    for (const [name, text] of Object.entries(SHAPES)) {
      files[`1-${name}.yaml`] = text;
      files[`2-${name}.yaml`] = text;
    }
    const dir = folder('shapes', files);
    const runs = [1, 2].map((threads) =>
      runCli(['check', '--services', 'services', '--no-cache', '--threads', String(threads)], { cwd: dir }),
    );
    for (const r of runs) {
      expect(r.status, r.stderr).toBe(1);
      expect(r.stderr).not.toContain('internal error');
    }
    expect(runs[1]?.stdout).toBe(runs[0]?.stdout);
    expect(untimed(runs[1]?.stderr ?? '')).toBe(untimed(runs[0]?.stderr ?? ''));
    // Every shape is refused, each copy alike.
    const lines = (runs[0]?.stdout ?? '').split('\n').filter((l) => l !== '');
    for (const name of Object.keys(SHAPES)) {
      const of = (copy: string) => lines.filter((l) => l.startsWith(`services/${copy}-${name}.yaml:`));
      expect(of('1').length, name).toBeGreaterThan(0);
      const tail = (l: string) => l.slice('services/1-'.length);
      expect(of('2').map(tail)).toEqual(of('1').map(tail));
    }
  }, 300_000);

  it.skipIf(!existsSync('/usr/bin/time'))(
    'keeps a folder of twenty such files under 300 MB',
    () => {
      // The shapes that reading stops early, and the two that made the most memory before it was bounded, at full size.
      const shapes = Object.entries({ ...DEEP, commas: fill(',', '['), properties: fill('&a !t ') });
      const twenty = Array.from({ length: 20 }, (_, i) => {
        const [name, text] = shapes[i % shapes.length] as [string, string];
        return [`${String(i).padStart(2, '0')}-${name}.yaml`, text];
      });
      const dir = folder('twenty', Object.fromEntries(twenty));
      const peak = join(work, 'peak');
      const r = spawnSync('/usr/bin/time', ['-f', '%M', '-o', peak, process.execPath, CLI, 'check', '--no-cache'], {
        cwd: dir,
        encoding: 'utf8',
      });
      expect(r.status, r.stderr).toBe(1);
      const kib = Number(readFileSync(peak, 'utf8').trim().split('\n').at(-1));
      expect(kib).toBeGreaterThan(0);
      expect(kib).toBeLessThan(300 * 1024);
    },
    300_000,
  );

  it.skipIf(!existsSync('/usr/bin/time'))(
    'keeps a folder of twenty files of empty list items under 300 MB, with one thread and with two',
    () => {
      // Empty items hold no scalar: the values were counted only once the whole file was read (343 and 497 MB).
      const dir = folder(
        'empty-items',
        Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`${i}.yaml`, fill('- \n')])),
      );
      for (const threads of ['1', '2']) {
        const peak = join(work, `peak-${threads}`);
        const args = ['-f', '%M', '-o', peak, process.execPath, CLI, 'check', '--no-cache', '--threads', threads];
        const r = spawnSync('/usr/bin/time', args, { cwd: dir, encoding: 'utf8' });
        expect(r.status, r.stderr).toBe(1);
        expect(r.stdout.split('\n')[0]).toBe(
          'services/0.yaml:5000:1: error too-many-nodes: the document holds more than 5000 values, the limit for a service file',
        );
        const kib = Number(readFileSync(peak, 'utf8').trim().split('\n').at(-1));
        expect(kib).toBeGreaterThan(0);
        expect(kib).toBeLessThan(300 * 1024);
      }
    },
    300_000,
  );

  it('prints a warning and still builds', () => {
    const dir = folder('warning', {
      'park.yaml': 'technical_name: Call Transfer\ndescription: Parks a call #1 for later\n',
    });
    const r = runCli(['build', '--services', 'services', '--out', 'dist'], { cwd: dir, env: { NO_COLOR: '1' } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(
      'services/park.yaml:2:27: warning comment-in-text: the text of description ends here: " #" starts a YAML comment, so what follows is not part of the value; put the whole text in quotes to keep it\n',
    );
    const instance = readFileSync(join(dir, 'dist/api/v1/configs/user_services/park/index.json'), 'utf8');
    expect(JSON.parse(instance).description).toBe('Parks a call');
  });
});
