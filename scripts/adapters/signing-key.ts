/**
 * The private key a build signs its manifest with: from a file or from an
 * environment variable, never from the repository. A key file that git
 * tracks is refused, and so is a key, from either source, that any file git
 * tracks holds: whatever is committed is published with the repository, so
 * the key would be anyone's.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFile, realpath } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { isEd25519 } from '../core/sync/jws.js';
import { type Env, git } from './git.js';

/** A key that cannot be used; its message says which and what to do. */
export class SigningKeyError extends Error {}

/** Where the key comes from, as the options name it. */
export type KeySource = { readonly file: string } | { readonly env: string };

/**
 * The Ed25519 private key (PEM, PKCS #8, as `openssl genpkey -algorithm
 * ed25519` writes it) from `source`. Throws `SigningKeyError` for a file that
 * cannot be read, that git tracks or would commit with `git add -A` (asked at
 * its real path), an unset or empty variable, a key that is not an
 * unencrypted Ed25519 private key, or one that a file tracked by the git
 * repository holding `cwd` (or the key file) holds, under any name.
 */
export async function readSigningKey(source: KeySource, cwd: string, env: Env): Promise<KeyObject> {
  let pem: string;
  let what: string;
  const places = [cwd];
  if ('file' in source) {
    const path = resolve(cwd, source.file);
    what = `the signing key ${source.file}`;
    pem = await readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => {
      const why = READ_ERRORS[e.code ?? ''];
      throw new SigningKeyError(`cannot read ${what}: ${why === undefined ? '' : `${why}, `}${e.code ?? e.message}`);
    });
    const real = await realpath(path).catch(() => path);
    await refuseExposedFile(what, path, real, env);
    places.push(dirname(real));
  } else {
    what = `the signing key in $${source.env}`;
    pem = env[source.env] ?? '';
    if (pem.trim() === '')
      throw new SigningKeyError(`$${source.env} is not set or empty: it should hold an Ed25519 private key in PEM`);
  }
  const key = privateKey(pem, what);
  for (const place of await repositories(places, env)) {
    const copy = await trackedCopy(key, place, env);
    if (copy === null) continue;
    throw new SigningKeyError(
      `${what} is committed: git tracks ${copy}, which holds the same key, so it is published with the repository; remove that file from the repository (git rm --cached), make a new key outside it, and give it to the build from a CI secret (--signing-key-env)`,
    );
  }
  return key;
}

/**
 * Refuses a key file that a repository's work tree holds where a commit would
 * take it: tracked by git, or neither tracked nor ignored (the next `git add
 * -A` commits it). Asked of git at the file's real path, every link on the
 * way resolved (a link named otherwise, or from outside the repository, leads
 * to the same file).
 */
async function refuseExposedFile(what: string, path: string, real: string, env: Env): Promise<void> {
  const via = real === path ? '' : ` (a link to ${real})`;
  const state = await gitState(real, env);
  if (state === 'tracked') {
    throw new SigningKeyError(
      `${what}${via} is tracked by git, so it is published with the repository; remove it from the repository (git rm --cached), make a new key, and keep it outside (a CI secret, --signing-key-env)`,
    );
  }
  if (state === 'exposed') {
    throw new SigningKeyError(
      `${what}${via} lies in a git repository and is not ignored, so the next "git add -A" publishes it with the repository; move it outside the repository, or ignore it (init's .gitignore ignores *.pem and *.key)`,
    );
  }
}

/** Why a key file cannot be read, in words, by the file system's error (errno). */
const READ_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a folder, not a file',
  EACCES: 'this user may not read it',
  EPERM: 'this user may not read it',
  ELOOP: 'its links lead in a loop',
  ENOTDIR: 'a name on its path is a file, not a folder',
};

/** Encrypted PEM (PKCS #8 `ENCRYPTED PRIVATE KEY`, or a legacy block with `Proc-Type: 4,ENCRYPTED`), RFC 7468 and RFC 1421. */
const ENCRYPTED = /-----BEGIN ENCRYPTED PRIVATE KEY-----|^Proc-Type:\s*4,ENCRYPTED/m;
const PUBLIC_ONLY = /-----BEGIN (?:[A-Z0-9]+ )*PUBLIC KEY-----/;
const OPENSSH = /-----BEGIN OPENSSH PRIVATE KEY-----/;
const MAKE_ONE = 'make one with: openssl genpkey -algorithm ed25519';

