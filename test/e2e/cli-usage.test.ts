import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wantsColor } from '../../scripts/cli/io.js';
import { runCli, untimed } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/fs.js';

function catalog(files: Record<string, string>): string {
  return writeTree(tempDir(), Object.fromEntries(Object.entries(files).map(([k, v]) => [`services/${k}`, v])));
}

const broken = {
  'a.yaml': 'technical_name: Authentication\nfor_hg: no\n',
  'b.yaml': 'technical_name: Barge-in Exempt\n',
};

describe('check', () => {
  it('exits 0 on a valid catalog and writes nothing', () => {
    const work = catalog({ 'a.yaml': 'technical_name: Authentication\n' });
    const run = runCli(['check'], { cwd: work });
    expect([run.status, run.stdout, untimed(run.stderr)]).toEqual([0, '', 'check: 1 service read in T s\n']);
    expect(existsSync(join(work, 'dist'))).toBe(false);
  });

  it('exits 1 and prints text diagnostics relative to the working directory', () => {
    const work = catalog(broken);
    const run = runCli(['check', '--services', join(work, 'services')], { cwd: join(work, 'services') });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe(
      'a.yaml:2:9: error yaml11-boolean: for_hg is the string "no": YAML 1.2 reads no as text, not as a boolean; write false\n',
    );
    expect(untimed(run.stderr)).toBe('check: 2 services read, 1 error in T s\n');
  });

  it('prints GitHub annotations with --format github', () => {
    const run = runCli(['check', '--format', 'github'], { cwd: catalog(broken) });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe(
      '::error file=services/a.yaml,line=2,col=9,title=yaml11-boolean::for_hg is the string "no": YAML 1.2 reads no as text, not as a boolean; write false\n',
    );
  });

  it('prints one JSON document and nothing else with --format json', () => {
    const run = runCli(['check', '--format=json'], { cwd: catalog(broken) });
    expect([run.status, run.stderr]).toEqual([1, '']);
    const body = JSON.parse(run.stdout);
    expect(body.diagnostics).toEqual([
      {
        code: 'yaml11-boolean',
        severity: 'error',
        file: 'services/a.yaml',
        line: 2,
        column: 9,
        message: 'for_hg is the string "no": YAML 1.2 reads no as text, not as a boolean; write false',
        args: { field: 'for_hg', found: 'no', write: 'false' },
      },
    ]);
    expect({ ...body.summary, seconds: 0 }).toEqual({
      command: 'check',
      services: 2,
      errors: 1,
      warnings: 0,
      seconds: 0,
    });
  });

  it('reports an empty services folder as an input error', () => {
    const work = tempDir();
    mkdirSync(join(work, 'services'));
    const run = runCli(['check'], { cwd: work });
    expect([run.status, run.stdout]).toEqual([
      1,
      'services:1:1: error no-services: no service files (*.yaml, *.yml) in services; add one, e.g. with "user-services new <instance>"\n',
    ]);
  });
});

describe('build --format json', () => {
  it('includes what was written in the summary', () => {
    const work = catalog({ 'a.yaml': 'technical_name: Authentication\n' });
    const run = runCli(['build', '--format', 'json'], { cwd: work });
    expect(run.status).toBe(0);
    const { summary, diagnostics } = JSON.parse(run.stdout);
    expect(diagnostics).toEqual([]);
    expect(summary.files.written).toBeGreaterThanOrEqual(17);
    expect(summary.files).toEqual({ written: summary.files.written, unchanged: 0, removed: 0 });
  });
});

