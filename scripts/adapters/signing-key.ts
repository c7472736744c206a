/**
 * The private key a build signs its manifest with: from a file or from an
 * environment variable, never from the repository. A key file that git
 * tracks is refused: whatever is committed is published with the
 * repository, so the key would be anyone's.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
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
 * cannot be read or that git tracks, an unset or empty variable, or a key
 * that is not an Ed25519 private key.
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
  return key;
}

/** Whether git tracks the file at `path` (false outside a repository or without git). */
async function tracked(path: string, env: Env): Promise<boolean> {
  const r = await git(['ls-files', '--error-unmatch', '--', basename(path)], dirname(path), env).catch(() => null);
  return r !== null && r.status === 0;
}
