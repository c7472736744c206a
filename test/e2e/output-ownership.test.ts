/**
 * The build writes only into outputs it owns: every refused output exits 2
 * with a message naming the folder and why, before anything is created, and
 * the whole tree (the project, its .git, the services, files of other tools)
 * is byte for byte what it was, with nothing added.
 */
import { lstatSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withLock } from '../../scripts/adapters/lock.js';
import { OutputRefusedError } from '../../scripts/adapters/output-errors.js';
import { writeSite } from '../../scripts/adapters/write-site.js';
import { runCli } from '../helpers/cli.js';
import { readTree, tempDir, writeTree } from '../helpers/fs.js';
import { expectSameSite } from '../helpers/site.js';
import { type KeptTree, keepTree } from '../helpers/snapshot.js';

const SERVICES = {
  'call-waiting.yaml': 'technical_name: Call Waiting\nfor_hg: true\n',
  'voice-mail.yaml': 'technical_name: Voice Messaging User\ndescription: Takes messages\n',
};

/** A project: services, a repository marker, files of other tools. */
function project(extra: Record<string, string> = {}): string {
  const root = tempDir('user-services-own-');
  writeTree(join(root, 'project'), {
    '.git/HEAD': 'ref: refs/heads/main\n',
    'README.md': '# the operator project\n',
    ...Object.fromEntries(Object.entries(SERVICES).map(([n, t]) => [`services/${n}`, t])),
    ...extra,
  });
  return root;
}

const SERVICES_HINT = 'Choose another folder with --out, such as dist beside the services folder';
const HOSTING_HINT = 'Choose another folder with --hosting-out, such as hosting beside the services folder';
const REPLACES = 'a build replaces its output whole and would delete';
const BOTH =
  'each output is replaced whole by every build, so one would delete the other. Choose folders side by side, such as dist and hosting';

interface Case {
  readonly name: string;
  readonly args: readonly string[];
  /** Changes made to the project before the build (relative to the temporary root). */
  readonly setup?: (root: string) => void;
  /** The working directory, relative to the temporary root. */
  readonly cwd?: string;
  readonly message: string;
}

