/**
 * Which version of user-services the action runs (action.yml, "Install
 * user-services", run for real): the one the repository's package.json pins
 * (from its lockfile with npm ci, else that version from the registry), else
 * the action's own (its folder when it is a release tree, else its version
 * from the registry), or the input `version`. npm installs from a registry on
 * loopback serving two releases made by scripts/release-tree.mjs; the output
 * `version` and a notice say which ran, and the later steps run that one.
 */
import { cpSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RealInstall, runAction } from '../helpers/action-runner.js';
import { must, operatorEnv } from '../helpers/adoption.js';
import { ROOT } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/fs.js';
import { gitRepo } from '../helpers/git.js';
import { npmRegistry, releaseAs } from '../helpers/npm-registry.js';
import type { Running } from '../helpers/program.js';
import { type Action, readYaml } from '../helpers/workflows.js';

const action = readYaml<Action>('action.yml');
const { name, version: OWN } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const PINNED = '9.8.7';
const PR = { baseRef: 'main', labels: [], sameRepository: true };
const SERVICE = { 'services/voicemail.yaml': 'technical_name: Voice Messaging User\nfor_hg: true\n' };

const work = tempDir('user-services-action-version-');
const env = operatorEnv(work);
let registry: Running;
/** The action's folder at a release tag (a release tree), and at a source commit (no bundle). */
let released = '';
let source = '';

beforeAll(async () => {
  released = join(work, 'action-release');
  must(env, ROOT, process.execPath, ['scripts/release-tree.mjs', released]);
  const other = releaseAs(released, PINNED, join(work, 'release-other'));
  registry = await npmRegistry(env, join(work, 'registry'), [released, other]);
  source = join(work, 'action-source');
  mkdirSync(source);
  for (const file of ['package.json', 'action.yml']) cpSync(join(ROOT, file), join(source, file));
}, 120_000);

afterAll(() => registry?.stop());

/** npm's prefix (global installs), cache and registry of one run, all below a fresh folder. */
function npmOf(actionPath: string): RealInstall & { prefix: string } {
  const prefix = tempDir('user-services-prefix-');
  return {
    actionPath,
    prefix,
    env: {
      ...env,
      npm_config_prefix: prefix,
      npm_config_cache: join(prefix, '.cache'),
      npm_config_registry: `${registry.origin}/`,
      PATH: `${join(prefix, 'bin')}:${process.env.PATH}`,
    },
  };
}

/** Runs `check` with the install step for real in `repo`; what it ran, said and installed. */
async function checkWith(repo: string, install: RealInstall & { prefix: string }, inputs: Record<string, string> = {}) {
  const run = await runAction(
    action,
    { command: 'check', ...inputs },
    { cwd: repo, temp: tempDir(), event: PR, github: {}, install },
  );
  const notice = run.log.split('\n').find((l) => l.startsWith('::notice title=user-services::'));
  return { run, notice: notice?.slice('::notice title=user-services::'.length) };
}

const globalVersion = (prefix: string) =>
  JSON.parse(readFileSync(join(prefix, 'lib/node_modules', name, 'package.json'), 'utf8')).version;

