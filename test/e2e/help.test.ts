/**
 * `user-services <command> --help` teaches the command: every option with its
 * default and meaning, and examples, recorded in test/e2e/snapshots/help-*.md.
 * Help, usage, the parser and the README's option tables are all made from or
 * checked against the same declarations (scripts/cli/option-decls.ts).
 * Colour follows NO_COLOR and FORCE_COLOR.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Command } from '../../scripts/cli/command.js';
import { commands } from '../../scripts/cli/commands/index.js';
import { plain } from '../../scripts/cli/help.js';
import { type OptionDecl, optionLabel } from '../../scripts/cli/option-decls.js';
import { CLI, ROOT, runCli } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/fs.js';

const SNAPSHOTS = join(import.meta.dirname, 'snapshots');
const NAMES = Object.keys(commands);
const load = async (name: string): Promise<Command> => (await commands[name]?.()) as Command;

describe('help of each command', () => {
  for (const name of NAMES) {
    it(`${name} --help: as recorded, and the same as help ${name}`, async () => {
      const run = runCli([name, '--help'], { cwd: tempDir(), env: { NO_COLOR: '1' } });
      expect(run.status).toBe(0);
      expect(run.stderr).toBe('');
      await expect(`# user-services ${name} --help\n\n\`\`\`\n${run.stdout}\`\`\`\n`).toMatchFileSnapshot(
        join(SNAPSHOTS, `help-${name}.md`),
      );
      expect(runCli(['help', name], { cwd: tempDir() })).toEqual(run);
      expect(runCli(['--help', name], { cwd: tempDir() })).toEqual(run);
      expect(runCli(['-h', name], { cwd: tempDir() })).toEqual(run);
      expect(runCli([name, '-h'], { cwd: tempDir() })).toEqual(run);
    });

    it(`${name} --help: names every option the parser takes, with its default or "required", and examples`, async () => {
      const command = await load(name);
      const text = runCli([name, '--help'], { cwd: tempDir() }).stdout;
      const lines = text.split('\n');
      for (const d of command.options) {
        const line = lines.find((l) => l.startsWith(`  ${optionLabel(d, true)} `));
        const tail = d.required === true ? ' (required)' : ` (default: ${plain(d.shownDefault)})`;
        expect(line?.endsWith(`  ${plain(d.meaning)}${tail}`), `${name} --${d.name}`).toBe(true);
        // The parser takes it: an unknown option would be refused with status 2.
        const args = d.type === 'boolean' ? [`--${d.name}`, '--help'] : [`--${d.name}`, 'x', '--help'];
        expect(runCli([name, ...args], { cwd: tempDir() }).status).toBe(0);
      }
      expect(lines[0]).toBe(`Usage: ${command.usage}`);
      const examples = lines.slice(lines.findIndex((l) => /^Examples?:$/.test(l)) + 1).filter((l) => l !== '');
      expect(examples.length).toBeGreaterThanOrEqual(1);
      expect(examples.every((l) => l.startsWith(`  user-services ${name}`))).toBe(true);
    });
  }

  it('help of an unknown command is refused with the list of commands, status 2', () => {
    const run = runCli(['help', 'publish'], { cwd: tempDir() });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')[0]).toBe('user-services: unknown command "publish"');
  });
});

/**
 * The rows of the first README table after `heading` whose header starts with
 * `first`: `[option, default, meaning]`, Markdown as written (`\\|` a `|` in a cell).
 */
function readmeTable(heading: string, first = 'option'): string[][] {
  const text = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const from = text.indexOf(`\n| ${first} `, text.indexOf(`\n${heading}\n`));
  const table = text.slice(from + 1, text.indexOf('\n\n', from));
  return table
    .split('\n')
    .slice(2)
    .map((row) =>
      row
        .slice(2, -2)
        .split(/ +\| /)
        .map((cell) => cell.trim()),
    );
}

const rowsOf = (decls: readonly OptionDecl[]) =>
  decls.map((d) => [`\`${optionLabel(d, false).replaceAll('|', '\\|')}\``, d.shownDefault, d.meaning]);

describe("the README's option tables", () => {
  it('"Command line" lists the options of build, and those check adds to the ones it shares, as declared', async () => {
    const [build, check] = [await load('build'), await load('check')];
    const own = check.options.filter((d) => !build.options.includes(d));
    expect(own.map((d) => d.name)).toEqual(['as-of']);
    expect(readmeTable('## Command line')).toEqual(rowsOf(build.options));
    expect(readmeTable('## Command line', '`check` option')).toEqual(rowsOf(own));
  });

  it('"Preview server" lists the options of serve as declared', async () => {
    expect(readmeTable('## Preview server')).toEqual(rowsOf((await load('serve')).options));
  });

  it('"Pull requests" lists the options of diff and those of new as declared', async () => {
    expect(readmeTable('## Pull requests', '`diff` option')).toEqual(rowsOf((await load('diff')).options));
    expect(readmeTable('## Pull requests', '`new` option')).toEqual(rowsOf((await load('new')).options));
  });

  it('"Formatting" lists the options of fmt as declared', async () => {
    expect(readmeTable('### Formatting: fmt', '`fmt` option')).toEqual(rowsOf((await load('fmt')).options));
  });
});

describe('colour', () => {
  const work = writeTree(tempDir('user-services-colour-'), { 'services/x.yaml': 'technical_name: [\n' });
  /** `check` of a broken file, its output piped (never a terminal), in an environment with only these colour settings. */
  const check = (colour: Record<string, string>) => {
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', ...colour };
    const r = spawnSync(process.execPath, [CLI, 'check', '--no-cache'], { cwd: work, env, encoding: 'utf8' });
    expect(r.status).toBe(1);
    return r.stdout.includes('\u001b[');
  };

  it('is off when the output is not a terminal, and FORCE_COLOR turns it on unless it is 0 or false', () => {
    expect(check({})).toBe(false);
    expect(check({ FORCE_COLOR: '1' })).toBe(true);
    expect(check({ FORCE_COLOR: '' })).toBe(true);
    expect(check({ FORCE_COLOR: '3' })).toBe(true);
    expect(check({ FORCE_COLOR: 'true' })).toBe(true);
    expect(check({ FORCE_COLOR: '0' })).toBe(false);
    expect(check({ FORCE_COLOR: 'false' })).toBe(false);
    expect(check({ FORCE_COLOR: 'FALSE' })).toBe(false);
  });

  it('FORCE_COLOR wins over NO_COLOR and TERM=dumb when both are set', () => {
    expect(check({ FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(true);
    expect(check({ FORCE_COLOR: '1', TERM: 'dumb' })).toBe(true);
    expect(check({ FORCE_COLOR: '0', NO_COLOR: '' })).toBe(false);
  });
});