const cases: Case[] = [
  {
    name: '--out services (the issue: it deleted every service file)',
    args: ['--out', 'services'],
    message: `output-overlaps-services: --out services is the services folder services; ${REPLACES} service files. ${SERVICES_HINT}`,
  },
  {
    name: '--out . in a repository (the issue: it deleted the project and .git)',
    args: ['--out', '.'],
    message: `output-overlaps-services: --out . contains the services folder services; ${REPLACES} service files. ${SERVICES_HINT}`,
  },
  {
    name: '--hosting-out services (the issue: it deleted the services too)',
    args: ['--hosting-out', 'services'],
    message: `output-overlaps-services: --hosting-out services is the services folder services; ${REPLACES} service files. ${HOSTING_HINT}`,
  },
  {
    name: '--out public holding files of another tool (the issue: robots.txt and images were deleted)',
    args: ['--out', 'public'],
    setup: (root) =>
      writeTree(join(root, 'project', 'public'), { 'robots.txt': 'User-agent: *\n', 'img/logo.png': 'PNG' }),
    message: `output-not-owned: --out public is a folder that user-services did not make, and it is not empty; ${REPLACES} what is there. Empty it or choose another folder with --out`,
  },
  {
    name: 'an output inside the services folder',
    args: ['--out', 'services/site'],
    message: `output-overlaps-services: --out services/site lies inside the services folder services; ${REPLACES} service files. ${SERVICES_HINT}`,
  },
  {
    name: 'the working directory, services elsewhere',
    args: ['--services', '../services', '--out', '.'],
    setup: (root) => mkdirSync(join(root, 'project', 'site')),
    cwd: 'project/site',
    message: `output-holds-working-directory: --out . is the working directory; ${REPLACES} the project. ${SERVICES_HINT}`,
  },
  {
    name: 'a folder above the working directory',
    args: ['--services', '../../project/services', '--out', '..'],
    setup: (root) => mkdirSync(join(root, 'work', 'here'), { recursive: true }),
    cwd: 'work/here',
    message: `output-holds-working-directory: --out .. contains the working directory; ${REPLACES} the project. ${SERVICES_HINT}`,
  },
  {
    name: 'a path with .. that names the working directory',
    args: ['--out', 'services/..'],
    message: `output-overlaps-services: --out . contains the services folder services; ${REPLACES} service files. ${SERVICES_HINT}`,
  },
  {
    name: 'a link that names the services folder',
    args: ['--out', 'catalog'],
    setup: (root) => symlinkSync('services', join(root, 'project', 'catalog')),
    message: `output-overlaps-services: --out catalog is the services folder services; ${REPLACES} service files. ${SERVICES_HINT}`,
  },
  {
    name: 'an output through a link into the services folder',
    args: ['--out', 'shortcut/site'],
    setup: (root) => symlinkSync('services', join(root, 'project', 'shortcut')),
    message: `output-overlaps-services: --out shortcut/site lies inside the services folder services; ${REPLACES} service files. ${SERVICES_HINT}`,
  },
  {
    name: 'the root of another repository',
    args: ['--out', 'vendor/tool'],
    setup: (root) => writeTree(join(root, 'project', 'vendor', 'tool'), { '.git/HEAD': 'ref: refs/heads/main\n' }),
    message: `output-is-repository: --out vendor/tool is the root of a git repository (it holds .git); ${REPLACES} the repository. ${SERVICES_HINT}`,
  },
  {
    name: 'a file (formerly an internal error, exit 3)',
    args: ['--out', 'README.md'],
    message:
      'output-not-a-folder: --out README.md exists and is not a folder; move it away or choose another path with --out',
  },
  {
    name: 'a path below a file (formerly an internal error, exit 3)',
    args: ['--hosting-out', 'README.md/hosting'],
    message:
      'output-not-a-folder: --hosting-out README.md/hosting lies below a file, not a folder; move the file away or choose another path with --hosting-out',
  },
  {
    name: 'a link that is not to a build of the tool',
    args: ['--out', 'site'],
    setup: (root) => symlinkSync('/nonexistent/site', join(root, 'project', 'site')),
    message:
      'output-not-owned: --out site is a symbolic link to /nonexistent/site, not to a build of user-services; remove the link or choose another folder with --out',
  },
  {
    name: "the operator's own hosting/ folder as the default --hosting-out",
    args: [],
    setup: (root) => writeTree(join(root, 'project', 'hosting'), { 'nginx/site.conf': 'server {}\n' }),
    message: `output-not-owned: --hosting-out hosting is a folder that user-services did not make, and it is not empty; ${REPLACES} what is there. Empty it or choose another folder with --hosting-out`,
  },
  {
    name: 'a .<name>.builds beside the output that is not a folder',
    args: [],
    setup: (root) => writeFileSync(join(root, 'project', '.dist.builds'), 'notes\n'),
    message:
      'output-not-owned: --out dist keeps its builds in .dist.builds, which is not a folder that user-services made; move it away or choose another folder with --out',
  },
  {
    name: 'services kept where the output keeps its builds',
    args: ['--services', '.site.builds', '--out', 'site'],
    setup: (root) => writeTree(join(root, 'project', '.site.builds'), SERVICES),
    message: `output-overlaps-services: --out site keeps its builds in .site.builds, which is the services folder .site.builds; ${REPLACES} service files. ${SERVICES_HINT}`,
  },
  {
    name: 'the hosting files inside the site',
    args: ['--out', 'dist', '--hosting-out', 'dist/hosting'],
    message: `output-overlaps-output: --out dist contains --hosting-out dist/hosting; ${BOTH}`,
  },
  {
    name: 'the site where the hosting files go by default',
    args: ['--out', 'hosting'],
    message: `output-overlaps-output: --out hosting is --hosting-out hosting; ${BOTH}`,
  },
  {
    name: 'two paths through a link naming one folder',
    args: ['--out', 'real/site', '--hosting-out', 'alias/site'],
    setup: (root) => {
      mkdirSync(join(root, 'project', 'real'));
      symlinkSync('real', join(root, 'project', 'alias'));
    },
    message: `output-overlaps-output: --out real/site is --hosting-out alias/site; ${BOTH}`,
  },
];

describe('an output the build does not own is refused before anything is touched', () => {
  it.each(cases)('$name', (c) => {
    const root = project();
    c.setup?.(root);
    const tree = keepTree(root);
    const run = runCli(['build', ...c.args], { cwd: join(root, c.cwd ?? 'project') });
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({
      status: 2,
      stdout: '',
      stderr: `user-services build: error ${c.message}\n`,
    });
    tree.expectUnchanged();
  });

  it('is refused even when the catalog has errors: the output is judged first', () => {
    const root = project({ 'services/broken.yaml': 'technical_name: [\n' });
    const tree = keepTree(root);
    const run = runCli(['build', '--out', 'services'], { cwd: join(root, 'project') });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^user-services build: error output-overlaps-services: /);
    tree.expectUnchanged();
  });
});

