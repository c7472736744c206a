/**
 * A reader that closes the pipe early (`... | head -1`) is not a failure: every
 * command that prints ends quietly with status 0, whether the pipe is its
 * standard output or its standard error, with no stack trace and no exit 3.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, untimed } from './helpers/cli.js';
import { tempDir, writeTree } from './helpers/fs.js';

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * Runs `user-services <args>` in `cwd` with its output (`redirect` may send standard
 * error into the pipe instead) piped to `reader`: what the reader printed, the
 * command's own standard error (when not in the pipe) and its exit status.
 */
function piped(args: string, cwd: string, reader = 'head -1', redirect = '2>"$ERR"') {
  const err = join(tempDir('user-services-pipe-'), 'stderr');
  writeFileSync(err, '');
  const script = `node ${quote(CLI)} ${args} ${redirect} | ${reader}; echo "status=\${PIPESTATUS[0]}" >&2`;
  const r = spawnSync('bash', ['-c', script], { cwd, encoding: 'utf8', env: { ...process.env, ERR: err } });
  return { out: r.stdout, err: untimed(readFileSync(err, 'utf8')), status: /status=(\d+)/.exec(r.stderr)?.[1] };
}

let broken: string;
let diffWork: string;

beforeAll(() => {
  // Reports far larger than a pipe's buffer, so that the command is still writing when head has gone.
  const files: Record<string, string> = {};
  for (let i = 0; i < 3000; i++) files[`services/s${i}.yaml`] = `technical_name: S${i}\nfor_hg: yes\n`;
  broken = writeTree(tempDir('user-services-pipe-'), files);
  const base: Record<string, string> = { 'services/keep.yaml': 'technical_name: Keep\n' };
  for (let i = 0; i < 3000; i++) base[`base/s${i}.yaml`] = `technical_name: S${i}\n`;
  base['base/keep.yaml'] = 'technical_name: Keep\n';
  diffWork = writeTree(tempDir('user-services-pipe-'), base);
});

// Standard error is still read: the summary is printed in full.
const SUMMARY = 'check: 3000 services read, 3000 errors in T s\n';
const FIRST_ERROR =
  'services/s0.yaml:2:9: error yaml11-boolean: for_hg is the string "yes": YAML 1.2 reads yes as text, not as a boolean; write true\n';

describe('a reader that stops early', () => {
  it('ends check quietly with status 0: a long text report', () => {
    expect(piped('check --no-cache', broken)).toEqual({ out: FIRST_ERROR, err: SUMMARY, status: '0' });
  });

  it('ends check quietly with status 0: a JSON report', () => {
    expect(piped('check --no-cache --format json', broken)).toEqual({ out: '{\n', err: '', status: '0' });
  });

  it('ends check quietly with status 0: GitHub annotations', () => {
    const r = piped('check --no-cache --format github', broken);
    expect([r.out.startsWith('::error file=services/s0.yaml,line=2,col=9,'), r.err, r.status]).toEqual([
      true,
      SUMMARY,
      '0',
    ]);
  });

  it('ends diff quietly with status 0, in each format', () => {
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

  it('ends quietly with status 0 when the pipe is standard error (diff of a broken base)', () => {
    mkdirSync(join(broken, 'head'), { recursive: true });
    writeFileSync(join(broken, 'head/a.yaml'), 'technical_name: A\n');
    const r = piped('diff --base services --services head', broken, 'head -1', '2>&1 >/dev/null');
    expect(r).toEqual({
      out: 'user-services diff: the base (services) has 3000 errors; both sides must build to be compared:\n',
      err: '',
      status: '0',
    });
  });

  it('ends help, usage and version quietly with status 0, with a reader gone before anything is written', () => {
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

  it('stops serve quietly with status 0 at its next line', async () => {
    const work = writeTree(tempDir('user-services-pipe-'), { 'services/a.yaml': 'technical_name: A\n' });
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
      writeFileSync(join(work, 'services/a.yaml'), `technical_name: A\ndescription: edit ${i}\n`);
    }
    await closed;
    expect(out).toMatch(/^serve: 1 service read in \d+\.\d\d s\nstatus=0\n$/);
  });
});
