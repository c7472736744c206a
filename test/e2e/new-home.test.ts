/**
 * What `new` writes in each kind of repository: a schema line that resolves,
 * from the new file's folder, to the schema that repository really has, and
 * comments that point only at files that exist there or at this release's
 * pages. Here (this repository's schema/ and README.md#fields), in an
 * operator's repository (the installed package's schema), and elsewhere.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/fs.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const FIELDS = `https://github.com/broadworks-config/user-services/blob/v${pkg.version.split('.')[0]}/README.md#fields`;
const SCHEMA = `https://raw.githubusercontent.com/broadworks-config/user-services/v${pkg.version}/schema/user-service.schema.json`;
const INSTALLED = `node_modules/${pkg.name}/schema/user-service.schema.json`;

/** The first three lines `new` writes for `voicemail` in `services` (below `cwd`), and the file's path. */
function header(cwd: string, services = 'services'): { lines: string[]; file: string } {
  mkdirSync(join(cwd, services), { recursive: true });
  const run = runCli(['new', 'voicemail', '--technical-name', 'Voicemail', '--services', services], { cwd });
  expect(run.status).toBe(0);
  const file = join(cwd, services, 'voicemail.yaml');
  return { lines: readFileSync(file, 'utf8').split('\n').slice(0, 3), file };
}

const schemaOf = (lines: string[]) => (lines[0] ?? '').replace('# yaml-language-server: $schema=', '');
const fieldsLine = (fields: string, check: string) =>
  `# Every field is described in ${fields}; "${check}" validates the file.`;