describe('usage errors exit 2', () => {
  const work = catalog({ 'a.yaml': 'technical_name: Authentication\n' });
  symlinkSync('services', join(work, 'linked'));
  it.each([
    [['frobnicate'], /^user-services: unknown command "frobnicate"\n\nUsage: user-services <command>/],
    [[], /^Usage: user-services <command> \[options\]/],
    [['build', '--colour'], /^user-services build: Unknown option '--colour'\nUsage: user-services build/],
    [['check', '--format', 'xml'], /^user-services check: --format must be one of text, github, json, not "xml"\n/],
    [['check', 'extra'], /^user-services check: unexpected argument: extra\n/],
    [
      ['check', '--services', 'nowhere'],
      /^user-services check: services folder not found: nowhere; create it, name another with --services DIR, or run "user-services init" to start a catalog repository\n/,
    ],
    [
      ['check', '--services', 'services/a.yaml'],
      /^user-services check: services folder is not a folder: services\/a.yaml\n/,
    ],
    [
      ['check', '--services', 'linked'],
      /^user-services check: services folder is a symbolic link, which is not followed: linked\n/,
    ],
  ])('%j', (args, message) => {
    const run = runCli(args, { cwd: work });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });

  it('prints help on --help with status 0', () => {
    const run = runCli(['build', '--help'], { cwd: work });
    expect(run.status).toBe(0);
    // The whole text is recorded in test/e2e/snapshots/help-build.md.
    expect(run.stdout.split('\n').slice(0, 5)).toEqual([
      'Usage: user-services build [--services DIR] [--out DIR] [--hosting-out DIR] [--no-compress] [--format text|github|json] [--pretty] [--no-cache] [--threads N] [--history N] [--signing-key FILE] [--signing-key-env NAME]',
      '',
      'Validate the service files and write the static API.',
      '',
      'Options:',
    ]);
  });
});

describe('colour', () => {
  const io = (isTTY: boolean, env: Record<string, string>) => ({
    cwd: '/',
    env,
    stdout: { write: () => true, isTTY },
    stderr: { write: () => true, isTTY },
  });
  it('is used on a terminal only, and never with NO_COLOR', () => {
    expect(wantsColor(io(true, {}))).toBe(true);
    expect(wantsColor(io(false, {}))).toBe(false);
    expect(wantsColor(io(true, { NO_COLOR: '1' }))).toBe(false);
    expect(wantsColor(io(true, { TERM: 'dumb' }))).toBe(false);
  });

  it('is absent when output is piped', () => {
    const run = runCli(['check'], { cwd: catalog(broken) });
    expect(run.stdout).not.toContain('\u001b[');
  });
});

describe('an empty folder option is a usage error, not the working directory', () => {
  const BUILD =
    'Usage: user-services build [--services DIR] [--out DIR] [--hosting-out DIR] [--no-compress] [--format text|github|json] [--pretty] [--no-cache] [--threads N] [--history N] [--signing-key FILE] [--signing-key-env NAME]\n';
  const NEW =
    'Usage: user-services new <instance> --technical-name NAME [--display-name NAME] [--description TEXT] [--for hg,cc,ivr,enduser] [--services DIR]\n';
  it.each([
    [['build', '--out', ''], 'build', '--out is empty: give a folder (its default is dist)', BUILD],
    [['build', '--out='], 'build', '--out is empty: give a folder (its default is dist)', BUILD],
    [
      ['build', '--hosting-out', ''],
      'build',
      '--hosting-out is empty: give a folder (its default is hosting beside the site)',
      BUILD,
    ],
    [
      ['check', '--services', ''],
      'check',
      '--services is empty: give a folder (its default is services)',
      'Usage: user-services check [--services DIR] [--format text|github|json] [--no-cache] [--threads N] [--as-of YYYY-MM-DD]\n',
    ],
    [
      ['new', 'x', '--technical-name', 'X', '--services', ''],
      'new',
      '--services is empty: give a folder (its default is services)',
      NEW,
    ],
  ])('%s: exit 2, nothing written', (args, name, message, usage) => {
    const work = catalog({ 'a.yaml': 'technical_name: Authentication\n' });
    expect(runCli(args, { cwd: work })).toEqual({
      status: 2,
      stdout: '',
      stderr: `user-services ${name}: ${message}\n${usage}`,
    });
    expect(existsSync(join(work, 'x.yaml'))).toBe(false);
    expect(existsSync(join(work, 'dist'))).toBe(false);
  });
});
