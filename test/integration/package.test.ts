/**
 * The adoption path of a new operator, end to end and offline: `npm pack` this
 * repository, install the tarball in a fresh git repository of their own, write
 * a service, check, build, commit, change it, diff against the previous commit,
 * and commit through the pre-commit hook, which pre-commit installs from this
 * repository's release tree. Nothing outside the temporary folder is touched.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaffold } from '../../scripts/cli/scaffold.js';
import { checkoutState, must, operatorEnv, releaseOfThisRepository, run } from '../helpers/adoption.js';
import { ROOT } from '../helpers/cli.js';
import { tempDir } from '../helpers/fs.js';
import { programAvailable } from '../helpers/program.js';
import { readYaml } from '../helpers/workflows.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const work = tempDir('user-services-adoption-');
const env = operatorEnv(work);
const repo = join(work, 'catalog');
let before = '';
let tarball = '';
let packed: string[] = [];

/** What `diff --format markdown` says of turning for_cc off: the pull request's comment. */
const DIFF = `❌ **Breaking API change** from \`HEAD~1\` to \`services\` (1 service changed: 1 breaking).
<!-- user-services-diff -->

| Class | Instance | Change | Lists |
|---|---|---|---|
| ❌ breaking | \`voicemail\` | \`for_cc\` true → false | leaves 2 lists |

<details><summary>Details</summary>

**\`voicemail\`** (breaking): changed
- \`for_cc\`: \`true\` → \`false\` (breaking)
- leaves \`/api/v1/configs/user_services/filters/for_cc/\`
- leaves \`/api/v1/configs/user_services/filters/for_hg/for_cc/\`

**Other files of the site**
- changed \`api/v1/configs/user_services/_full/index.json\`
- changed \`api/v1/configs/user_services/_index/index.json\`
- changed \`api/v1/configs/user_services/_manifest/index.json\`
- changed \`index.html\`

</details>
`;

/** Every file below a folder of this repository, by its path from the root. */
const filesBelow = (dir: string): string[] =>
  readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(ROOT, path)).isDirectory() ? filesBelow(path) : [path];
  });

beforeAll(() => {
  before = checkoutState(env);
  // lib/ was bundled by `npm test`: pack what it holds, without running prepare in this checkout.
  const out = must(env, ROOT, 'npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work]);
  const [info] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
  tarball = join(work, info?.filename ?? '');
  packed = (info?.files ?? []).map((f) => f.path).sort();
  must(env, work, 'git', ['init', '-q', '-b', 'main', repo]);
});

afterAll(() => {
  // The checkout this test ran from is as it was: status, HEAD, package files and bundle.
  expect(checkoutState(env)).toBe(before);
});

describe('the package', () => {
  it('holds the command line, the schema, README, LICENSE and package.json, and nothing else', () => {
    const expected = [
      'LICENSE',
      'README.md',
      'package.json',
      ...filesBelow('lib'),
      ...filesBelow('schema'),
      ...filesBelow('data'),
    ];
    expect(packed).toEqual(expected.sort());
    expect(filesBelow('schema').length).toBeGreaterThan(0);
    expect(filesBelow('lib')).toContain(pkg.bin['user-services']);
  });

  it('is named in a scope, installs the bin user-services, and needs nothing at run time', () => {
    expect(pkg.name).toMatch(/^@[a-z0-9-]+\/user-services$/);
    expect(pkg.private).toBeUndefined();
    expect(pkg.bin).toEqual({ 'user-services': 'lib/user-services.mjs' });
    expect(pkg.dependencies).toBeUndefined();
    expect(pkg.files).toEqual(['lib/', 'schema/', 'data/']);
    expect(tarball.endsWith(`${pkg.name.slice(1).replace('/', '-')}-${pkg.version}.tgz`)).toBe(true);
  });
});

describe('the pre-commit hook definition', () => {
  it('installs this package (language node), runs its bin on the whole catalog when a service file is staged', () => {
    const hooks = readYaml<Record<string, unknown>[]>('.pre-commit-hooks.yaml');
    expect(hooks).toEqual([
      {
        id: 'user-services-check',
        name: 'user-services check',
        description: 'Validates every service file, each problem at its file:line:col.',
        entry: `${Object.keys(pkg.bin)[0]} check`,
        language: 'node',
        files: '^services/[^/]+\\.[yY][aA]?[mM][lL]$',
        pass_filenames: false,
        minimum_pre_commit_version: '3.0.0',
      },
      {
        id: 'user-services-fmt',
        name: 'user-services fmt',
        description: 'Rewrites every service file into its canonical form; files with errors are left and reported.',
        entry: `${Object.keys(pkg.bin)[0]} fmt`,
        language: 'node',
        files: '^services/[^/]+\\.[yY][aA]?[mM][lL]$',
        pass_filenames: false,
        minimum_pre_commit_version: '3.0.0',
      },
    ]);
    const files = new RegExp(String(hooks[0]?.files));
    const staged = ['services/a.yaml', 'services/B.YML', 'services/x.yml', 'schema/a.json', 'test/services/a.yaml'];
    expect(staged.filter((f) => files.test(f))).toEqual(['services/a.yaml', 'services/B.YML', 'services/x.yml']);
    expect(['services/a.txt', 'services/sub/a.yaml', 'services/a.yaml.bak'].filter((f) => files.test(f))).toEqual([]);
  });
});

/** What init writes, in its order, as it prints them. */
/** The files init writes, in the order it prints them (the tarball's init must write the same). */
const SCAFFOLD = [...scaffold().keys()];

/** npm 11 lists packages with a prepare script (run only for installs from git) until allowed: nothing else. */
const npmWarnings = (stderr: string) =>
  stderr
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('npm warn install-scripts') && !l.startsWith('npm notice'));

