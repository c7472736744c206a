/**
 * The private key a build signs its manifest with: from a file or from an
 * environment variable, never from the repository. A key file that git
 * tracks is refused, and so is a key, from either source, that any file git
 * tracks holds: whatever is committed is published with the repository, so
 * the key would be anyone's.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
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
 * cannot be read or that git tracks, an unset or empty variable, a key that
 * is not an Ed25519 private key, or one that a file tracked by the git
 * repository holding `cwd` holds (under any name).
 */
export async function readSigningKey(source: KeySource, cwd: string, env: Env): Promise<KeyObject> {
  let pem: string;
  let what: string;
  if ('file' in source) {
    const path = resolve(cwd, source.file);
    what = `the signing key ${source.file}`;
    pem = await readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => {
      throw new SigningKeyError(`cannot read ${what} (${e.code ?? e.message})`);
    });
    if (await tracked(path, env)) {
      throw new SigningKeyError(
        `${what} is tracked by git, so it is published with the repository; remove it from the repository (git rm --cached), make a new key, and keep it outside (a CI secret, --signing-key-env)`,
      );
    }
  } else {
    what = `the signing key in $${source.env}`;
    pem = env[source.env] ?? '';
    if (pem.trim() === '')
      throw new SigningKeyError(`$${source.env} is not set or empty: it should hold an Ed25519 private key in PEM`);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new SigningKeyError(
      `${what} is not a private key in PEM (make one with: openssl genpkey -algorithm ed25519)`,
    );
  }
  if (!isEd25519(key)) throw new SigningKeyError(`${what} is a ${key.asymmetricKeyType} key; signatures use Ed25519`);
  const copy = await trackedCopy(key, cwd, env);
  if (copy !== null) {
    throw new SigningKeyError(
      `${what} is committed: git tracks ${copy}, which holds the same key, so it is published with the repository; remove that file from the repository (git rm --cached), make a new key outside it, and give it to the build from a CI secret (--signing-key-env)`,
    );
  }
  return key;
}

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

/** Whether git tracks the file at `path` (false outside a repository or without git). */
async function tracked(path: string, env: Env): Promise<boolean> {
  const r = await git(['ls-files', '--error-unmatch', '--', basename(path)], dirname(path), env).catch(() => null);
  return r !== null && r.status === 0;
}
