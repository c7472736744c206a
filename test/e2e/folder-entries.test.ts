/**
 * Which entries of the services folder are service files: hidden entries are
 * skipped everywhere; every other entry that is not a `.yaml`/`.yml` file gets
 * a located warning instead of vanishing, and is not counted as a service.
 * `check`, `build`, the cache's listing, the git reader and `diff` agree.
 */

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readServicesAtRevision } from '../../scripts/adapters/git.js';
import { readServices } from '../../scripts/adapters/read-services.js';
import { statServices } from '../../scripts/adapters/stat-services.js';
import { KINDS } from '../../scripts/core/kinds/index.js';
import { entryRole } from '../../scripts/core/reading/input.js';
import { runCli, untimed } from '../helpers/cli.js';
import { analyzeInput } from '../helpers/core.js';
import { readTree, tempDir, writeTree } from '../helpers/fs.js';
import { git, gitRepo } from '../helpers/git.js';

const API = 'api/v1/configs/user_services';
const CATALOG = 'node_modules/.cache/user-services/catalog.json';
const HINT = ', or move it out of the services folder (names starting with "." are skipped without a warning)';
const FILE = `this file is not read: service files end in .yaml or .yml; rename it if it is a service${HINT}`;
const FOLDER = `this folder is not read: service files lie directly in the services folder; move the services in it up${HINT}`;
const LINK = `this symbolic link is not read: service files are plain files ending in .yaml or .yml${HINT}`;
const OTHER = `this entry is not read: service files are plain files ending in .yaml or .yml${HINT}`;
const warned = (path: string, message: string) => `services/${path}:1:1: warning not-a-service-file: ${message}\n`;

/** A folder with one service, hidden entries, and one entry of every other kind. */
function mixedFolder(): string {
  const work = writeTree(tempDir('user-services-entries-'), {
    'services/voicemail.yaml': 'technical_name: Voice Messaging User\n',
    'services/voicemail.yaml.bak': 'technical_name: Voicemail\n',
    'services/voicemail.json': '{"technical_name": "Voicemail Copy"}\n',
    'services/README.md': '# services\n',
    'services/sub/nested.yaml': 'technical_name: Nested\n',
    'services/.#voicemail.yaml': 'operator@host.1234\n',
    'services/.voicemail.yaml.swp': 'swap\n',
    'services/.git/HEAD': 'ref: refs/heads/main\n',
  });
  symlinkSync('voicemail.yaml', join(work, 'services/link.txt'));
  expect(spawnSync('mkfifo', [join(work, 'services/pipe')]).status).toBe(0);
  return work;
}

const MIXED_WARNINGS =
  warned('README.md', FILE) +
  warned('link.txt', LINK) +
  warned('pipe', OTHER) +
  warned('sub', FOLDER) +
  warned('voicemail.json', FILE) +
  warned('voicemail.yaml.bak', FILE);

