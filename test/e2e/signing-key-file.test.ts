/**
 * A signing key file is judged where it really is: a link (from inside the
 * repository or outside it, through several hops) to a file git tracks is
 * refused as that file is; an untracked key that a repository would commit
 * with `git add -A` is refused, an ignored one used; a key named like a
 * pattern is that one file. A file that holds no usable key says what it
 * holds: encrypted, a public key, OpenSSH's format, another algorithm.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/fs.js';
import { git } from '../helpers/git.js';
import { testKey } from '../helpers/signing.js';

const key = testKey(21);
const other = testKey(22);

const USAGE =
  'Usage: user-services build [--services DIR] [--out DIR] [--hosting-out DIR] [--no-compress] [--format text|github|json] [--pretty] [--no-cache] [--threads N] [--history N] [--signing-key FILE] [--signing-key-env NAME]\n';
const TRACKED =
  'is tracked by git, so it is published with the repository; remove it from the repository (git rm --cached), make a new key, and keep it outside (a CI secret, --signing-key-env)';
const EXPOSED = `lies in a git repository and is not ignored, so the next "git add -A" publishes it with the repository; move it outside the repository, or ignore it (init's .gitignore ignores *.pem and *.key)`;
const MAKE_ONE = 'make one with: openssl genpkey -algorithm ed25519';

/** A committed repository with a catalog and these files. */
function repo(files: Record<string, string>): string {
  const root = writeTree(tempDir('user-services-key-file-'), {
    'services/a.yaml': 'technical_name: Call Waiting\n',
    ...files,
  });
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'catalog');
  return root;
}

/** build with these arguments: its exit status and what it printed; and whether it wrote the site. */
function build(cwd: string, args: string[]) {
  const r = runCli(['build', '--no-cache', ...args], { cwd });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, wrote: existsSync(join(cwd, 'dist')) };
}
const refused = (message: string) => ({
  status: 2,
  stdout: '',
  stderr: `user-services build: ${message}\n${USAGE}`,
  wrote: false,
});
const signed = (cwd: string, file: string) => {
  const r = build(cwd, ['--signing-key', file]);
  const signature = join(cwd, 'dist/api/v1/configs/user_services/_manifest/signature.json');
  return [r.status, r.stderr.split(' in ')[0], existsSync(signature)];
};

describe('a signing key file reached through links', () => {
  it('is refused when a link in the repository leads to a tracked key', () => {
    const root = repo({ 'tracked.pem': key.privatePem });
    symlinkSync('tracked.pem', join(root, 'link.pem'));
    expect(build(root, ['--signing-key', 'link.pem'])).toEqual(
      refused(`the signing key link.pem (a link to ${join(root, 'tracked.pem')}) ${TRACKED}`),
    );
  });

  it('is refused when a link from outside the repository, through another link, leads to a tracked key', () => {
    const root = repo({ 'keys/tracked.pem': key.privatePem });
    const outside = tempDir('user-services-key-links-');
    symlinkSync(join(root, 'keys'), join(outside, 'keys'));
    symlinkSync(join(outside, 'keys', 'tracked.pem'), join(outside, 'hop.pem'));
    const link = join(outside, 'link.pem');
    symlinkSync(join(outside, 'hop.pem'), link);
    expect(build(root, ['--signing-key', link])).toEqual(
      refused(`the signing key ${link} (a link to ${join(root, 'keys', 'tracked.pem')}) ${TRACKED}`),
    );
  });

  it('is refused when it lies in another repository that tracks a copy under another name', () => {
    const catalog = repo({});
    const secrets = repo({ 'backup/old.pem': key.privatePem, '.gitignore': 'signing.pem\n' });
    writeFileSync(join(secrets, 'signing.pem'), key.privatePem);
    expect(build(catalog, ['--signing-key', join(secrets, 'signing.pem')])).toEqual(
      refused(
        `the signing key ${join(secrets, 'signing.pem')} is committed: git tracks backup/old.pem, which holds the same key, so it is published with the repository; remove that file from the repository (git rm --cached), make a new key outside it, and give it to the build from a CI secret (--signing-key-env)`,
      ),
    );
  });
});