describe("the action runs the repository's version of user-services", () => {
  it('the version package.json pins, from the registry, when there is no lockfile', async () => {
    const repo = gitRepo({ ...SERVICE, 'package.json': JSON.stringify({ devDependencies: { [name]: PINNED } }) });
    const npm = npmOf(released);
    const { run, notice } = await checkWith(repo, npm);
    expect(notice).toBe(`${name} ${PINNED} (package.json pins ${PINNED})`);
    expect(run.outputs.install).toEqual({ version: PINNED });
    expect(globalVersion(npm.prefix)).toBe(PINNED);
    expect(run.ran).toEqual([
      'Check the inputs',
      'Install user-services',
      'Check the service files',
      'Refuse errors and breaking changes (the label lets breaking changes through)',
    ]);
    expect(run.status).toBe(0);
  }, 120_000);

  it("the version its lockfile holds, with npm ci, and later steps run the repository's bin", async () => {
    const repo = gitRepo(SERVICE);
    const npm = npmOf(released);
    writeFileSync(join(repo, 'package.json'), '{ "private": true }\n');
    must(npm.env, repo, 'npm', ['install', '--save-dev', '--save-exact', `${name}@${PINNED}`]);
    must(npm.env, repo, 'rm', ['-rf', 'node_modules']);
    const { run, notice } = await checkWith(repo, npm);
    expect(notice).toBe(`${name} ${PINNED} (package.json pins ${PINNED}, installed from the repository's lockfile)`);
    expect(run.outputs.install).toEqual({ version: PINNED });
    expect(readFileSync(join(repo, 'node_modules', name, 'package.json'), 'utf8')).toContain(`"version": "${PINNED}"`);
    // Nothing global: `user-services` of the check step is the repository's own (added to GITHUB_PATH).
    expect(() => globalVersion(npm.prefix)).toThrow(/ENOENT/);
    expect(run.outputs.check).toEqual({ status: '0' });
    // A bad file fails the check with that bin too.
    writeFileSync(join(repo, 'services/voicemail.yaml'), 'technical_name: Voice Messaging User\nfor_hg: yes\n');
    const bad = await checkWith(repo, npmOf(released));
    expect(bad.run.log).toContain('::error file=services/voicemail.yaml,line=2,col=9,title=yaml11-boolean::');
    expect(bad.run.status).toBe(1);
  }, 120_000);

  it('the input version over what package.json pins', async () => {
    const repo = gitRepo({ ...SERVICE, 'package.json': JSON.stringify({ dependencies: { [name]: PINNED } }) });
    const npm = npmOf(released);
    const { run, notice } = await checkWith(repo, npm, { version: OWN });
    expect(notice).toBe(`${name} ${OWN} (the action's input version: ${OWN})`);
    expect([run.outputs.install, globalVersion(npm.prefix), run.status]).toEqual([{ version: OWN }, OWN, 0]);
  }, 120_000);
});

describe("the action's own version, when package.json does not depend on the package", () => {
  it.each([
    ['no package.json', {}],
    ['a package.json depending on other packages', { 'package.json': '{ "devDependencies": { "yaml": "2.9.1" } }' }],
  ])(
    '%s: at a release tag, the release in the action’s folder, built already, nothing fetched',
    async (_, files) => {
      const repo = gitRepo({ ...SERVICE, ...files });
      // No registry: port 9 (discard) refuses every connection.
      const npm = npmOf(released);
      npm.env.npm_config_registry = 'http://127.0.0.1:9/';
      const { run, notice } = await checkWith(repo, npm);
      expect(notice).toBe(`${name} ${OWN} (the action's own release)`);
      expect(run.outputs.install).toEqual({ version: OWN });
      // npm links a folder it installs globally.
      expect(realpathSync(join(npm.prefix, 'lib/node_modules', name))).toBe(realpathSync(released));
      expect(run.status).toBe(0);
    },
    120_000,
  );

  it('at a source commit (no bundle in its folder), its version from the registry', async () => {
    const repo = gitRepo(SERVICE);
    const npm = npmOf(source);
    const { run, notice } = await checkWith(repo, npm);
    expect(notice).toBe(`${name} ${OWN} (the action's own version)`);
    expect([run.outputs.install, globalVersion(npm.prefix), run.status]).toEqual([{ version: OWN }, OWN, 0]);
  }, 120_000);

  it('version: source installs the action’s folder (at a release tag: nothing to build)', async () => {
    const repo = writeTree(gitRepo({}), SERVICE);
    const npm = npmOf(released);
    const { run, notice } = await checkWith(repo, npm, { version: 'source' });
    expect(notice).toBe(`${name} ${OWN} (version: source, the action's checkout)`);
    expect(realpathSync(join(npm.prefix, 'lib/node_modules', name))).toBe(realpathSync(released));
    expect(run.status).toBe(0);
  }, 120_000);
});
