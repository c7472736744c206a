/**
 * `user-services init [DIR]`: a catalog repository that works at once, or,
 * when any of its files exists or the folder cannot be used, a located
 * refusal and nothing written at all.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { actionlint, PASSED } from '../helpers/actionlint.js';
import { CLI, ROOT, runCli, untimed } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/fs.js';
import { git, gitRepo } from '../helpers/git.js';
import { snapshot } from '../helpers/snapshot.js';
import { canDropPrivileges, unprivileged } from '../helpers/unprivileged.js';
import { type Action, expr, readYaml } from '../helpers/workflows.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const FILES = [
  'package.json',
  'services/call-forwarding-always.yaml',
  '.gitignore',
  '.github/workflows/pull-request.yml',
  '.github/workflows/publish.yml',
  '.github/workflows/sunset.yml',
  '.vscode/settings.json',
  '.pre-commit-config.yaml',
  'README.md',
];
const SCHEMA = `node_modules/${pkg.name}/schema/user-service.schema.json`;
const EXISTS = (path: string) =>
  `${path}:1:1: error init-file-exists: ${path} exists already (a file); init never replaces a file, so it wrote nothing. Move it aside, or run init in another folder\n`;

/** A new repository made by init in `catalog` below a temporary folder. */
function initialized(): { work: string; repo: string } {
  const work = tempDir('user-services-init-');
  const run = runCli(['init', 'catalog'], { cwd: work });
  expect(run).toEqual({
    status: 0,
    stdout: FILES.map((f) => `catalog/${f}\n`).join(''),
    stderr: 'init: 9 files written in catalog; next: cd catalog, then npm install, then npm run check\n',
  });
  return { work, repo: join(work, 'catalog') };
}

/** What `npm install` gives the repository: the package's schema where the editor settings and the files expect it. */
function installSchema(repo: string): void {
  mkdirSync(dirname(join(repo, SCHEMA)), { recursive: true });
  copyFileSync(join(ROOT, 'schema/user-service.schema.json'), join(repo, SCHEMA));
}

const read = (repo: string, path: string) => readFileSync(join(repo, path), 'utf8');