describe('a new catalog repository, step by step', () => {
  const npx = (...args: string[]) => run(env, repo, 'npx', ['--offline', 'user-services', ...args]);
  const git = (...args: string[]) => must(env, repo, 'git', args);

  it('runs init from the tarball, offline: the files of a catalog repository, the package pinned', () => {
    const init = run(env, repo, 'npx', ['--offline', '--yes', '--package', tarball, 'user-services', 'init']);
    expect(init).toEqual({
      status: 0,
      stdout: SCAFFOLD.map((f) => `${f}\n`).join(''),
      stderr: `init: ${SCAFFOLD.length} files written; next: npm install, then npm run check\n`,
    });
    const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
    expect(manifest.devDependencies).toEqual({ [pkg.name]: pkg.version });
  });

  it("installs the tarball offline (for the registry's version), with an empty npm cache", () => {
    const r = run(env, repo, 'npm', ['install', '--offline', '--save-dev', tarball]);
    expect(npmWarnings(r.stderr)).toEqual([]);
    expect(r.stdout).toMatch(/^\nadded 1 package in \d+m?s\n$/);
    expect(r.status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
    expect(manifest.devDependencies).toEqual({ [pkg.name]: `file:${relative(repo, tarball)}` });
    expect(npx('--version')).toEqual({ status: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('writes a service with new, its schema line resolving to the installed schema, checks and builds', () => {
    expect(npx('new', 'voicemail', '--technical-name', 'Voice Messaging User', '--for', 'hg,cc')).toEqual({
      status: 0,
      stdout: 'services/voicemail.yaml\n',
      stderr: '',
    });
    const text = readFileSync(join(repo, 'services/voicemail.yaml'), 'utf8');
    const schema = `../node_modules/${pkg.name}/schema/user-service.schema.json`;
    expect(text.split('\n')[0]).toBe(`# yaml-language-server: $schema=${schema}`);
    expect(readFileSync(join(repo, 'services', schema), 'utf8')).toBe(
      readFileSync(join(ROOT, 'schema/user-service.schema.json'), 'utf8'),
    );
    const check = npx('check');
    expect(check.stderr).toMatch(/^check: 2 services read in \d+\.\d\d s\n$/);
    expect(check.status).toBe(0);
    const build = npx('build');
    expect(build.status).toBe(0);
    const instance = readFileSync(join(repo, 'dist/api/v1/configs/user_services/voicemail/index.json'), 'utf8');
    expect(instance).toBe(
      '{"technical_name":"Voice Messaging User","display_name":"Voice Messaging User","description":"","no_more_assignable":false,"for_hg":true,"for_ivr":false,"for_cc":true,"for_enduser":false,"add_data":{}}\n',
    );
  });

  it("commits (what the build wrote kept out by init's .gitignore), changes the service, and diffs", () => {
    git('add', '-A');
    git('commit', '-q', '-m', 'Voicemail');
    const tracked = git('ls-files')
      .split('\n')
      .filter((f) => f !== '');
    expect(tracked).toEqual([...SCAFFOLD, 'package-lock.json', 'services/voicemail.yaml'].sort());
    const file = join(repo, 'services/voicemail.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('for_cc: true', 'for_cc: false'));
    git('commit', '-q', '-am', 'Voicemail leaves Call Centers');
    const diff = npx('diff', '--base', 'HEAD~1', '--format', 'markdown');
    expect(diff).toEqual({ status: 0, stdout: DIFF, stderr: '' });
    expect(npx('diff', '--base', 'HEAD~1', '--fail-on', 'breaking').status).toBe(1);
  });
});

describe.runIf(programAvailable('/usr/bin/pre-commit'))('the pre-commit hook, installed from this repository', () => {
  // The first commit installs the hook as pre-commit does (npm install, npm pack, npm install --global of the
  // tarball) from the release tree, which needs no other package: npm runs offline.
  const offline = { npm_config_offline: 'true' };
  const commit = (message: string) => run(env, repo, 'git', ['commit', '-q', '-m', message], offline);
  let hookRepo = { path: '', rev: '' };

  beforeAll(() => {
    hookRepo = releaseOfThisRepository(env, join(work, 'hook-repository'));
    // init's configuration names this repository on GitHub at this release; offline, the release tree stands for it.
    const config = join(repo, '.pre-commit-config.yaml');
    const released = readFileSync(config, 'utf8');
    expect(released).toContain(
      `  - repo: https://github.com/broadworks-config/user-services\n    rev: v${pkg.version}\n`,
    );
    writeFileSync(
      config,
      released
        .replace('https://github.com/broadworks-config/user-services', hookRepo.path)
        .replace(`v${pkg.version}`, hookRepo.rev),
    );
  });

  it('runs on commit: a good change passes, fmt fixes what it can and stops the commit, a bad one fails with the located message, others skip them', () => {
    must(env, repo, 'pre-commit', ['install']);
    const file = join(repo, 'services/voicemail.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('description: ""', 'description: Messages'));
    must(env, repo, 'git', ['add', '-A']);
    const good = commit('Describe the voice mail');
    expect(good.stderr).toMatch(/^user-services fmt\.+Passed$/m);
    expect(good.stderr).toMatch(/^user-services check\.+Passed$/m);
    expect(good.status).toBe(0);

    // A mistake with one fix: fmt writes it and stops the commit, so that the fixed file is staged.
    const before = must(env, repo, 'git', ['rev-parse', 'HEAD']);
    writeFileSync(file, readFileSync(file, 'utf8').replace('for_ivr: false', 'for_ivr: yes'));
    must(env, repo, 'git', ['add', 'services']);
    const fixed = commit('Voice mail for IVR, written yes');
    expect(fixed.stderr).toMatch(/^user-services fmt\.+Failed$/m);
    expect(fixed.stderr).toContain('- files were modified by this hook\n');
    expect(fixed.stderr).toContain('services/voicemail.yaml: reformatted\n');
    expect(fixed.status).toBe(1);
    expect(must(env, repo, 'git', ['rev-parse', 'HEAD'])).toBe(before);
    expect(readFileSync(file, 'utf8')).toContain('\nfor_ivr: true\n');
    must(env, repo, 'git', ['add', 'services']);
    expect(commit('Voice mail for IVR').status).toBe(0);

    // A mistake fmt cannot fix: both hooks fail and say where it is.
    writeFileSync(file, `${readFileSync(file, 'utf8')}colour: red\n`);
    must(env, repo, 'git', ['add', 'services']);
    const head = must(env, repo, 'git', ['rev-parse', 'HEAD']);
    const bad = commit('Colour the voice mail');
    expect(bad.stderr).toMatch(/^user-services fmt\.+Failed$/m);
    expect(bad.stderr).toMatch(/^user-services check\.+Failed$/m);
    const line = readFileSync(file, 'utf8').split('\n').indexOf('colour: red') + 1;
    expect(bad.stderr).toContain(`services/voicemail.yaml:${line}:1: error unknown-field: unknown field "colour"`);
    expect(bad.stderr).toMatch(/^check: 2 services read, 1 error in \d+\.\d\d s$/m);
    expect(bad.status).toBe(1);
    expect(must(env, repo, 'git', ['rev-parse', 'HEAD'])).toBe(head);

    must(env, repo, 'git', ['reset', '-q']);
    writeFileSync(join(repo, 'README.md'), '# Our user services\n');
    must(env, repo, 'git', ['add', 'README.md']);
    const other = commit('A README');
    expect(other.stderr).toMatch(/^user-services fmt\.+\(no files to check\)Skipped$/m);
    expect(other.stderr).toMatch(/^user-services check\.+\(no files to check\)Skipped$/m);
    expect(other.status).toBe(0);
  }, 180_000);
});