/** The private key in `pem`, an Ed25519 one, or a SigningKeyError saying what `pem` holds instead. */
function privateKey(pem: string, what: string): KeyObject {
  const refuse = (why: string) => new SigningKeyError(`${what} ${why}`);
  if (ENCRYPTED.test(pem))
    throw refuse(
      'is encrypted: the build signs with an unencrypted key, which a CI secret keeps; write one outside the repository (openssl pkey -in FILE -out NEW-FILE asks for the passphrase) and give that',
    );
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    if (OPENSSH.test(pem)) throw refuse(`is in OpenSSH's format, not PEM (PKCS #8); ${MAKE_ONE}`);
    if (PUBLIC_ONLY.test(pem) && !/PRIVATE KEY-----/.test(pem))
      throw refuse('is a public key: the build signs with the private key (PEM) it was made from');
    throw refuse(`is not a private key in PEM (${MAKE_ONE})`);
  }
  if (!isEd25519(key)) throw refuse(`is ${keyType(key.asymmetricKeyType)} key; signatures use Ed25519 (${MAKE_ONE})`);
  return key;
}

/** Each key type Node names, as a sentence names it, with its article. */
const KEY_TYPES: Readonly<Record<string, string>> = {
  rsa: 'an RSA',
  'rsa-pss': 'an RSA-PSS',
  dsa: 'a DSA',
  ec: 'an EC (elliptic curve)',
  ed448: 'an Ed448',
  x25519: 'an X25519',
  x448: 'an X448',
  dh: 'a Diffie-Hellman',
};
const keyType = (type: string | undefined): string => KEY_TYPES[type ?? ''] ?? `a "${type ?? 'unknown'}"`;

/** A PEM private key block (PKCS #8, or a type's own: `EC PRIVATE KEY`...), RFC 7468. */
const PEM_PRIVATE = /-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY)-----[\s\S]*?-----END \1-----/g;

/**
 * The path (from the repository's root) of a file in git's index that holds
 * `key` in PEM, or null (none, outside a repository, or without git). One
 * `git grep` of the index finds the files holding a PEM private key, under
 * any name; only those are read and their keys compared by public key, so
 * the cost is one pass over the tracked text, a fraction of a second for a
 * catalog of 10,000 files.
 */
async function trackedCopy(key: KeyObject, cwd: string, env: Env): Promise<string | null> {
  const args = ['grep', '--cached', '-z', '-l', '-I', '--full-name', '-F', '-e', 'PRIVATE KEY-----', '--', ':/'];
  const found = await git(args, cwd, env).catch(() => null);
  const wanted = publicDer(key);
  if (found === null || found.status !== 0 || wanted === null) return null;
  for (const path of found.stdout.toString('utf8').split('\0')) {
    if (path === '') continue;
    const blob = await git(['cat-file', 'blob', `:${path}`], cwd, env).catch(() => null);
    if (blob === null || blob.status !== 0) continue;
    for (const [pem] of blob.stdout.toString('utf8').matchAll(PEM_PRIVATE)) {
      if (publicDer(pem)?.equals(wanted)) return path;
    }
  }
  return null;
}

/** The public key's DER (SPKI) of a private key or PEM text; null for a key that cannot be read (encrypted, damaged). */
function publicDer(key: KeyObject | string): Buffer | null {
  try {
    return createPublicKey(key).export({ type: 'spki', format: 'der' });
  } catch {
    return null;
  }
}

/**
 * What git makes of the file at `path` (real, links resolved): tracked (in
 * the index), exposed (in a work tree, neither tracked nor ignored), or
 * apart (ignored, outside any work tree, inside `.git`, or no git).
 */
async function gitState(path: string, env: Env): Promise<'tracked' | 'exposed' | 'apart'> {
  // Literal: a key named `*.pem` is that file, not every one; ls-files lists it (-z, as named) or nothing.
  const lists = async (args: string[]) => {
    const r = await git(['--literal-pathspecs', 'ls-files', '-z', ...args, '--', basename(path)], dirname(path), env);
    return r.status === 0 && r.stdout.length > 0;
  };
  const ask = (args: string[]) => lists(args).catch(() => false);
  if (await ask([])) return 'tracked';
  return (await ask(['--others', '--exclude-standard'])) ? 'exposed' : 'apart';
}

/** The top levels of the repositories holding these folders, each once (none outside git). */
async function repositories(folders: readonly string[], env: Env): Promise<string[]> {
  const tops = new Set<string>();
  for (const folder of folders) {
    const r = await git(['rev-parse', '--show-toplevel'], folder, env).catch(() => null);
    if (r !== null && r.status === 0) tops.add(r.stdout.toString('utf8').trim());
  }
  return [...tops];
}
