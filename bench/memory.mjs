// Peak memory and time of `check` on folders of hostile files at the size
// limit, with one thread and with two (`/usr/bin/time -f "%M %e"`). Each
// shape is twenty copies of one 256 KiB file; the last row is the same with
// forty copies, to show that the peak does not grow with the folder.
//
//   node scripts/bundle.mjs && node bench/memory.mjs
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../lib/user-services.mjs', import.meta.url));
const SIZE = 256 * 1024 - 16;
const fill = (unit) => unit.repeat(Math.floor(SIZE / unit.length));

const SHAPES = [
  ['"- \\n" lines', fill('- \n'), 20],
  ['"-\\n" lines', fill('-\n'), 20],
  ['"- a\\n" lines', fill('- a\n'), 20],
  ['":\\n" lines', fill(':\n'), 20],
  ['"[" only', fill('['), 20],
  ['"- \\n" lines', fill('- \n'), 40],
];

const work = mkdtempSync(join(tmpdir(), 'us-memory-'));
try {
  console.log('shape            files  threads  peak MB  seconds');
  for (const [name, text, count] of SHAPES) {
    const dir = join(work, `${count}-${name.replace(/\W/g, '')}`);
    mkdirSync(join(dir, 'services'), { recursive: true });
    for (let i = 0; i < count; i++) writeFileSync(join(dir, 'services', `s${i}.yaml`), text);
    for (const threads of ['1', '2']) {
      const out = join(dir, 'time');
      const args = ['-f', '%M %e', '-o', out, process.execPath, CLI, 'check', '--no-cache', '--threads', threads];
      spawnSync('/usr/bin/time', args, { cwd: dir });
      const [kib, seconds] = readFileSync(out, 'utf8').trim().split('\n').at(-1).split(' ');
      const row = [name.padEnd(16), String(count).padStart(5), threads.padStart(8), (Number(kib) / 1024).toFixed(0)];
      console.log(`${row.join(' ')}${seconds.padStart(9)}`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
