/**
 * `build`'s options for the files that keep clients in sync: how much history
 * to publish, and the key that signs the manifest. Turned into emit options
 * (the history as data, the key) and into the part of the build's input key
 * they decide, which never holds the key itself.
 */
import { createHash } from 'node:crypto';
import { type KeySource, readSigningKey, SigningKeyError } from '../adapters/signing-key.js';
import { DEFAULT_HISTORY_LIMIT, readHistory } from '../app/history.js';
import type { CatalogRunner } from '../app/runner.js';
import type { Diagnostic } from '../core/diagnostics/diagnostic.js';
import type { CatalogHistory } from '../core/sync/history.js';
import { keyId } from '../core/sync/jws.js';
import { type Io, UsageError } from './io.js';
import type { OptionDecl } from './option-decls.js';

/** The most commits `--history` takes: each one is a catalog to read and analyze. */
const MAX_HISTORY = 1000;

/** `--history N`, for build and serve. */
export const HISTORY: OptionDecl = {
  name: 'history',
  type: 'string',
  value: 'N',
  shownDefault: `${DEFAULT_HISTORY_LIMIT}: no history`,
  meaning: `publish \`_history/\` and its feed for the last N commits that changed the services folder (at most ${MAX_HISTORY}; [Keeping a copy in sync](#keeping-a-copy-in-sync))`,
};

export const SYNC_OPTIONS: readonly OptionDecl[] = [
  HISTORY,
  {
    name: 'signing-key',
    type: 'string',
    value: 'FILE',
    shownDefault: 'none: unsigned',
    meaning:
      'sign the manifest with this Ed25519 private key (PEM), kept outside the repository; refused when git tracks it',
  },
  {
    name: 'signing-key-env',
    type: 'string',
    value: 'NAME',
    give: 'the name of an environment variable',
    shownDefault: 'none: unsigned',
    meaning:
      'sign the manifest with the Ed25519 private key (PEM) held by the environment variable `NAME`; refused when a file git tracks holds it',
  },
];

export interface SyncSettings {
  readonly history: CatalogHistory | null;
  readonly signingKey: import('node:crypto').KeyObject | null;
  /** What the build says of the history, once. */
  readonly notes: readonly Diagnostic[];
  /** What these settings put in the build's input key: a digest of the history, the key's id. */
  readonly key: string;
}

/** The key, read before anything else: a key that cannot be used is a usage error (exit 2). */
export async function signingKeyOption(values: Record<string, unknown>, io: Io) {
  const file = values['signing-key'];
  const env = values['signing-key-env'];
  if (file !== undefined && env !== undefined)
    throw new UsageError('give --signing-key or --signing-key-env, not both');
  if (file === undefined && env === undefined) return null;
  const source: KeySource = file !== undefined ? { file: String(file) } : { env: String(env) };
  return readSigningKey(source, io.cwd, io.env).catch((e) => {
    throw e instanceof SigningKeyError ? new UsageError(e.message) : e;
  });
}

/** `--history N`, checked: a whole number from 0 to MAX_HISTORY. */
export function historyOption(value: unknown): number {
  if (value === undefined) return DEFAULT_HISTORY_LIMIT;
  const n = Number(value);
  if (!/^\d+$/.test(String(value)) || n > MAX_HISTORY)
    throw new UsageError(`--history must be a whole number from 0 to ${MAX_HISTORY}, not "${String(value)}"`);
  return n;
}

/** The history (none for `--history 0`) and the key, as emit options and as part of the input key. */
export async function syncSettings(
  runner: CatalogRunner,
  folder: string,
  io: Io,
  limit: number,
  signingKey: import('node:crypto').KeyObject | null,
): Promise<SyncSettings> {
  const read = await historyOf(runner, folder, io, limit);
  const digest = read.history === null ? null : createHash('sha256').update(JSON.stringify(read.history)).digest('hex');
  const key = JSON.stringify({ history: digest, signedBy: signingKey === null ? null : keyId(signingKey) });
  return { history: read.history, signingKey, notes: read.notes, key };
}

/** The history for `--history N`: none without being asked for (N = 0). */
export const historyOf = async (runner: CatalogRunner, folder: string, io: Io, limit: number) =>
  limit === 0 ? { history: null, notes: [] } : readHistory(runner, folder, io, limit);
