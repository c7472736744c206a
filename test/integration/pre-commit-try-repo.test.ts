/**
 * The hook of .pre-commit-hooks.yaml, as pre-commit itself installs and runs
 * it: `pre-commit try-repo` against this repository's release (the tree
 * scripts/release-tree.mjs makes, as a release tag holds it), from a separate
 * temporary git repository, with a good and then a bad service file staged.
 * pre-commit installs the package in an environment of its own (language
 * node: npm install, npm pack, npm install --global of the tarball) with npm
 * offline and its cache empty: a release that needed any other package, a
 * devDependency or a build, would fail to install.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { must, operatorEnv, releaseOfThisRepository, run } from '../helpers/adoption.js';
import { tempDir, writeTree } from '../helpers/fs.js';
import { programAvailable } from '../helpers/program.js';

describe.runIf(programAvailable('/usr/bin/pre-commit'))('pre-commit try-repo with this repository', () => {
  const work = tempDir('user-services-try-repo-');
  const env = operatorEnv(work);
  const catalog = join(work, 'catalog');
  let hookRepo = { path: '', rev: '' };
  const offline = { npm_config_offline: 'true' };
  const tryRepo = (rev = hookRepo.rev) =>
    run(env, catalog, 'pre-commit', ['try-repo', hookRepo.path, 'user-services-check', '--ref', rev], offline);

  beforeAll(() => {
    hookRepo = releaseOfThisRepository(env, join(work, 'hook-repository'));
    must(env, work, 'git', ['init', '-q', '-b', 'main', catalog]);
    writeTree(catalog, {
      'services/voicemail.yaml': 'technical_name: Voice Messaging User\nfor_hg: true\n',
      'README.md': '# Our user services\n',
    });
  });

  it('passes a good service file, and fails a bad one with the located message', () => {
    must(env, catalog, 'git', ['add', '-A']);
    const good = tryRepo();
    expect(good.stdout).toMatch(/^user-services check\.+Passed$/m);
    expect(good.status).toBe(0);
    must(env, catalog, 'git', ['commit', '-q', '-m', 'Voicemail']);

    const file = join(catalog, 'services/voicemail.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('for_hg: true', 'for_hg: yes'));
    must(env, catalog, 'git', ['add', 'services']);
    const bad = tryRepo();
    expect(bad.stdout).toMatch(/^user-services check\.+Failed$/m);
    expect(bad.stdout).toContain(
      'services/voicemail.yaml:2:9: error yaml11-boolean: for_hg is the string "yes": YAML 1.2 reads yes as text, not as a boolean; write true\n',
    );
    expect(bad.stdout).toMatch(/^check: 1 service read, 1 error in \d+\.\d\d s$/m);
    expect(bad.status).toBe(1);
  }, 120_000);

  it('would not install offline from a tree whose package.json kept a devDependency', () => {
    const manifest = join(hookRepo.path, 'package.json');
    const released = JSON.parse(readFileSync(manifest, 'utf8'));
    expect(released.devDependencies).toBeUndefined();
    expect(released.scripts).toBeUndefined();
    writeFileSync(manifest, JSON.stringify({ ...released, devDependencies: { esbuild: '^0.28.2' } }));
    must(env, hookRepo.path, 'git', ['commit', '-q', '-am', 'A devDependency']);
    const r = tryRepo(must(env, hookRepo.path, 'git', ['rev-parse', 'HEAD']).trim());
    expect(r.stdout).toContain('npm error code ENOTCACHED');
    expect(r.status).toBe(3);
  }, 120_000);
});
