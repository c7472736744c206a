/**
 * A signing key that git tracks is refused whatever the option that gives it
 * and whatever the name of the tracked file: the key in an environment
 * variable (as CI gives it) or in an untracked file is compared with the
 * private keys in PEM that the files in git's index hold.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/fs.js';
import { git } from '../helpers/git.js';
import { testKey } from '../helpers/signing.js';

const key = testKey(11);
const other = testKey(12);

const refusal = (what: string, path: string) =>
  `user-services build: ${what} is committed: git tracks ${path}, which holds the same key, so it is published with the repository; remove that file from the repository (git rm --cached), make a new key outside it, and give it to the build from a CI secret (--signing-key-env)`;

/** A repository with a catalog in `catalog/services` and these other files, all added to git's index. */
function repo(files: Record<string, string>, commit = true): string {
  const root = writeTree(tempDir('user-services-tracked-key-'), {
    'catalog/services/a.yaml': 'technical_name: Alpha\n',
    ...files,
  });
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  if (commit) git(root, 'commit', '-q', '-m', 'catalog');
  return root;
}

const buildIn = (cwd: string, args: string[], env: Record<string, string> = {}) => {
  const r = runCli(['build', '--no-cache', ...args], { cwd, env });
  return [r.status, r.stderr.split('\n')[0]];
};
const fromEnv = (pem: string): [string[], Record<string, string>] => [
  ['--signing-key-env', 'SIGNING_KEY'],
  { SIGNING_KEY: pem },
];

describe('a signing key that git tracks', () => {
  it('is refused from an environment variable when a tracked file of any name holds it, from a sub-folder too', () => {
    const root = repo({ 'ops/notes.txt': `the CI key, for the record:\n${key.privatePem}` });
    for (const cwd of [root, join(root, 'catalog')]) {
      expect(buildIn(cwd, ...fromEnv(key.privatePem))).toEqual([
        2,
        refusal('the signing key in $SIGNING_KEY', 'ops/notes.txt'),
      ]);
    }
  });

  it('is refused when it is only staged, not committed yet', () => {
    const root = repo({ 'signing.pem': key.privatePem }, false);
    expect(buildIn(join(root, 'catalog'), ...fromEnv(key.privatePem))).toEqual([
      2,
      refusal('the signing key in $SIGNING_KEY', 'signing.pem'),
    ]);
  });

  it('is refused from an ignored file whose key a tracked file holds', () => {
    const root = repo({ 'keys/old.pem': `${other.privatePem}${key.privatePem}` });
    writeFileSync(join(root, '.git/info/exclude'), 'signing.pem\n');
    writeFileSync(join(root, 'catalog/signing.pem'), key.privatePem);
    expect(buildIn(join(root, 'catalog'), ['--signing-key', 'signing.pem'])).toEqual([
      2,
      refusal('the signing key signing.pem', 'keys/old.pem'),
    ]);
  });

  it('is not confused with another tracked key, a public key, or a damaged block, which are no copy of it', () => {
    const damaged = '-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n';
    const root = repo({
      'keys/other.pem': other.privatePem,
      'keys/signing.pub.pem': key.publicPem,
      'keys/damaged.pem': damaged,
    });
    const cwd = join(root, 'catalog');
    expect(buildIn(cwd, ...fromEnv(key.privatePem))).toEqual([0, expect.stringMatching(/^build: 1 service read/)]);
    const verified = runCli(['verify', 'dist', '--key', key.publicFile], { cwd });
    expect(verified.status).toBe(0);
  });

  it('is used outside any repository', () => {
    const work = writeTree(tempDir('user-services-untracked-key-'), { 'services/a.yaml': 'technical_name: Alpha\n' });
    const env = { SIGNING_KEY: key.privatePem, GIT_CEILING_DIRECTORIES: join(work, '..') };
    expect(buildIn(work, ['--signing-key-env', 'SIGNING_KEY'], env)).toEqual([
      0,
      expect.stringMatching(/^build: 1 service read/),
    ]);
  });
});