describe('init writes a catalog repository that works at once', () => {
  it('depends on this package pinned to this version, with the scripts check, fmt, build, diff and new', () => {
    const { repo } = initialized();
    expect(JSON.parse(read(repo, 'package.json'))).toEqual({
      private: true,
      description: 'Our BroadWorks user services, as configuration as code',
      scripts: {
        check: 'user-services check',
        fmt: 'user-services fmt',
        build: 'user-services build',
        diff: 'user-services diff',
        new: 'user-services new',
      },
      devDependencies: { [pkg.name]: pkg.version },
    });
  });

  it('writes the example service as new writes it in that repository, and it passes check and fmt --check', () => {
    const { repo } = initialized();
    installSchema(repo);
    const example = read(repo, FILES[1] as string);
    rmSync(join(repo, FILES[1] as string));
    const args = ['--technical-name', 'Call Forwarding Always', '--for', 'hg,cc,ivr,enduser'];
    const description = ['--description', 'Sends every incoming call to another number'];
    expect(runCli(['new', 'call-forwarding-always', ...args, ...description], { cwd: repo }).status).toBe(0);
    expect(read(repo, FILES[1] as string)).toBe(example);
    expect(example.split('\n')[0]).toBe(`# yaml-language-server: $schema=../${SCHEMA}`);
    const check = runCli(['check'], { cwd: repo });
    expect([check.status, check.stdout, untimed(check.stderr)]).toEqual([0, '', 'check: 1 service read in T s\n']);
    // In fmt's canonical form: the pre-commit fmt hook lets the first commit through.
    const fmt = runCli(['fmt', '--check'], { cwd: repo });
    expect([fmt.status, fmt.stdout, untimed(fmt.stderr)]).toEqual([
      0,
      '',
      'fmt: 1 service read, 0 would be reformatted in T s\n',
    ]);
  });

  it('keeps out of git every path a build writes, and the cache', () => {
    const { repo } = initialized();
    git(repo, 'init', '-q');
    expect(runCli(['build'], { cwd: repo }).status).toBe(0);
    expect(runCli(['build', '--no-compress'], { cwd: repo }).status).toBe(0);
    const listed = git(repo, 'status', '--porcelain', '--untracked-files=all', '--ignored');
    const untracked = listed.split('\n').filter((l) => l.startsWith('?? '));
    expect(untracked.map((l) => l.slice(3)).sort()).toEqual([...FILES].sort());
    const ignored = listed.split('\n').filter((l) => l.startsWith('!! '));
    expect(ignored.map((l) => l.slice(3).split('/')[0]).sort()).toEqual(
      expect.arrayContaining(['.dist.builds', '.hosting.builds', 'dist', 'hosting', 'node_modules']),
    );
  });

  it("maps the installed schema to the service files in the editor's settings", () => {
    const { repo } = initialized();
    const settings = JSON.parse(read(repo, '.vscode/settings.json'));
    expect(settings).toEqual({ 'yaml.schemas': { [`./${SCHEMA}`]: ['services/*.yaml', 'services/*.yml'] } });
    installSchema(repo);
    expect(readFileSync(resolve(repo, Object.keys(settings['yaml.schemas'])[0] as string), 'utf8')).toBe(
      read(ROOT, 'schema/user-service.schema.json'),
    );
  });

  it("uses this repository's action at this release on Node.js 22 and 24, and actionlint passes them", () => {
    const { repo } = initialized();
    const action = readYaml<Action>('action.yml');
    const uses = `broadworks-config/user-services@v${pkg.version}`;
    const pr = parse(read(repo, '.github/workflows/pull-request.yml'));
    expect(pr.jobs.api.strategy.matrix).toEqual({ node: [22, 24] });
    expect(pr.jobs.api.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    const publish = parse(read(repo, '.github/workflows/publish.yml'));
    const sunset = parse(read(repo, '.github/workflows/sunset.yml'));
    const steps = [...pr.jobs.api.steps, ...publish.jobs.build.steps, ...sunset.jobs.sunset.steps].filter(
      (s) => s.uses === uses,
    );
    expect(steps.map((s) => s.with.command)).toEqual(['pull-request', 'build', 'check']);
    for (const s of steps) expect(Object.keys(s.with).filter((k) => !(k in action.inputs))).toEqual([]);
    expect(publish.jobs.build.steps.find((s: { uses?: string }) => s.uses === uses).with['node-version']).toBe('24');
    // Daily, with the day's date: a service past its sunset fails the run.
    expect(sunset.on).toEqual({ schedule: [{ cron: '17 5 * * *' }], workflow_dispatch: null });
    expect(steps[2].with.args).toBe(`--as-of ${expr('steps.today.outputs.date')}`);
    expect(sunset.jobs.sunset.steps[1].run).toBe('echo "date=$(date -u +%F)" >> "$GITHUB_OUTPUT"');
    const lint = actionlint({
      'pull-request.yml': read(repo, '.github/workflows/pull-request.yml'),
      'publish.yml': read(repo, '.github/workflows/publish.yml'),
      'sunset.yml': read(repo, '.github/workflows/sunset.yml'),
    });
    expect(lint.output).toBe(PASSED(3));
    expect(lint.status).toBe(0);
  }, 120_000);

  it("configures pre-commit with this repository's hooks at this release: fmt, then check", () => {
    const { repo } = initialized();
    const hooks = readYaml<{ id: string; entry: string }[]>('.pre-commit-hooks.yaml');
    const id = (entry: string) => hooks.find((h) => h.entry === entry)?.id;
    expect([id('user-services fmt'), id('user-services check')]).toEqual(['user-services-fmt', 'user-services-check']);
    expect(parse(read(repo, '.pre-commit-config.yaml'))).toEqual({
      repos: [
        {
          repo: 'https://github.com/broadworks-config/user-services',
          rev: `v${pkg.version}`,
          hooks: [{ id: 'user-services-fmt' }, { id: 'user-services-check' }],
        },
      ],
    });
  });

  it('pins one version in package.json, the workflows and pre-commit; its README upgrades all three at once', () => {
    const { repo } = initialized();
    git(repo, 'init', '-q');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'init');
    const readme = read(repo, 'README.md');
    const section = readme.slice(readme.indexOf('## Upgrading user-services\n'));
    const commands = /```sh\n([\s\S]*?)```/.exec(section)?.[1]?.split('\n') ?? [];
    // The last command installs what package.json now pins (from the registry): run the others.
    expect(commands.slice(-2)).toEqual(['npm install', '']);
    const script = commands.slice(0, -2).join('\n').replace('v=X.Y.Z', 'v=2.13.4');
    const r = spawnSync('bash', ['-e', '-c', script], { cwd: repo, encoding: 'utf8' });
    expect([r.status, r.stdout, r.stderr]).toEqual([0, '', '']);
    const changed = git(repo, 'status', '--porcelain', '--untracked-files=all');
    expect(changed).toBe(
      [
        ' M .github/workflows/publish.yml',
        ' M .github/workflows/pull-request.yml',
        ' M .github/workflows/sunset.yml',
        ' M .pre-commit-config.yaml',
        ' M package.json',
        '',
      ].join('\n'),
    );
    const diff = git(repo, 'diff', '-U0', '--no-prefix')
      .split('\n')
      .filter((l) => /^[-+] /.test(l) || /^[-+]\s+"/.test(l));
    expect(diff).toEqual([
      `-      - uses: broadworks-config/user-services@v${pkg.version}`,
      '+      - uses: broadworks-config/user-services@v2.13.4',
      `-      - uses: broadworks-config/user-services@v${pkg.version}`,
      '+      - uses: broadworks-config/user-services@v2.13.4',
      `-      - uses: broadworks-config/user-services@v${pkg.version}`,
      '+      - uses: broadworks-config/user-services@v2.13.4',
      `-    rev: v${pkg.version}`,
      '+    rev: v2.13.4',
      `-    "${pkg.name}": "${pkg.version}"`,
      `+    "${pkg.name}": "2.13.4"`,
    ]);
    // The pins were the only places: the documentation links name the major tag, which moves.
    const files = git(repo, 'ls-files').trim().split('\n');
    const left = files.filter((f) => read(repo, f).includes(pkg.version));
    expect(left).toEqual([]);
    const major = `v${pkg.version.split('.')[0]}`;
    const links = files.flatMap(
      (f) => read(repo, f).match(/https:\/\/github\.com\/\S+?\/blob\/[^/]+\/\S+#[a-z-]+/g) ?? [],
    );
    expect([...new Set(links)].sort()).toEqual([
      `https://github.com/broadworks-config/user-services/blob/${major}/CONTRIBUTING.md#publishing`,
      `https://github.com/broadworks-config/user-services/blob/${major}/README.md#fields`,
      `https://github.com/broadworks-config/user-services/blob/${major}/README.md#hosting`,
      `https://github.com/broadworks-config/user-services/blob/${major}/README.md#keeping-a-copy-in-sync`,
    ]);
  });

  it('writes into the working directory, an existing folder with other files, or a folder it makes', () => {
    const work = writeTree(tempDir('user-services-init-'), { 'notes.txt': 'ours\n', 'services/notes.md': 'x\n' });
    const run = runCli(['init'], { cwd: work });
    expect(run).toEqual({
      status: 0,
      stdout: FILES.map((f) => `${f}\n`).join(''),
      stderr: 'init: 9 files written; next: npm install, then npm run check\n',
    });
    expect(read(work, 'notes.txt')).toBe('ours\n');
    expect(runCli(['init', 'a/b/c'], { cwd: work }).status).toBe(0);
    expect(read(work, 'a/b/c/package.json')).toBe(read(work, 'package.json'));
  });
});

describe("init publishes the branch DIR's git repository is on", () => {
  const published = (repo: string) => parse(read(repo, '.github/workflows/publish.yml')).on.push.branches;
  const diffLine = (repo: string) =>
    read(repo, 'README.md')
      .split('\n')
      .find((l) => l.startsWith('npm run diff'));

  it('an unborn master (git init without init.defaultBranch): master in the workflow and the README, and said so', () => {
    const work = tempDir('user-services-init-');
    git(work, 'init', '-q', '-b', 'master');
    expect(runCli(['init'], { cwd: work })).toEqual({
      status: 0,
      stdout: FILES.map((f) => `${f}\n`).join(''),
      stderr:
        'init: 9 files written; the workflows publish the branch master (the current one); next: npm install, then npm run check\n',
    });
    expect(published(work)).toEqual(['master']);
    expect(diffLine(work)).toBe('npm run diff -- --base master     # what a change does to the API');
    expect(read(work, 'README.md')).toContain('\nEach push to the branch `master` is built and published');
    expect(read(work, '.github/workflows/publish.yml').split('\n')[0]).toBe(
      '# The branch master: user-services builds the site and GitHub Pages publishes it.',
    );
  });

  it('a DIR init makes inside a repository: its branch, even with characters GitHub and sh read as syntax', () => {
    const work = tempDir('user-services-init-');
    git(work, 'init', '-q', '-b', "rel+1!x's");
    const run = runCli(['init', 'ops/catalog'], { cwd: work });
    expect([run.status, run.stderr]).toEqual([
      0,
      "init: 9 files written in ops/catalog; the workflows publish the branch rel+1!x's (the current one); next: cd ops/catalog, then npm install, then npm run check\n",
    ]);
    const repo = join(work, 'ops/catalog');
    expect(read(repo, '.github/workflows/publish.yml')).toContain('    branches: ["rel\\\\+1\\\\!x\'s"]\n');
    expect(published(repo)).toEqual(["rel\\+1\\!x's"]);
    expect(diffLine(repo)).toBe("npm run diff -- --base 'rel+1!x'\\''s' # what a change does to the API");
    const lint = actionlint({ 'publish.yml': read(repo, '.github/workflows/publish.yml') });
    expect([lint.status, lint.output]).toEqual([0, PASSED(1)]);
  }, 120_000);

  it('main, said nothing of, on main, on a detached HEAD and outside git', () => {
    const onMain = tempDir('user-services-init-');
    git(onMain, 'init', '-q', '-b', 'main');
    const detached = gitRepo({ 'notes.txt': 'x\n' });
    git(detached, 'checkout', '-q', '--detach');
    for (const work of [onMain, detached, tempDir('user-services-init-')]) {
      expect(runCli(['init', 'c'], { cwd: work }).stderr).toBe(
        'init: 9 files written in c; next: cd c, then npm install, then npm run check\n',
      );
      expect(published(join(work, 'c'))).toEqual(['main']);
      expect(diffLine(join(work, 'c'))).toBe('npm run diff -- --base main       # what a change does to the API');
    }
  });
});

describe('init says how to reach the repository and publish it', () => {
  it('cd DIR first when DIR is not the working directory, quoted for sh when it must be', () => {
    const work = tempDir('user-services-init-');
    const next = (args: string[]) => runCli(['init', ...args], { cwd: work }).stderr.replace(/^.*; next: /, '');
    expect(next(['nested/deeper/repo'])).toBe('cd nested/deeper/repo, then npm install, then npm run check\n');
    expect(next(["our repo's"])).toBe("cd 'our repo'\\''s', then npm install, then npm run check\n");
    expect(next(['./'])).toBe('npm install, then npm run check\n');
  });

  it("its README says Pages' source and the 404 of folder URLs, linking the Hosting section", () => {
    const { repo } = initialized();
    const readme = read(repo, 'README.md');
    const major = `v${pkg.version.split('.')[0]}`;
    expect(readme.slice(readme.indexOf('## Publishing\n'), readme.indexOf('The workflow fetches every'))).toBe(
      [
        '## Publishing',
        '',
        'Each push to the branch `main` is built and published to GitHub Pages by',
        "`.github/workflows/publish.yml`. In the repository's settings, under Pages, the",
        'source must be "GitHub Actions", or nothing is published. GitHub Pages answers a',
        "folder URL only with an `index.html`, so the spec's folder URLs",
        '(`/api/v1/configs/user_services/`, `.../<instance>/`) answer 404 there: clients',
        'request the files themselves (`/api/v1/configs/user_services/index.json`). Where',
        "clients need the spec's URLs, publish to one of the hosts in",
        `[the tool's README](https://github.com/broadworks-config/user-services/blob/${major}/README.md#hosting), which answer them.`,
        '',
        '',
      ].join('\n'),
    );
    expect(readme).toContain(
      'npm install                       # once: installs user-services at the version package.json pins\n',
    );
  });
});

describe("init beside the operator's own service files writes no example", () => {
  const CFA = 'technical_name: Call Forwarding Always\ndisplay_name: Call Forwarding Always\n';
  const written = (prefix: string) => FILES.filter((f) => !f.startsWith('services/')).map((f) => `${prefix}${f}\n`);

  it('a service with the example technical name under another file name: no example, and the catalog checks', () => {
    const work = writeTree(tempDir('user-services-init-'), { 'services/call-forwarding-always.yml': CFA });
    expect(runCli(['init'], { cwd: work })).toEqual({
      status: 0,
      stdout: written('').join(''),
      stderr:
        'init: 8 files written; services holds 1 service file already, so no example was written; next: npm install, then npm run check\n',
    });
    expect(readdirSync(join(work, 'services'))).toEqual(['call-forwarding-always.yml']);
    expect(read(work, 'services/call-forwarding-always.yml')).toBe(CFA);
    const check = runCli(['check'], { cwd: work });
    expect([check.status, check.stdout, untimed(check.stderr)]).toEqual([0, '', 'check: 1 service read in T s\n']);
  });

  it('any service file (.yaml, .YML), counted; hidden files and other entries are not services', () => {
    const work = writeTree(tempDir('user-services-init-'), {
      'c/services/a.yaml': 'x: 1\n',
      'c/services/B.YML': 'x: 1\n',
      'c/services/.swap.yaml': '',
    });
    expect(runCli(['init', 'c'], { cwd: work })).toEqual({
      status: 0,
      stdout: written('c/').join(''),
      stderr:
        'init: 8 files written in c; c/services holds 2 service files already, so no example was written; next: cd c, then npm install, then npm run check\n',
    });
    const other = writeTree(tempDir('user-services-init-'), { 'services/.a.yaml': '', 'services/sub/a.yaml': '' });
    expect(runCli(['init'], { cwd: other }).stderr).toBe(
      'init: 9 files written; next: npm install, then npm run check\n',
    );
  });
});

describe('init refuses, and writes nothing at all', () => {
  const refused = (cwd: string, args: readonly string[], status: number, stderr: string) => {
    const before = snapshot(cwd);
    expect(runCli(['init', ...args], { cwd })).toEqual({ status, stdout: '', stderr });
    expect(snapshot(cwd)).toEqual(before);
  };

  it('naming every file that exists (exit 1)', () => {
    const work = writeTree(tempDir('user-services-init-'), {
      'README.md': '# Ours\n',
      '.github/workflows/publish.yml': 'on: push\n',
      '.gitignore': 'x\n',
    });
    refused(work, [], 1, ['.gitignore', '.github/workflows/publish.yml', 'README.md'].map(EXISTS).join(''));
    refused(work, ['.'], 1, ['.gitignore', '.github/workflows/publish.yml', 'README.md'].map(EXISTS).join(''));
  });

  it('a folder or a link where a file goes, a file where a folder goes (exit 1)', () => {
    const work = writeTree(tempDir('user-services-init-'), { 'r/README.md/x': '', 'r/.vscode': '' });
    symlinkSync('elsewhere', join(work, 'r/package.json'));
    refused(
      work,
      ['r'],
      1,
      'r/.vscode:1:1: error init-file-exists: r/.vscode is a file, where init puts a folder, so it wrote nothing. Move it aside, or run init in another folder\n' +
        'r/package.json:1:1: error init-file-exists: r/package.json exists already (a symbolic link); init never replaces a file, so it wrote nothing. Move it aside, or run init in another folder\n' +
        'r/README.md:1:1: error init-file-exists: r/README.md exists already (a folder); init never replaces a file, so it wrote nothing. Move it aside, or run init in another folder\n',
    );
  });

  it('DIR a file, or below a file (exit 2)', () => {
    const work = writeTree(tempDir('user-services-init-'), { f: 'x\n' });
    refused(
      work,
      ['f'],
      2,
      'f:1:1: error init-folder-unusable: the folder f exists and is not a folder (ENOTDIR), so init wrote nothing. Fix that, or run init in another folder\n',
    );
    refused(
      work,
      ['f/x'],
      2,
      'f/x:1:1: error init-folder-unusable: the folder f/x lies below a file, not a folder (ENOTDIR), so init wrote nothing. Fix that, or run init in another folder\n',
    );
  });

  it('DIR not valid UTF-8, or a second argument (exit 2, with the usage)', () => {
    const work = tempDir('user-services-init-');
    // The byte E9 as a Latin-1 terminal passes it, through bash's $'...'.
    const script = `exec ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} init $'d\\xe9'`;
    const r = spawnSync('bash', ['-c', script], { cwd: work, encoding: 'utf8' });
    expect([r.status, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe(
      'user-services init: the argument "d\uFFFD" is not valid UTF-8 (U+FFFD stands for bytes that could not be decoded): the terminal\'s encoding may not be UTF-8; set a UTF-8 locale (for example LANG=C.UTF-8) and type it again\nUsage: user-services init [DIR]\n',
    );
    const usage = 'Usage: user-services init [DIR]\n';
    refused(work, ['a', 'b'], 2, `user-services init: unexpected argument: b\n${usage}`);
    refused(
      work,
      [''],
      2,
      `user-services init: DIR is empty: give a folder, or leave DIR out for the working directory\n${usage}`,
    );
    expect(snapshot(work)).toEqual(new Map());
  });

  it.runIf(canDropPrivileges)('DIR the user may not write (exit 2), nothing left behind', () => {
    const work = tempDir('user-services-init-');
    chmodSync(work, 0o755);
    mkdirSync(join(work, 'locked'));
    writeFileSync(join(work, 'locked/keep.txt'), 'x\n');
    chmodSync(join(work, 'locked'), 0o555);
    const before = snapshot(work);
    const run = runCli(['init', 'locked'], { cwd: work, program: unprivileged() });
    expect(run).toEqual({
      status: 2,
      stdout: '',
      stderr:
        'locked:1:1: error init-folder-unusable: the folder locked may not be written by this user (permission denied) (EACCES), so init wrote nothing. Fix that, or run init in another folder\n',
    });
    expect(snapshot(work)).toEqual(before);
  });
});