describe('an output the build owns, with files put into it by hand', () => {
  it('is refused, exit 2, and the files are kept, until they are moved away (a later build would lose them)', () => {
    const root = project();
    const cwd = join(root, 'project');
    expect(runCli(['build'], { cwd }).status).toBe(0);
    writeTree(join(cwd, 'dist'), { 'robots.txt': 'User-agent: *\n' });
    writeFileSync(join(cwd, 'services', 'call-waiting.yaml'), 'technical_name: Call Waiting\nfor_cc: true\n');
    const tree = keepTree(root);
    for (const args of [['build'], ['build', '--no-cache'], ['build', '--pretty']]) {
      const run = runCli(args, { cwd });
      expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({
        status: 2,
        stdout: '',
        stderr:
          'user-services build: error output-holds-foreign-files: --out dist holds dist/robots.txt, which user-services did not write (put there after the last build); the next build publishes a folder without it, which would lose it. Move it out of dist: it holds only what the build writes (to publish more files beside the API, copy them in after the build, in the step that uploads dist)\n',
      });
      tree.expectUnchanged();
    }
    rmSync(join(cwd, 'dist', 'robots.txt'));
    const run = runCli(['build'], { cwd });
    expect(run.status, run.stderr).toBe(0);
    expect(readTree(join(cwd, 'dist')).has('robots.txt')).toBe(false);
  });
});

describe('an output the build may take', () => {
  it('takes an empty folder: the link to the build replaces it', () => {
    const root = project();
    mkdirSync(join(root, 'project', 'dist'));
    const run = runCli(['build'], { cwd: join(root, 'project') });
    expect(run.status, run.stderr).toBe(0);
    expect(lstatSync(join(root, 'project', 'dist')).isSymbolicLink()).toBe(true);
    expect(readTree(join(root, 'project', 'dist')).has('api/v1/configs/user_services/voice-mail/index.json')).toBe(
      true,
    );
  });

  it('publishes again where its builds were deleted, the link left dangling', () => {
    const root = project();
    const cwd = join(root, 'project');
    expect(runCli(['build'], { cwd }).status).toBe(0);
    const site = readTree(join(cwd, 'dist'));
    // What `rm -rf .dist.builds` leaves: dist pointing nowhere.
    rmSync(join(cwd, '.dist.builds'), { recursive: true });
    const run = runCli(['build'], { cwd });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      new RegExp(`^build: 2 services read, ${site.size} files written, 0 unchanged, 0 removed`),
    );
    expectSameSite(readTree(join(cwd, 'dist')), site);
  });
});

describe('writeSite', () => {
  const site = new Map([['index.json', new TextEncoder().encode('{}\n')]]);

  it('refuses a folder that is not empty before creating anything', async () => {
    const root = tempDir();
    writeTree(join(root, 'out'), { 'robots.txt': 'User-agent: *\n' });
    const tree = keepTree(root);
    const refused = writeSite(join(root, 'out'), site, { label: { option: '--out', folder: 'out' } });
    await expect(refused).rejects.toThrow(OutputRefusedError);
    await expect(refused).rejects.toMatchObject({ code: 'output-not-owned' });
    tree.expectUnchanged();
  });

  it('judges the output again once it holds the lock: a folder made meanwhile is left as it is', async () => {
    const root = tempDir();
    const out = join(root, 'out');
    let waiting: Promise<unknown> = Promise.resolve();
    let tree: KeptTree | undefined;
    await withLock(join(root, '.out.lock'), async () => {
      waiting = writeSite(out, site, { label: { option: '--out', folder: 'out' } }).catch((e: unknown) => e);
      await new Promise((r) => setTimeout(r, 200));
      writeTree(out, { 'notes.txt': 'mine\n' });
      tree = keepTree(root);
    });
    const result = await waiting;
    expect(result).toBeInstanceOf(OutputRefusedError);
    expect((result as OutputRefusedError).code).toBe('output-not-owned');
    // As it was, less the lock this test held.
    expect(tree).toBeDefined();
    tree?.expectUnchanged((path) => path === '.out.lock');
  });
});
