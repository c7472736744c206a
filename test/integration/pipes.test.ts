/**
 * A reader that closes the pipe early (`... | head -1`) is not a failure, and
 * it never changes the exit status either: every command piped into `head -1`
 * (its standard output, or its standard error) ends quietly, with no stack
 * trace and no exit 3, with the status it would have had with the whole
 * output read: 1 when the input has errors, 0 when all is good, 2 for a usage
 * error. Each case is run under `set -o pipefail`, as a CI step is.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, untimed } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/fs.js';
import { platformFile } from '../helpers/platform.js';

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * Runs `user-services <args>` in `cwd` with its output (`redirect` may send standard
 * error into the pipe instead) piped to `reader`: what the reader printed, the
 * command's own standard error (when not in the pipe), its exit status, and the
 * pipeline's status under pipefail.
 */
function piped(args: string, cwd: string, reader = 'head -1', redirect = '2>"$ERR"') {
  const err = join(tempDir('user-services-pipe-'), 'stderr');
  writeFileSync(err, '');
  const script = `set -o pipefail; node ${quote(CLI)} ${args} ${redirect} | ${reader}; echo "status=\${PIPESTATUS[0]} pipeline=$?" >&2`;
  const r = spawnSync('bash', ['-c', script], { cwd, encoding: 'utf8', env: { ...process.env, ERR: err } });
  const [, status, pipeline] = /status=(\d+) pipeline=(\d+)/.exec(r.stderr) ?? [];
  // The reader's own status is 0: under pipefail, the pipeline's is the command's.
  expect(pipeline).toBe(status);
  return { out: r.stdout, err: untimed(readFileSync(err, 'utf8')), status };
}

let broken: string;
let warned: string;
let diffWork: string;

beforeAll(() => {
  // Reports far larger than a pipe's buffer, so that the command is still writing when head has gone.
  // The made-up technical names are the platform's own, so that the reports hold what each test is about.
  const names = Array.from({ length: 3000 }, (_, i) => `S${i}`);
  const files: Record<string, string> = { 'services/_platform.yaml': platformFile(...names) };
  const warnings: Record<string, string> = { 'services/_platform.yaml': platformFile(...names) };
  for (let i = 0; i < 3000; i++) {
    files[`services/s${i}.yaml`] = `technical_name: S${i}\nfor_hg: yes\n`;
    warnings[`services/s${i}.yaml`] = `technical_name: S${i}\ndescription: Parks a call #${i} for later\n`;
  }
  broken = writeTree(tempDir('user-services-pipe-'), files);
  warned = writeTree(tempDir('user-services-pipe-'), warnings);
  const base: Record<string, string> = {
    'services/keep.yaml': 'technical_name: Keep\n',
    'services/_platform.yaml': platformFile('Keep'),
    'base/_platform.yaml': platformFile('Keep', ...names),
  };
  for (let i = 0; i < 3000; i++) base[`base/s${i}.yaml`] = `technical_name: S${i}\n`;
  base['base/keep.yaml'] = 'technical_name: Keep\n';
  diffWork = writeTree(tempDir('user-services-pipe-'), base);
});

// Standard error is still read: the summary is printed in full.
const SUMMARY = 'check: 3000 services read, 3000 errors in T s\n';
const FIRST_ERROR =
  'services/s0.yaml:2:9: error yaml11-boolean: for_hg is the string "yes": YAML 1.2 reads yes as text, not as a boolean; write true\n';
const FIRST_WARNING =
  'services/s0.yaml:2:27: warning comment-in-text: the text of description ends here: " #" starts a YAML comment, so what follows is not part of the value; put the whole text in quotes to keep it\n';

describe('a reader that stops early leaves the status of input with errors: 1', () => {
  it('check: a long text report', () => {
    expect(piped('check --no-cache', broken)).toEqual({ out: FIRST_ERROR, err: SUMMARY, status: '1' });
  });

  it('check: a JSON report', () => {
    expect(piped('check --no-cache --format json', broken)).toEqual({ out: '{\n', err: '', status: '1' });
  });

  it('check: GitHub annotations', () => {
    const r = piped('check --no-cache --format github', broken);
    expect([r.out.startsWith('::error file=services/s0.yaml,line=2,col=9,'), r.err, r.status]).toEqual([
      true,
      SUMMARY,
      '1',
    ]);
  });

  it('build with standard error in the pipe writes nothing and ends with 1', () => {
    const r = piped('build --no-cache', broken, 'head -1', '2>&1');
    expect(r).toEqual({ out: FIRST_ERROR, err: '', status: '1' });
    expect([existsSync(join(broken, 'dist')), existsSync(join(broken, 'hosting'))]).toEqual([false, false]);
  });

  it('check with a single error, whose report fits in the pipe, ends with 1 as well', () => {
    const one = writeTree(tempDir('user-services-pipe-'), {
      'services/s0.yaml': 'technical_name: S0\nfor_hg: yes\n',
      'services/_platform.yaml': platformFile('S0'),
    });
    expect(piped('check --no-cache', one)).toEqual({
      out: FIRST_ERROR,
      err: 'check: 1 service read, 1 error in T s\n',
      status: '1',
    });
  });

  it('diff of a broken base, with standard error the pipe', () => {
    mkdirSync(join(broken, 'head'), { recursive: true });
    writeFileSync(join(broken, 'head/a.yaml'), 'technical_name: Call Waiting\n');
    const r = piped('diff --base services --services head', broken, 'head -1', '2>&1 >/dev/null');
    expect(r).toEqual({
      out: 'user-services diff: the base (services) has 3000 errors; both sides must build to be compared:\n',
      err: '',
      status: '1',
    });
  });

  it('diff --fail-on breaking with a breaking change, in each format', () => {
    for (const format of ['text', 'markdown', 'json']) {
      const r = piped(`diff --base base --fail-on breaking --format ${format}`, diffWork);
      expect([format, r.out.length > 1, r.err, r.status]).toEqual([format, true, '', '1']);
    }
  });

  it('serve of a catalog with errors prints them and ends with 1', () => {
    const r = piped('serve --port 0 --no-cache', broken, 'head -1', '2>&1');
    // serve has no --no-cache: a usage error, 2, even with the reader gone.
    expect(r).toEqual({ out: "user-services serve: Unknown option '--no-cache'\n", err: '', status: '2' });
    expect(piped('serve --port 0', broken, 'head -1', '2>&1')).toEqual({ out: FIRST_ERROR, err: '', status: '1' });
  });
});

