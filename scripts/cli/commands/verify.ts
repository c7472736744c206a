import { createPrivateKey, createPublicKey, type JsonWebKeyInput, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CopyUnreadableError, isUrl } from '../../adapters/copy-reader.js';
import { folderReader } from '../../adapters/folder-copy.js';
import { httpReader } from '../../adapters/http-copy.js';
import { siteUrl } from '../../adapters/http-get.js';
import { type SiteVerdict, verifySite } from '../../app/verify-site.js';
import { error } from '../../core/diagnostics/diagnostic.js';
import type { Summary } from '../../core/diagnostics/format/types.js';
import { isEd25519 } from '../../core/sync/jws.js';
import type { Command } from '../command.js';
import { type Io, UsageError } from '../io.js';
import { FORMAT, type OptionDecl, type PositionalDecl, usageOf } from '../option-decls.js';
import { formatOption, parseOptions } from '../options.js';
import { printReport } from '../report.js';

const POSITIONALS: readonly PositionalDecl[] = [
  { name: '<folder-or-URL>', meaning: 'a published site: its folder (`dist`), or the URL of its root' },
];

const OPTIONS: readonly OptionDecl[] = [
  {
    name: 'key',
    type: 'string',
    value: 'PUBLIC-KEY',
    shownDefault: 'none: the signature is not checked',
    meaning:
      "the operator's Ed25519 public key (a PEM or JWK file; a private key is refused): the manifest must be signed with it",
  },
  FORMAT,
];

export const verify: Command = {
  summary: 'check a published site (a folder or a URL) against its manifest and signature',
  usage: usageOf('verify', OPTIONS, POSITIONALS),
  options: OPTIONS,
  positionals: POSITIONALS,
  examples: ['user-services verify dist', 'user-services verify https://api.example.com/ --key operator.pub.pem'],
  async run(args, io) {
    const { values, positionals } = parseOptions(args, OPTIONS, 1);
    const format = formatOption(values.format);
    const source = positionals[0];
    if (source === undefined || source === '') throw new UsageError('name the published site: a folder or a URL');
    const url = isUrl(source) ? siteUrl(source) : null;
    if (typeof url === 'string') throw new UsageError(url);
    const key = values.key === undefined ? null : await publicKey(String(values.key), io);
    const started = performance.now();
    let verdict: SiteVerdict;
    try {
      const reader =
        url !== null ? httpReader(url) : await folderReader(resolve(io.cwd, source), source.replace(/\/+$/, ''));
      verdict = await verifySite(reader, key);
    } catch (e) {
      if (!(e instanceof CopyUnreadableError)) throw e;
      const at = { file: e.path, line: 1, column: 1 };
      const diagnostic = error('verify-manifest-unreadable', at, { path: e.path, reason: e.reason });
      const summary: Summary = {
        command: 'verify',
        checked: 0,
        unchecked: 0,
        signature: 'not-checked',
        errors: 1,
        warnings: 0,
        seconds: 0,
      };
      printReport({ diagnostics: [diagnostic], summary }, format, io);
      return 2;
    }
    const summary: Summary = {
      command: 'verify',
      checked: verdict.checked,
      unchecked: verdict.unchecked,
      signature: verdict.signature,
      errors: verdict.diagnostics.length,
      warnings: 0,
      seconds: (performance.now() - started) / 1000,
    };
    if (format !== 'json') for (const line of notes(verdict)) io.stderr.write(`verify: ${line}\n`);
    const status = printReport({ diagnostics: verdict.diagnostics, summary }, format, io);
    return verdict.unreadable ? 2 : status;
  },
};

/** What was not checked, for people: the files some hosts never serve, a signature without a key, an untrusted manifest. */
function notes(verdict: SiteVerdict): string[] {
  const out: string[] = [];
  const { skipped } = verdict;
  if (skipped.length > 0)
    out.push(
      `over HTTP, ${skipped.length} listed ${skipped.length === 1 ? 'file' : 'files'} that some hosts never serve at ${skipped.length === 1 ? 'its' : 'their'} own URL (${skipped.join(', ')}) ${skipped.length === 1 ? 'is' : 'are'} not checked, and extra files cannot be found`,
    );
  if (verdict.signature === 'not-checked' && !verdict.unreadable)
    out.push("the site is signed, but its signature was not checked: give --key with the operator's public key");
  if (verdict.untrusted)
    out.push("no listed file was read or fetched: the manifest's signature does not hold, so its list is not trusted");
  return out;
}

/**
 * The public key of `--key`: a PEM (SPKI) or a JWK file holding an Ed25519
 * public key. A private key is refused (usage error): verifying needs only the
 * public half, and a private key belongs where builds are signed, not beside a
 * client.
 */
async function publicKey(file: string, io: Io): Promise<KeyObject> {
  const text = await readFile(resolve(io.cwd, file), 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read the key ${file} (${e.code ?? e.message})`);
  });
  const read = (make: (key: string | JsonWebKeyInput) => KeyObject): KeyObject | null => {
    try {
      return make(text.trimStart().startsWith('{') ? { key: JSON.parse(text), format: 'jwk' } : text);
    } catch {
      return null;
    }
  };
  if (read(createPrivateKey) !== null)
    throw new UsageError(
      `the key ${file} is a private key: give the operator's public key (openssl pkey -in ${file} -pubout), and keep the private key where the site is built`,
    );
  const key = read(createPublicKey);
  if (key === null) throw new UsageError(`the key ${file} is not a public key in PEM or JWK`);
  if (!isEd25519(key))
    throw new UsageError(`the key ${file} is a ${key.asymmetricKeyType} key; signatures use Ed25519`);
  return key;
}
