/**
 * `serve --watch` never serves a site built from a file that was still being
 * written, within what it promises: a writer that stops in the middle of a
 * line (or leaves the file empty) for less than `UNFINISHED_SETTLE_MS`, or at
 * the end of a line for less than `SETTLE_MS` plus the watcher's settling time.
 * A real writer process writes half a file, pauses, then writes the rest (also:
 * truncates, pauses, rewrites; writes a temporary file in two halves and
 * renames it into place) while a client polls the instance URL: every answer
 * is the whole old service or the whole new one, and no problem of the
 * half-written file is printed. Beyond the bound the half file is served, until
 * the rest is written.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEBOUNCE_MS } from '../../../scripts/adapters/watch.js';
import { SETTLE_MS, UNFINISHED_SETTLE_MS } from '../../../scripts/adapters/watched-folder.js';
import { tempDir, writeTree } from '../../helpers/fs.js';
import { request } from '../../helpers/http.js';
import { platformFile } from '../../helpers/platform.js';
import { type ServeProcess, startWatching } from '../../helpers/serve.js';

const API = 'api/v1/configs/user_services';
const PAUSE_MS = 40;

/**
 * Writes `first`, waits `pause` ms (busy, so that a loaded machine does not
 * stretch it much), then writes `second`, as `how` says; prints the pause it made.
 */
const WRITER = `
const fs = require('node:fs');
const [path, first, second, how, pause] = process.argv.slice(1);
const wait = () => { const t = process.hrtime.bigint(); const end = Date.now() + Number(pause);
  while (Date.now() < end); return t; };
const made = (t) => console.log(Number(process.hrtime.bigint() - t) / 1e6);
if (how === 'append') {
  const fd = fs.openSync(path, 'w'); fs.writeSync(fd, first); const t = wait(); fs.writeSync(fd, second); made(t); fs.closeSync(fd);
} else if (how === 'truncate') {
  const fd = fs.openSync(path, 'r+'); fs.ftruncateSync(fd, 0); const t = wait(); fs.writeSync(fd, first + second, 0); made(t); fs.closeSync(fd);
} else {
  const temp = path.replace(/[^/]+$/, (name) => '.' + name + '.tmp');
  const fd = fs.openSync(temp, 'w'); fs.writeSync(fd, first); const t = wait(); fs.writeSync(fd, second); fs.closeSync(fd);
  fs.renameSync(temp, path); made(t);
}
`;

/** Where the writer pauses: 20 characters into the description, or at the end of its line. */
type Cut = 'mid-line' | 'line-end';

function write(path: string, text: string, how: string, pause = PAUSE_MS, at: Cut = 'mid-line'): Promise<number> {
  const start = text.indexOf('description: ');
  const cut = at === 'mid-line' ? start + 'description: '.length + 20 : text.indexOf('\n', start) + 1;
  const args = ['-e', WRITER, path, text.slice(0, cut), text.slice(cut), how, String(pause)];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args);
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.on('error', reject);
    child.on('close', (status) => (status === 0 ? resolve(Number(out)) : reject(new Error(`writer: ${status}`))));
  });
}

// The pauses reviewers saw served half a file with a fixed 50 ms wait, and one just under the bound.
const PAUSES = [80, 100, 120, 250, UNFINISHED_SETTLE_MS - 200];

const service = (round: string, file = 'alpha') =>
  `technical_name: ${file.split('/').at(-1)}\ndescription: round ${round}, a description long enough to be cut in two\n` +
  'for_hg: true\nfor_cc: true\n';
const published = (round: string) => ({
  description: `round ${round}, a description long enough to be cut in two`,
  for_hg: true,
  for_cc: true,
});

let work: string;
let serve: ServeProcess;
let origin: string;

beforeAll(async () => {
  work = writeTree(tempDir('user-services-half-written-'), {
    'services/alpha.yaml': service('0'),
    'services/beta.yaml': 'technical_name: Beta\n',
    // Each file's technical name is its name (see `service`): the platform has them all.
    'services/_platform.yaml': platformFile(
      'alpha',
      'Beta',
      ...PAUSES.map((ms) => `mid-${ms}.yaml`),
      'beyond.yaml',
      'line-end.yaml',
    ),
  });
  ({ serve, origin } = await startWatching(work));
});

afterAll(async () => {
  serve.child.kill('SIGTERM');
  await serve.exited;
});

/** Every answer for the instance while `change` runs and until `done` is served, and 150 ms more. */
const poll = (change: Promise<number>, done: object) => pollAt('alpha', change, done);

