import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CLI, ROOT, runCli, untimed } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/fs.js';
import { platformFile } from '../helpers/platform.js';

const { version: VERSION } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

const USAGE =
  'Usage: user-services new <instance> --technical-name NAME [--display-name NAME] [--description TEXT] [--for hg,cc,ivr,enduser] [--services DIR]\n';

/** A working folder laid out as this repository (a schema, a guide, a check script) and a services folder holding these files. */
function workspace(services: Record<string, string> = {}): string {
  const root = tempDir();
  mkdirSync(join(root, 'services'));
  writeTree(root, {
    'schema/user-service.schema.json': '{}\n',
    'README.md': '# The catalog\n\n### Fields\n',
    'package.json': '{ "scripts": { "check": "user-services check" } }\n',
  });
  return writeTree(join(root, 'services'), services) && root;
}

const expectedFile = (fields: {
  instance: string;
  technical: string;
  display: string;
  description: string;
  flags: [boolean, boolean, boolean, boolean];
  schema?: string;
}) =>
  [
    `# yaml-language-server: $schema=${fields.schema ?? '../schema/user-service.schema.json'}`,
    `# The user service published at /api/v1/configs/user_services/${fields.instance}/`,
    '# Every field is described in ../README.md#fields; "npm run check" validates the file.',
    '',
    '# The BroadWorks name of the service. Clients key on it: never change it once published.',
    `technical_name: ${fields.technical}`,
    '# The name shown to people.',
    `display_name: ${fields.display}`,
    '# At most 1024 characters.',
    `description: ${fields.description}`,
    '# Set to true to stop new assignments, before the service is removed; then say when,',
    '# why and what instead, and when it goes (the instance URL sends these as headers):',
    'no_more_assignable: false',
    '# deprecation:',
    '#   since: 2025-03-01        # the day it was deprecated (YYYY-MM-DD)',
    '#   reason: replaced         # replaced, end-of-life, licence-withdrawn or security',
    '#   note: Assign other-service instead  # free text for people, at most 500 characters',
    '#   replaced_by: other-service',
    '#   sunset: 2025-12-31       # the day it will be removed',
    '# true lists the service in the filtered lists of Hunt Groups, Call Centers, IVR and End',
    '# Users. Turning a flag off later takes it out of a list: a breaking change for clients.',
    `for_hg: ${fields.flags[0]}`,
    `for_cc: ${fields.flags[1]}`,
    `for_ivr: ${fields.flags[2]}`,
    `for_enduser: ${fields.flags[3]}`,
    '# A free JSON object for future use, published as written.',
    'add_data: {}',
    '',
    '# Renaming this file changes its URL: list the old names and their URLs redirect here.',
    '# previous_names: [old-name]',
    '',
  ].join('\n');