describe('entries of the services folder that are not service files', () => {
  it('are named by entryRole: hidden, service or ignored', () => {
    const roles = ['.#a.yaml', '.a.yaml.swp', '..yaml', '.git', 'a.yaml', 'B.YML', 'c.Yaml', 'a.yaml.bak', 'a.json']
      .concat(['README.md', 'yaml', 'a.yaml~', 'a.ymll', 'sub'])
      .map((name) => `${name} ${entryRole(name)}`);
    expect(roles).toEqual([
      '.#a.yaml hidden',
      '.a.yaml.swp hidden',
      '..yaml hidden',
      '.git hidden',
      'a.yaml service',
      'B.YML service',
      'c.Yaml service',
      'a.yaml.bak ignored',
      'a.json ignored',
      'README.md ignored',
      'yaml ignored',
      'a.yaml~ ignored',
      'a.ymll ignored',
      'sub ignored',
    ]);
  });

  it('each get a warning from check, which does not count them and exits 0', () => {
    const run = runCli(['check', '--no-cache'], { cwd: mixedFolder() });
    expect([run.status, run.stdout, untimed(run.stderr)]).toEqual([
      0,
      MIXED_WARNINGS,
      'check: 1 service read, 0 errors, 6 warnings in T s\n',
    ]);
  });

  it('are warned of in JSON with their type', () => {
    const run = runCli(['check', '--no-cache', '--format', 'json'], { cwd: mixedFolder() });
    expect([run.status, run.stderr]).toEqual([0, '']);
    const report = JSON.parse(run.stdout);
    expect(report.diagnostics.map((d: { file: string; args: { type: string } }) => `${d.file} ${d.args.type}`)).toEqual(
      [
        'services/README.md file',
        'services/link.txt symbolic-link',
        'services/pipe other',
        'services/sub directory',
        'services/voicemail.json file',
        'services/voicemail.yaml.bak file',
      ],
    );
    expect(report.diagnostics[3]).toEqual({
      code: 'not-a-service-file',
      severity: 'warning',
      file: 'services/sub',
      line: 1,
      column: 1,
      message: FOLDER,
      args: { type: 'directory' },
    });
    expect({ ...report.summary, seconds: 0 }).toEqual({
      command: 'check',
      services: 1,
      errors: 0,
      warnings: 6,
      seconds: 0,
    });
  });

  it('are warned of by build alike, which publishes the service files alone', () => {
    const work = mixedFolder();
    const checked = runCli(['check', '--no-cache'], { cwd: work });
    const built = runCli(['build', '--no-cache', '--no-compress'], { cwd: work });
    expect([built.status, built.stdout]).toEqual([0, checked.stdout]);
    expect(untimed(built.stderr)).toMatch(/^build: 1 service read, 0 errors, 6 warnings, \d+ files written, /);
    const site = readTree(join(work, 'dist'));
    const instances = [...site.keys()].filter((p) =>
      /^api\/v1\/configs\/user_services\/[^_/][^/]*\/index\.json$/.test(p),
    );
    expect(instances).toEqual([`${API}/voicemail/index.json`]);
  });

  it('leave a folder holding nothing else without services: no-services, with the warnings beside it', () => {
    const work = writeTree(tempDir('user-services-entries-'), {
      'services/voicemail.yaml.bak': 'technical_name: Voicemail\n',
      'services/voicemail.json': '{}\n',
      'services/sub/nested.yaml': 'technical_name: Nested\n',
      'services/.#voicemail.yaml': 'lock\n',
    });
    const run = runCli(['check', '--no-cache'], { cwd: work });
    expect([run.status, run.stdout, untimed(run.stderr)]).toEqual([
      1,
      'services:1:1: error no-services: no service files (*.yaml, *.yml) in services; add one, e.g. with "user-services new <instance>"\n' +
        warned('sub', FOLDER) +
        warned('voicemail.json', FILE) +
        warned('voicemail.yaml.bak', FILE),
      'check: 0 services read, 1 error, 3 warnings in T s\n',
    ]);
  });

  it('are skipped without a word when hidden, even named like service files', () => {
    const work = writeTree(tempDir('user-services-entries-'), {
      'services/a.yaml': 'technical_name: Authentication\n',
      'services/.#a.yaml': 'lock\n',
      'services/.a.yaml': 'technical_name: [broken\n',
      'services/.hidden/b.yaml': 'technical_name: B\n',
    });
    const run = runCli(['check', '--no-cache'], { cwd: work });
    expect([run.status, run.stdout, untimed(run.stderr)]).toEqual([0, '', 'check: 1 service read in T s\n']);
  });
});