describe('an untracked signing key file in a repository', () => {
  it('is refused when git add -A would commit it, in the repository or through a link to it', () => {
    const root = repo({});
    writeFileSync(join(root, 'signing.pem'), key.privatePem);
    expect(build(root, ['--signing-key', 'signing.pem'])).toEqual(refused(`the signing key signing.pem ${EXPOSED}`));
    const outside = join(tempDir('user-services-key-link-'), 'key.pem');
    symlinkSync(join(root, 'signing.pem'), outside);
    expect(build(root, ['--signing-key', outside])).toEqual(
      refused(`the signing key ${outside} (a link to ${join(root, 'signing.pem')}) ${EXPOSED}`),
    );
  });

  it('is used when ignored, by .gitignore or by .git/info/exclude, and inside .git', () => {
    const root = repo({ '.gitignore': '*.pem\n' });
    writeFileSync(join(root, 'signing.pem'), key.privatePem);
    expect(signed(root, 'signing.pem')).toEqual([
      0,
      'build: 1 service read, 68 files written, 0 unchanged, 0 removed',
      true,
    ]);
    const excluded = repo({});
    writeFileSync(join(excluded, '.git/info/exclude'), 'keys/\n');
    writeTree(excluded, { 'keys/signing.pem': key.privatePem });
    expect(signed(excluded, 'keys/signing.pem')[0]).toBe(0);
    const inGit = repo({});
    mkdirSync(join(inGit, '.git/keys'));
    writeFileSync(join(inGit, '.git/keys/signing.pem'), key.privatePem);
    expect(signed(inGit, '.git/keys/signing.pem')[0]).toBe(0);
  });

  it('named *.pem is that one file, not the tracked files the pattern would match', () => {
    const root = repo({ 'old.pem': other.privatePem });
    writeFileSync(join(root, '.git/info/exclude'), '/[*].pem\n');
    writeFileSync(join(root, '*.pem'), key.privatePem);
    expect(signed(root, '*.pem')[0]).toBe(0);
  });
});

describe('a signing key file that holds no usable key', () => {
  const outside = tempDir('user-services-key-kinds-');
  const file = (name: string, text: string) => {
    writeFileSync(join(outside, name), text);
    return join(outside, name);
  };
  const root = repo({});
  const refusal = (name: string, text: string) => build(root, ['--signing-key', file(name, text)]);

  it('says an encrypted key is encrypted, in PKCS #8 and in the legacy PEM', () => {
    const encrypted = key.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'x' });
    const legacy = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({
      type: 'pkcs1',
      format: 'pem',
      cipher: 'aes-128-cbc',
      passphrase: 'x',
    });
    const says = (name: string) =>
      refused(
        `the signing key ${join(outside, name)} is encrypted: the build signs with an unencrypted key, which a CI secret keeps; write one outside the repository (openssl pkey -in FILE -out NEW-FILE asks for the passphrase) and give that`,
      );
    expect(refusal('enc.pem', String(encrypted))).toEqual(says('enc.pem'));
    expect(refusal('legacy.pem', String(legacy))).toEqual(says('legacy.pem'));
  });

  const others: Record<string, readonly [string, () => KeyObject]> = {
    x25519: ['an X25519', () => generateKeyPairSync('x25519').privateKey],
    x448: ['an X448', () => generateKeyPairSync('x448').privateKey],
    ed448: ['an Ed448', () => generateKeyPairSync('ed448').privateKey],
    rsa: ['an RSA', () => generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey],
    ec: ['an EC (elliptic curve)', () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey],
  };
  it.each(Object.keys(others))('names a %s key with its article', (type) => {
    const [named, make] = others[type] as readonly [string, () => KeyObject];
    const pem = String(make().export({ type: 'pkcs8', format: 'pem' }));
    expect(refusal(`${type}.pem`, pem)).toEqual(
      refused(`the signing key ${join(outside, `${type}.pem`)} is ${named} key; signatures use Ed25519 (${MAKE_ONE})`),
    );
  });

  it("says a public key is one, OpenSSH's format is not PEM, and text is no key", () => {
    expect(refusal('pub.pem', key.publicPem)).toEqual(
      refused(
        `the signing key ${join(outside, 'pub.pem')} is a public key: the build signs with the private key (PEM) it was made from`,
      ),
    );
    const openssh =
      '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ==\n-----END OPENSSH PRIVATE KEY-----\n';
    expect(refusal('notes.txt', 'not a key\n')).toEqual(
      refused(`the signing key ${join(outside, 'notes.txt')} is not a private key in PEM (${MAKE_ONE})`),
    );
    expect(refusal('id_ed25519', openssh)).toEqual(
      refused(`the signing key ${join(outside, 'id_ed25519')} is in OpenSSH's format, not PEM (PKCS #8); ${MAKE_ONE}`),
    );
  });
});

describe('a signing key file that cannot be read', () => {
  it('says why in words: no such file, a folder, a loop of links', () => {
    const root = repo({});
    symlinkSync('loop-b.pem', join(root, 'loop-a.pem'));
    symlinkSync('loop-a.pem', join(root, 'loop-b.pem'));
    expect(build(root, ['--signing-key', 'missing.pem'])).toEqual(
      refused('cannot read the signing key missing.pem: no such file, ENOENT'),
    );
    expect(build(root, ['--signing-key', 'services'])).toEqual(
      refused('cannot read the signing key services: it is a folder, not a file, EISDIR'),
    );
    expect(build(root, ['--signing-key', 'loop-a.pem'])).toEqual(
      refused('cannot read the signing key loop-a.pem: its links lead in a loop, ELOOP'),
    );
  });
});