describe('new', () => {
  it('writes a commented file with the schema line, prints its path, and the file passes check and fmt', () => {
    const root = workspace({ 'voicemail.yaml': 'technical_name: Voice Messaging User\n' });
    const run = runCli(['new', 'call-transfer', '--technical-name', 'Call Transfer', '--for', 'hg,enduser'], {
      cwd: root,
    });
    expect(run).toEqual({ status: 0, stdout: 'services/call-transfer.yaml\n', stderr: '' });
    expect(readFileSync(join(root, 'services/call-transfer.yaml'), 'utf8')).toBe(
      expectedFile({
        instance: 'call-transfer',
        technical: 'Call Transfer',
        display: 'Call Transfer',
        description: '""',
        flags: [true, false, false, true],
      }),
    );
    const check = runCli(['check'], { cwd: root });
    expect(check.status).toBe(0);
    expect(untimed(check.stderr)).toBe('check: 2 services read in T s\n');
    // The file is in the canonical form fmt writes (the other one is not).
    expect(runCli(['fmt', '--check'], { cwd: root }).stdout).toBe('services/voicemail.yaml: would reformat\n');
  });

  it('writes a file whose technical name BroadWorks does not know, and says so as check would', () => {
    const root = workspace({ '_platform.yaml': platformFile('Premium Concierge') });
    const run = runCli(['new', 'cfa', '--technical-name', 'Call Forwarding Alwyas'], { cwd: root });
    expect(run).toEqual({
      status: 0,
      stdout: 'services/cfa.yaml\n',
      stderr:
        'services/cfa.yaml:6:17: warning unknown-service-name: the technical_name "Call Forwarding Alwyas" is not a known BroadWorks user service name; did you mean "Call Forwarding Always"? BroadWorks compares service names exactly, and clients join the catalog with the names it returns, so they would not find this service; if the platform has a service of that name (a custom service, or one of a newer release), list it under extra_service_names in services/_platform.yaml\n',
    });
    const declared = runCli(['new', 'concierge', '--technical-name', 'Premium Concierge'], { cwd: root });
    expect(declared).toEqual({ status: 0, stdout: 'services/concierge.yaml\n', stderr: '' });
  });

  it('writes commented deprecation and previous_names examples that pass check once uncommented', () => {
    const root = workspace({ 'other-service.yaml': 'technical_name: Call Forwarding Selective\n' });
    expect(runCli(['new', 'call-park', '--technical-name', 'Call Forwarding Always'], { cwd: root }).status).toBe(0);
    const file = join(root, 'services/call-park.yaml');
    const uncommented = readFileSync(file, 'utf8')
      .replace('no_more_assignable: false', 'no_more_assignable: true')
      .replace(/^# (deprecation:| {2}[a-z_]+: .*|previous_names: .*)$/gm, '$1');
    expect(uncommented).toContain('\ndeprecation:\n  since: 2025-03-01 ');
    expect(uncommented).toContain('\n  note: Assign other-service instead  # free text for people');
    expect(uncommented).toContain('\nprevious_names: [old-name]\n');
    writeFileSync(file, uncommented);
    const check = runCli(['check'], { cwd: root });
    expect([check.status, untimed(check.stderr)]).toEqual([0, 'check: 2 services read in T s\n']);
  });

  it('takes a display name, a description, for_ flag names, a .yaml suffix, and quotes what YAML would misread', () => {
    const root = workspace();
    const run = runCli(
      [
        'new',
        'Odd.yaml',
        '--technical-name',
        'yes: 123 # not a comment',
        '--display-name',
        '123',
        '--description',
        'Line one\nline "two"',
        '--for',
        'for_cc, ivr',
      ],
      { cwd: root },
    );
    expect(run.stdout).toBe('services/Odd.yaml\n');
    const text = readFileSync(join(root, 'services/Odd.yaml'), 'utf8');
    expect(text).toBe(
      expectedFile({
        instance: 'Odd',
        technical: '"yes: 123 # not a comment"',
        display: '"123"',
        description: '"Line one\\nline \\"two\\""',
        flags: [false, true, true, false],
      }),
    );
    expect(parse(text)).toEqual({
      technical_name: 'yes: 123 # not a comment',
      display_name: '123',
      description: 'Line one\nline "two"',
      for_hg: false,
      for_cc: true,
      for_ivr: true,
      for_enduser: false,
      no_more_assignable: false,
      add_data: {},
    });
    expect(runCli(['check'], { cwd: root }).status).toBe(0);
  });

  it('writes files fmt --check passes, whatever the options and however their values must be quoted', () => {
    const root = workspace();
    const runs = [
      ['a', '--technical-name', 'Call Park'],
      ['b', '--technical-name', 'Call Pickup', '--display-name', 'Pick up: calls', '--for', 'hg,cc,ivr,enduser'],
      ['c', '--technical-name', 'true', '--display-name', "it's #1", '--description', 'Line one\nline "two"'],
      ['d.yaml', '--technical-name', '123', '--description', 'Überweisung 📞 [a] {b} *c &d !e', '--for', 'enduser'],
      ['e', '--technical-name', '- x', '--display-name', 'null', '--description', `${'long '.repeat(60)}end`],
      ['f', '--technical-name', 'Voicemail', '--description', 'tab\there, back\\slash', '--for', 'for_ivr, cc'],
    ];
    for (const args of runs) expect(runCli(['new', ...args], { cwd: root }).status).toBe(0);
    const fmt = runCli(['fmt', '--check'], { cwd: root });
    expect([fmt.status, fmt.stdout, untimed(fmt.stderr)]).toEqual([
      0,
      '',
      'fmt: 6 services read, 0 would be reformatted in T s\n',
    ]);
  });

  it('points the schema line at the nearest schema folder above the services folder', () => {
    const root = workspace();
    mkdirSync(join(root, 'catalog/team'), { recursive: true });
    runCli(['new', 'a', '--technical-name', 'A', '--services', 'catalog/team'], { cwd: root });
    expect(readFileSync(join(root, 'catalog/team/a.yaml'), 'utf8').split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../../schema/user-service.schema.json',
    );
    const bare = tempDir();
    mkdirSync(join(bare, 'services'));
    runCli(['new', 'a', '--technical-name', 'A'], { cwd: bare });
    // No schema anywhere above: this release's, on GitHub (test/e2e/new-home.test.ts).
    expect(readFileSync(join(bare, 'services/a.yaml'), 'utf8').split('\n')[0]).toBe(
      `# yaml-language-server: $schema=https://raw.githubusercontent.com/broadworks-config/user-services/v${VERSION}/schema/user-service.schema.json`,
    );
  });

  it('refuses to overwrite a file, and leaves it as it was', () => {
    const root = workspace({ 'voicemail.yaml': 'technical_name: Voicemail\n' });
    const run = runCli(['new', 'voicemail', '--technical-name', 'Other'], { cwd: root });
    expect(run).toEqual({
      status: 1,
      stdout: '',
      stderr:
        'user-services new: services/voicemail.yaml already exists; edit it instead, or choose another instance name\n',
    });
    expect(readFileSync(join(root, 'services/voicemail.yaml'), 'utf8')).toBe('technical_name: Voicemail\n');
  });

  it.each([
    [
      'an instance name that differs only in case from a .yml file',
      ['Voicemail', '--technical-name', 'Call Transfer'],
      'services/Voicemail.yaml:1:1: error duplicate-instance-name: the instance name "Voicemail" is also used by services/voicemail.yml (instance names ignore case and the .yaml/.yml extension); rename one of them',
    ],
    [
      'a technical name already used, ignoring case',
      ['other', '--technical-name', 'VOICE MESSAGING USER'],
      'services/other.yaml:6:17: error duplicate-technical-name: the technical_name "VOICE MESSAGING USER" is also used by services/voicemail.yml:1 as "Voice Messaging User": the two differ only in case (Unicode case folding); names a reader cannot tell apart are one name, so each service needs its own\n' +
        'services/other.yaml:6:17: warning unknown-service-name: the technical_name "VOICE MESSAGING USER" differs only in case from the BroadWorks user service name "Voice Messaging User"; BroadWorks compares service names exactly, and clients join the catalog with the names it returns, so they would not find this service: write "Voice Messaging User"',
    ],
    [
      'a reserved instance name',
      ['Filters', '--technical-name', 'Call Transfer'],
      'services/Filters.yaml:1:1: error reserved-instance-name: the instance name "Filters" is reserved for the API\'s own paths; rename the file',
    ],
    [
      'an instance name with a trailing dot',
      ['a.', '--technical-name', 'Call Transfer'],
      'services/a..yaml:1:1: error invalid-instance-name: the instance name "a." (the file name without .yaml) is not valid: it must not end with "."; rename the file',
    ],
    [
      'an instance name that starts with a dash',
      ['--technical-name', 'Call Transfer', '--', '-a'],
      'services/-a.yaml:1:1: error invalid-instance-name: the instance name "-a" (the file name without .yaml) is not valid: it must start with a letter or digit and use only letters A-Z, digits, "_", "." and "-"; rename the file',
    ],
    [
      'an instance name with a path in it',
      ['../escape', '--technical-name', 'Call Transfer'],
      'services/../escape.yaml:1:1: error invalid-instance-name: the instance name "../escape" (the file name without .yaml) is not valid: it must start with a letter or digit and use only letters A-Z, digits, "_", "." and "-"; rename the file',
    ],
    [
      'a technical name with doubled spaces',
      ['other', '--technical-name', 'Call  Transfer'],
      'services/other.yaml:6:17: error name-spacing: technical_name must not have two spaces in a row\n' +
        'services/other.yaml:8:15: error name-spacing: display_name must not have two spaces in a row',
    ],
  ])('refuses %s with the check message, and writes nothing', (_, args, diagnostic) => {
    const root = workspace({ 'voicemail.yml': 'technical_name: Voice Messaging User\n' });
    const run = runCli(['new', ...args], { cwd: root });
    const file = diagnostic.slice(0, diagnostic.indexOf(':'));
    expect(run).toEqual({
      status: 1,
      stdout: '',
      stderr: `user-services new: ${file} would not be valid, so it was not written:\n${diagnostic}\n`,
    });
    expect(readdirSync(join(root, 'services'))).toEqual(['voicemail.yml']);
    expect(readdirSync(root).sort()).toEqual(['README.md', 'package.json', 'schema', 'services']);
  });

  it.each([
    [[], 'the instance name is missing'],
    [['a'], '--technical-name is required'],
    [['a', 'b', '--technical-name', 'A'], 'unexpected argument: b'],
    [
      ['a', '--technical-name', 'A', '--for', 'hg,sip'],
      '--for takes a comma-separated list of hg, cc, ivr, enduser; "sip" is not one of them',
    ],
    [
      ['a', '--technical-name', 'A', '--services', 'missing'],
      'services folder not found: missing; create it, name another with --services DIR, or run "user-services init" to start a catalog repository',
    ],
  ])('%j is a usage error', (args, message) => {
    const root = workspace();
    writeFileSync(join(root, 'services/keep.yaml'), 'technical_name: Keep\n');
    const run = runCli(['new', ...args], { cwd: root });
    expect(run).toEqual({ status: 2, stdout: '', stderr: `user-services new: ${message}\n${USAGE}` });
    expect(readdirSync(join(root, 'services'))).toEqual(['keep.yaml']);
  });
});

/**
 * Runs the command line with arguments written as bash `$'...'` words, so that
 * `\xe9` passes the byte E9 as a Latin-1 terminal would, not UTF-8.
 */
function runWithBytes(words: readonly string[], cwd: string) {
  const script = `exec ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} ${words.map((w) => `$'${w}'`).join(' ')}`;
  const r = spawnSync('bash', ['-c', script], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const notUtf8 = (which: string, command: string, usage: string) =>
  `user-services ${command}: ${which} is not valid UTF-8 (U+FFFD stands for bytes that could not be decoded): the terminal's encoding may not be UTF-8; set a UTF-8 locale (for example LANG=C.UTF-8) and type it again\nUsage: ${usage}`;

describe('arguments that are not UTF-8', () => {
  it.each([
    [
      'the technical name (Latin-1 "Numéro Privé")',
      ['numero-prive', '--technical-name', 'Num\\xe9ro Priv\\xe9'],
      'the value of --technical-name',
    ],
    [
      'the technical name given with =',
      ['numero-prive', '--technical-name=Num\\xe9ro'],
      'the value of --technical-name',
    ],
    ['the display name', ['a', '--technical-name', 'A', '--display-name', 'Caf\\xe9'], 'the value of --display-name'],
    [
      'the description (a cut UTF-8 sequence)',
      ['a', '--technical-name', 'A', '--description', 'x \\xc3'],
      'the value of --description',
    ],
    ['the instance name', ['caf\\xe9', '--technical-name', 'A'], 'the argument "caf\uFFFD"'],
    ['the services folder', ['a', '--technical-name', 'A', '--services', 'servic\\xe9s'], 'the value of --services'],
  ])('new refuses %s with exit 2 and writes nothing', (_, words, which) => {
    const root = workspace({ 'voicemail.yaml': 'technical_name: Voicemail\n' });
    expect(runWithBytes(['new', ...words], root)).toEqual({
      status: 2,
      stdout: '',
      stderr: `${notUtf8(which, 'new', USAGE.slice('Usage: '.length))}`,
    });
    expect(readdirSync(join(root, 'services'))).toEqual(['voicemail.yaml']);
  });

  it.each([
    ['check', ['--services', 'servic\\xe9s'], 'the value of --services'],
    ['build', ['--out', 'd\\xe9st'], 'the value of --out'],
    ['build', ['--hosting-out', 'h\\xe9'], 'the value of --hosting-out'],
    ['diff', ['--base', 'v\\xe9'], 'the value of --base'],
    ['serve', ['--host', 'h\\xf4te'], 'the value of --host'],
  ])('%s refuses %j with exit 2 before reading or writing anything', (command, words, which) => {
    const root = workspace({ 'voicemail.yaml': 'technical_name: Voicemail\n' });
    const run = runWithBytes([command, ...words], root);
    expect([run.status, run.stdout, run.stderr.split('\n')[0]]).toEqual([
      2,
      '',
      notUtf8(which, command, '').split('\n')[0],
    ]);
    expect(readdirSync(root).sort()).toEqual(['README.md', 'package.json', 'schema', 'services']);
  });

  it('takes the same names typed in UTF-8', () => {
    const root = workspace({ '_platform.yaml': platformFile('Numéro Privé') });
    const run = runWithBytes(['new', 'numero-prive', '--technical-name', 'Num\\xc3\\xa9ro Priv\\xc3\\xa9'], root);
    expect(run).toEqual({ status: 0, stdout: 'services/numero-prive.yaml\n', stderr: '' });
    expect(parse(readFileSync(join(root, 'services/numero-prive.yaml'), 'utf8')).technical_name).toBe('Numéro Privé');
  });
});