describe('a reader that stops early leaves the status of good input: 0', () => {
  it('check of a catalog with warnings only: a long report', () => {
    expect(piped('check --no-cache', warned)).toEqual({
      out: FIRST_WARNING,
      err: 'check: 3000 services read, 0 errors, 3000 warnings in T s\n',
      status: '0',
    });
    const r = piped('check --no-cache --format json', warned);
    expect(r).toEqual({ out: '{\n', err: '', status: '0' });
  });

  it('build of a catalog with warnings only builds the site and ends with 0', () => {
    expect(piped('build --no-cache', warned, 'head -1', '2>&1')).toEqual({ out: FIRST_WARNING, err: '', status: '0' });
    const list = JSON.parse(readFileSync(join(warned, 'dist/api/v1/configs/user_services/index.json'), 'utf8'));
    expect([list.user_services.length, list.user_services[0]]).toEqual([
      3000,
      { technical_name: 'S0', display_name: 'S0', description: 'Parks a call', no_more_assignable: false },
    ]);
  });

  it('diff, in each format', () => {
    expect(piped('diff --base base', diffWork)).toEqual({
      out: 'API diff base -> services: Breaking API change\n',
      err: '',
      status: '0',
    });
    for (const format of ['markdown', 'json']) {
      const r = piped(`diff --base base --format ${format}`, diffWork);
      expect([format, r.out.length > 1, r.err, r.status]).toEqual([format, true, '', '0']);
    }
  });

  it('help, usage and version, with a reader gone before anything is written', () => {
    for (const args of ['--help', 'check --help', '--version']) {
      // The reader has exited before node has started: the first write fails.
      expect([args, piped(args, broken, 'true')]).toEqual([args, { out: '', err: '', status: '0' }]);
    }
    expect(piped('--help', broken)).toEqual({
      out: 'Usage: user-services <command> [options]\n',
      err: '',
      status: '0',
    });
  });

  it('new writes the file and ends with 0; a refused one with 1', () => {
    const work = writeTree(tempDir('user-services-pipe-'), { 'services/a.yaml': 'technical_name: Call Waiting\n' });
    expect(piped('new b --technical-name "Do Not Disturb"', work, 'true')).toEqual({ out: '', err: '', status: '0' });
    expect(readFileSync(join(work, 'services/b.yaml'), 'utf8')).toMatch(/^technical_name: Do Not Disturb$/m);
    expect(piped('new c --technical-name "Do Not Disturb"', work, 'true', '2>&1')).toEqual({
      out: '',
      err: '',
      status: '1',
    });
    expect(existsSync(join(work, 'services/c.yaml'))).toBe(false);
  });
});

describe('a reader that stops early leaves the status of a usage error: 2', () => {
  it('for every command, with a reader gone before anything is written', () => {
    for (const args of ['check --bogus', 'build --threads 0', 'serve --port x', 'diff', 'new', 'nope', '']) {
      expect([args, piped(args, broken, 'true', '2>&1')]).toEqual([args, { out: '', err: '', status: '2' }]);
    }
  });
});

describe('serve with its reader gone', () => {
  it('stops quietly with status 0 at its next line', async () => {
    const work = writeTree(tempDir('user-services-pipe-'), { 'services/a.yaml': 'technical_name: Call Waiting\n' });
    const script = `node ${quote(CLI)} serve --watch --port 0 2>&1 | head -1; echo "status=\${PIPESTATUS[0]}"`;
    const child = spawn('bash', ['-c', script], { cwd: work });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
    let ended = false;
    void closed.then(() => {
      ended = true;
    });
    // Each change makes serve print again: the first line after head has gone stops it.
    for (let i = 0; !ended && i < 100; i++) {
      await new Promise((r) => setTimeout(r, 200));
      writeFileSync(join(work, 'services/a.yaml'), `technical_name: Call Waiting\ndescription: edit ${i}\n`);
    }
    await closed;
    expect(out).toMatch(/^serve: 1 service read in \d+\.\d\d s\nstatus=0\n$/);
  });
});