describe('the listing that tells a run nothing changed', () => {
  // Past the clock tick within which the listing is doubted (see stat-services.ts).
  const settle = () => new Promise((r) => setTimeout(r, 120));

  it('changes with a new entry that is not a service file, and not with a hidden one', async () => {
    const dir = writeTree(tempDir(), { 'a.yaml': 'technical_name: Authentication\n', 'notes.txt': 'x\n' });
    await settle();
    const before = statServices(dir, dir);
    expect(before).toMatch(/^[0-9a-f]{40}$/);
    writeFileSync(join(dir, '.#a.yaml'), 'lock\n');
    mkdirSync(join(dir, '.cache'));
    // The content of an entry that is not read does not count; only its name and type do.
    writeFileSync(join(dir, 'notes.txt'), 'changed\n');
    expect(statServices(dir, dir)).toBe(before);
    writeFileSync(join(dir, 'a.yaml.bak'), 'technical_name: A\n');
    const added = statServices(dir, dir);
    expect(added).not.toBe(before);
    renameSync(join(dir, 'a.yaml.bak'), join(dir, 'b.json'));
    expect([before, added]).not.toContain(statServices(dir, dir));
  });

  it('lets a warm check give the warnings a cold one gives, and see a new entry at once', async () => {
    const work = mixedFolder();
    writeFileSync(join(work, 'package.json'), '{}\n');
    await settle();
    const cold = runCli(['check'], { cwd: work });
    const warm = runCli(['check'], { cwd: work });
    expect([warm.status, warm.stdout, untimed(warm.stderr)]).toEqual([cold.status, cold.stdout, untimed(cold.stderr)]);
    expect(cold.stdout).toBe(MIXED_WARNINGS);
    expect(readFileSync(join(work, CATALOG), 'utf8')).toContain('"listing"');
    writeFileSync(join(work, 'services/notes.txt'), 'x\n');
    await settle();
    const after = runCli(['check'], { cwd: work });
    expect(after.stdout).toBe(
      MIXED_WARNINGS.replace(warned('pipe', OTHER), `${warned('notes.txt', FILE)}${warned('pipe', OTHER)}`),
    );
    expect(untimed(after.stderr)).toBe('check: 1 service read, 0 errors, 7 warnings in T s\n');
  });
});

describe('the two sides of diff', () => {
  it('list the same entries from the folder and from git, and warn alike', async () => {
    const repo = gitRepo({
      'services/a.yaml': 'technical_name: Authentication\n',
      'services/a.yaml.bak': 'technical_name: A\n',
      'services/README.md': '# services\n',
      'services/.#a.yaml': 'lock\n',
      'services/.hidden/x.yaml': 'technical_name: X\n',
      'services/sub/nested.yaml': 'technical_name: Nested\n',
    });
    symlinkSync('a.yaml', join(repo, 'services/link.md'));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'link');
    const fromGit = await readServicesAtRevision('HEAD', 'services', repo, process.env, KINDS);
    const fromFolder = await readServices(join(repo, 'services'), repo, KINDS);
    expect(fromGit).toEqual(fromFolder);
    expect(fromGit.ignored).toEqual([
      { path: 'services/README.md', type: 'file' },
      { path: 'services/a.yaml.bak', type: 'file' },
      { path: 'services/link.md', type: 'symbolic-link' },
      { path: 'services/sub', type: 'directory' },
    ]);
    expect(analyzeInput(fromGit)).toEqual(analyzeInput(fromFolder));
    expect(analyzeInput(fromGit).diagnostics.map((d) => `${d.file} ${d.severity} ${d.code}`)).toEqual([
      'services/README.md warning not-a-service-file',
      'services/a.yaml.bak warning not-a-service-file',
      'services/link.md warning not-a-service-file',
      'services/sub warning not-a-service-file',
    ]);
  });

  it('compare a service renamed to .yaml.bak as a service removed', () => {
    const repo = gitRepo({
      'services/a.yaml': 'technical_name: Authentication\n',
      'services/b.yaml': 'technical_name: Barge-in Exempt\n',
    });
    renameSync(join(repo, 'services/b.yaml'), join(repo, 'services/b.yaml.bak'));
    const run = runCli(['diff', '--base', 'HEAD', '--format', 'json'], { cwd: repo });
    expect(run.status).toBe(0);
    const changes = JSON.parse(run.stdout).changes.map(
      (c: { kind: string; instance: string }) => `${c.kind} ${c.instance}`,
    );
    expect(changes).toEqual(['removed b']);
  });
});