async function pollAt(
  instance: string,
  change: Promise<number>,
  done: object,
): Promise<{ answers: object[]; pause: number }> {
  const answers: object[] = [];
  let pause: number | undefined;
  change.then((p) => {
    pause = p;
  });
  let until = Number.POSITIVE_INFINITY;
  const deadline = Date.now() + 10_000;
  while (Date.now() < until && Date.now() < deadline) {
    const reply = await request(origin, `/${API}/${instance}/`);
    const { description, for_hg, for_cc } = JSON.parse(reply.body.toString());
    answers.push({ description, for_hg, for_cc });
    if (
      until === Number.POSITIVE_INFINITY &&
      pause !== undefined &&
      JSON.stringify(answers.at(-1)) === JSON.stringify(done)
    ) {
      until = Date.now() + 150;
    }
  }
  await change;
  return { answers, pause: pause ?? Number.NaN };
}

describe.each([
  ['a writer that pauses in the middle of the file', 'append'],
  ['a file truncated, then written again after a pause', 'truncate'],
  ['a save by rename of a temporary file written with a pause', 'rename'],
])('serve --watch and %s', (_, how) => {
  it('serves only whole files, and prints no problem of a half-written one', async () => {
    let counted = 0;
    for (let round = 1; counted < 4 && round <= 12; round++) {
      const before = serve.stdout().length;
      const old = published(`${how} ${round - 1}`);
      const next = published(`${how} ${round}`);
      if (round === 1) {
        // Start each kind of writer from a known service.
        const mark = serve.stderr().length;
        await write(join(work, 'services/alpha.yaml'), service(`${how} 0`), 'rename');
        await serve.waitFor(/serve: now serving the new site\n/, mark);
      }
      const { answers, pause } = await poll(
        write(join(work, 'services/alpha.yaml'), service(`${how} ${round}`), how),
        next,
      );
      // A pause the loaded machine stretched beyond what the watcher promises to wait for proves nothing.
      if (pause >= SETTLE_MS + DEBOUNCE_MS) continue;
      counted++;
      const wrong = answers.filter(
        (a) => JSON.stringify(a) !== JSON.stringify(old) && JSON.stringify(a) !== JSON.stringify(next),
      );
      expect([round, wrong]).toEqual([round, []]);
      expect(answers.at(-1)).toEqual(next);
      expect(serve.stdout().slice(before)).toBe('');
    }
    expect(counted).toBe(4);
  });
});

/** The answers that are neither `old` nor `next`, as JSON. */
const others = (answers: object[], ...whole: object[]) =>
  answers.map((a) => JSON.stringify(a)).filter((a) => !whole.some((w) => JSON.stringify(w) === a));

describe('serve --watch at the bounds of what it waits for', () => {
  it.each(PAUSES)('never serves a file cut in the middle of a line for %i ms', async (ms) => {
    const file = join(work, `services/mid-${ms}.yaml`);
    const mark = serve.stderr().length;
    await write(file, service('first', file), 'rename');
    await serve.waitFor(/serve: now serving the new site\n/, mark);
    const before = serve.stdout().length;
    const { answers, pause } = await pollAt(
      `mid-${ms}`,
      write(file, service('second', file), 'append', ms),
      published('second'),
    );
    // A pause the loaded machine stretched to the bound proves nothing.
    if (pause >= UNFINISHED_SETTLE_MS) return;
    expect(others(answers, published('first'), published('second'))).toEqual([]);
    expect(answers.at(-1)).toEqual(published('second'));
    expect(serve.stdout().slice(before)).toBe('');
  });

  it('serves the half of a file cut in the middle of a line for longer than the bound, until the rest comes', async () => {
    const ms = UNFINISHED_SETTLE_MS + 600;
    const file = join(work, 'services/beyond.yaml');
    const mark = serve.stderr().length;
    await write(file, service('first', file), 'rename');
    await serve.waitFor(/serve: now serving the new site\n/, mark);
    const { answers } = await pollAt('beyond', write(file, service('second', file), 'append', ms), published('second'));
    const half = { description: published('second').description.slice(0, 20), for_hg: false, for_cc: false };
    // Served for as long as the writer paused beyond the bound: the one answer that is neither whole file.
    expect([...new Set(others(answers, published('first'), published('second')))]).toEqual([JSON.stringify(half)]);
    expect(answers.at(-1)).toEqual(published('second'));
  });

  it('never serves a file cut at the end of a line for less than the short wait', async () => {
    const file = join(work, 'services/line-end.yaml');
    const mark = serve.stderr().length;
    await write(file, service('first', file), 'rename');
    await serve.waitFor(/serve: now serving the new site\n/, mark);
    const { answers, pause } = await pollAt(
      'line-end',
      write(file, service('second', file), 'append', PAUSE_MS, 'line-end'),
      published('second'),
    );
    if (pause >= SETTLE_MS + DEBOUNCE_MS) return;
    expect(others(answers, published('first'), published('second'))).toEqual([]);
    expect(answers.at(-1)).toEqual(published('second'));
  });
});