describe('new in this repository', () => {
  // A folder inside this checkout that git ignores, removed afterwards.
  mkdirSync(join(ROOT, '.scratch'), { recursive: true });
  const here = mkdtempSync(join(ROOT, '.scratch', 'new-home-'));
  afterAll(() => rmSync(here, { recursive: true, force: true }));

  it("points at this repository's schema and its README's Fields section, and npm run check", () => {
    const { lines, file } = header(here, 'ops/services');
    const depth = `${here
      .slice(ROOT.length)
      .split('/')
      .filter(Boolean)
      .map(() => '..')
      .join('/')}/../..`;
    expect(lines[0]).toBe(`# yaml-language-server: $schema=${depth}/schema/user-service.schema.json`);
    expect(resolve(dirname(file), schemaOf(lines))).toBe(join(ROOT, 'schema/user-service.schema.json'));
    expect(lines[2]).toBe(fieldsLine(`${depth}/README.md#fields`, 'npm run check'));
    expect(readFileSync(resolve(dirname(file), `${depth}/README.md`), 'utf8')).toMatch(/^### Fields$/m);
  });

  it("CONTRIBUTING.md's example of a new file is what new writes in services/ here", () => {
    // A copy of this repository's schema, README and manifest: new writes into it as into services/ here.
    const copy = tempDir('user-services-copy-');
    for (const f of ['schema/user-service.schema.json', 'README.md', 'package.json']) {
      mkdirSync(dirname(join(copy, f)), { recursive: true });
      copyFileSync(join(ROOT, f), join(copy, f));
    }
    mkdirSync(join(copy, 'services'));
    const args = ['new', 'call-park', '--technical-name', 'Call Park', '--for', 'hg,enduser'];
    expect(runCli(args, { cwd: copy }).status).toBe(0);
    const written = readFileSync(join(copy, 'services/call-park.yaml'), 'utf8').split('\n').slice(0, 3);
    const guide = readFileSync(join(ROOT, 'CONTRIBUTING.md'), 'utf8');
    const example = /```yaml\n(# yaml-language-server[^\n]*\n[^\n]*\n[^\n]*)\n/.exec(guide)?.[1]?.split('\n');
    expect(example).toEqual(written);
    expect(written[2]).toBe(fieldsLine('../README.md#fields', 'npm run check'));
  });
});

describe('new beside a copy of the schema', () => {
  const copy = (files: Record<string, string>) =>
    writeTree(tempDir('user-services-copy-'), { 'schema/user-service.schema.json': '{}\n', ...files });

  it.each([
    ['a README with a Fields heading: that section', { 'README.md': '# Ours\n\n## Fields  \n' }, '../README.md#fields'],
    ['a README without one: the package README', { 'README.md': '# Ours\n\nFields are ours.\n' }, FIELDS],
    ['a CONTRIBUTING.md only: the package README', { 'CONTRIBUTING.md': '### Fields\n' }, FIELDS],
    ['no guide at all: the package README', {}, FIELDS],
  ])('%s', (_, files, fields) => {
    const { lines } = header(copy(files));
    expect(lines[2]).toBe(fieldsLine(fields, 'user-services check'));
  });
});

describe("new in an operator's repository", () => {
  /** A repository that installed the package: its schema in node_modules, a package.json with these scripts. */
  const operator = (scripts: Record<string, string> | null) => {
    const root = tempDir('user-services-operator-');
    const manifest: Record<string, string> =
      scripts === null ? {} : { 'package.json': JSON.stringify({ private: true, scripts }) };
    writeTree(root, { ...manifest, [`node_modules/${pkg.name}/package.json`]: '{}\n' });
    mkdirSync(join(root, dirname(INSTALLED)), { recursive: true });
    copyFileSync(join(ROOT, 'schema/user-service.schema.json'), join(root, INSTALLED));
    return root;
  };

  it("points at the installed package's schema, this release's README, and npm run check", () => {
    const root = operator({ check: 'user-services check' });
    const { lines, file } = header(root);
    expect(lines).toEqual([
      `# yaml-language-server: $schema=../${INSTALLED}`,
      '# The user service published at /api/v1/configs/user_services/voicemail/',
      fieldsLine(FIELDS, 'npm run check'),
    ]);
    expect(existsSync(resolve(dirname(file), schemaOf(lines)))).toBe(true);
    expect(existsSync(join(root, 'CONTRIBUTING.md'))).toBe(false);
  });

  it('from a services folder deeper down, and without a check script says user-services check', () => {
    const root = operator({ build: 'user-services build' });
    const { lines, file } = header(root, 'catalog/team/services');
    expect(lines[0]).toBe(`# yaml-language-server: $schema=../../../${INSTALLED}`);
    expect(existsSync(resolve(dirname(file), schemaOf(lines)))).toBe(true);
    expect(lines[2]).toBe(fieldsLine(FIELDS, 'user-services check'));
  });

  it('through a linked parent folder: the path climbs from the folder the file really is in', () => {
    const root = operator({ check: 'user-services check' });
    mkdirSync(join(root, 'ops/cat/services'), { recursive: true });
    symlinkSync('ops/cat', join(root, 'catlink'));
    const { lines, file } = header(root, 'catlink/services');
    expect(lines[0]).toBe(`# yaml-language-server: $schema=../../../${INSTALLED}`);
    expect(realpathSync(resolve(realpathSync(dirname(file)), schemaOf(lines)))).toBe(
      realpathSync(join(root, INSTALLED)),
    );
    expect(lines[2]).toBe(fieldsLine(FIELDS, 'npm run check'));
  });

  it('through a link that leads deeper or shallower than where it is named', () => {
    const deeper = operator({ check: 'user-services check' });
    mkdirSync(join(deeper, 'a/b/c/services'), { recursive: true });
    symlinkSync('a/b/c', join(deeper, 'team'));
    expect(header(deeper, 'team/services').lines[0]).toBe(`# yaml-language-server: $schema=../../../../${INSTALLED}`);
    const shallower = operator({ check: 'user-services check' });
    mkdirSync(join(shallower, 'top/services'), { recursive: true });
    mkdirSync(join(shallower, 'a/b'), { recursive: true });
    symlinkSync('../../top', join(shallower, 'a/b/up'));
    expect(header(shallower, 'a/b/up/services').lines[0]).toBe(`# yaml-language-server: $schema=../../${INSTALLED}`);
  });

  it('a package.json that is not JSON: user-services check, and the file is still written', () => {
    const root = operator(null);
    writeTree(root, { 'package.json': '{ not json' });
    expect(header(root).lines[2]).toBe(fieldsLine(FIELDS, 'user-services check'));
  });
});

describe('new elsewhere', () => {
  it("with a schema folder and a README with Fields: that section; with nothing: this release's schema, the package README", () => {
    const copy = writeTree(tempDir(), {
      'schema/user-service.schema.json': '{}\n',
      'README.md': '# Catalog\n\n### Fields\n',
    });
    expect(header(copy).lines.slice(0, 3)).toEqual([
      '# yaml-language-server: $schema=../schema/user-service.schema.json',
      '# The user service published at /api/v1/configs/user_services/voicemail/',
      fieldsLine('../README.md#fields', 'user-services check'),
    ]);
    // The guide too is named from the file's real folder.
    mkdirSync(join(copy, 'teams/ops/services'), { recursive: true });
    symlinkSync('teams/ops', join(copy, 'ops'));
    expect(header(copy, 'ops/services').lines[2]).toBe(fieldsLine('../../../README.md#fields', 'user-services check'));
    const bare = tempDir();
    expect(header(bare).lines).toEqual([
      `# yaml-language-server: $schema=${SCHEMA}`,
      '# The user service published at /api/v1/configs/user_services/voicemail/',
      fieldsLine(FIELDS, 'user-services check'),
    ]);
  });
});
