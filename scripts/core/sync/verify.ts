/**
 * `verify`'s judgement, pure: a published copy of a site (its manifest, its
 * signature, the bytes found at the manifest's paths, the paths found that it
 * does not list) against the manifest and a public key. One diagnostic per
 * file that differs, is missing or is extra, and one for a signature that
 * does not hold.
 */
import type { KeyObject } from 'node:crypto';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { type Diagnostic, error, type FileFacts } from '../diagnostics/diagnostic.js';
import { copyOf } from '../emit/compress.js';
import { sha256Hex } from '../emit/sync/hash-index.js';
import { manifestPath, signaturePath } from '../model/site.js';
import { checkSignature } from './jws.js';

/** One file the manifest lists. */
export interface ManifestFile extends FileFacts {
  readonly path: string;
}

/** What a copy holds at a listed path: its bytes, or why there are none. */
export type Found = { readonly bytes: Uint8Array } | { readonly missing: string };

/**
 * What a host sent for a listed path asked with `Accept-Encoding: <asked>`: the
 * bytes as sent with their `Content-Encoding` (`identity` when none), or why
 * there are none.
 */
export type EncodedFound =
  | { readonly asked: string; readonly encoding: string; readonly bytes: Uint8Array }
  | { readonly asked: string; readonly missing: string };

export interface PublishedCopy {
  readonly manifest: Uint8Array;
  /** Null when there is none. */
  readonly signature: Uint8Array | null;
  /** What was found at each listed path that was looked at. */
  readonly files: ReadonlyMap<string, Found>;
  /**
   * Files found in the copy that the manifest does not list (none when the
   * copy cannot be listed, over HTTP): precompressed copies of listed files,
   * checked by decompressing them, and extra files.
   */
  readonly unlisted: ReadonlyMap<string, Uint8Array>;
  /**
   * Over HTTP, for the listed paths that may have precompressed copies
   * (`mayHaveCopies`), what the host sent when asked for each encoding.
   */
  readonly encoded?: ReadonlyMap<string, readonly EncodedFound[]>;
}

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * The files a manifest's bytes list, or what is wrong with them (a string).
 * Accepts only what the manifest step writes: `files`, each with a string
 * `path`, a hex `sha256` and a whole `size`.
 */
export function parseManifest(bytes: Uint8Array): ManifestFile[] | string {
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return 'it is not JSON in UTF-8';
  }
  const files = (body as { files?: unknown } | null)?.files;
  if (!Array.isArray(files)) return 'it holds no "files" list';
  const valid = files.every(
    (f) =>
      typeof f?.path === 'string' &&
      typeof f.sha256 === 'string' &&
      SHA256.test(f.sha256) &&
      Number.isSafeInteger(f.size) &&
      f.size >= 0,
  );
  if (!valid) return 'an entry of "files" lacks a path, a SHA-256 or a size';
  return files.map((f) => ({ path: f.path, sha256: f.sha256, size: f.size }));
}

/**
 * The problems of `copy` against its manifest's `files` and, when given, the
 * public key: each differing, missing and extra file (located at `where(path)`,
 * line 1, column 1), then the signature's. Empty when all is well.
 */
export function verifyCopy(
  copy: PublishedCopy,
  files: readonly ManifestFile[],
  publicKey: KeyObject | null,
  where: (path: string) => string,
): Diagnostic[] {
  const at = (path: string) => ({ file: where(path), line: 1, column: 1 });
  const out: Diagnostic[] = [];
  for (const expected of files) {
    const found = copy.files.get(expected.path);
    if (found === undefined) continue;
    if ('missing' in found) {
      out.push(error('verify-file-missing', at(expected.path), { path: expected.path, detail: found.missing }));
      continue;
    }
    const actual = { sha256: sha256Hex(found.bytes), size: found.bytes.length };
    const facts = { sha256: expected.sha256, size: expected.size };
    if (!same(actual, facts))
      out.push(error('verify-file-differs', at(expected.path), { path: expected.path, expected: facts, actual }));
    for (const answer of copy.encoded?.get(expected.path) ?? [])
      out.push(...encodedProblems(expected, actual, answer, at(expected.path)));
  }
  const byPath = new Map(files.map((f) => [f.path, f]));
  for (const [path, bytes] of copy.unlisted) {
    const copied = copyOf(path, (p) => byPath.has(p));
    if (copied === null) {
      out.push(error('verify-file-extra', at(path), { path }));
      continue;
    }
    const expected = byPath.get(copied.of) as ManifestFile;
    const actual = decompressed(bytes, copied.by);
    if (actual === null || actual.sha256 !== expected.sha256 || actual.size !== expected.size) {
      const facts = { sha256: expected.sha256, size: expected.size };
      out.push(
        error('verify-file-differs', at(path), { path, expected: facts, actual: actual ?? { sha256: '', size: -1 } }),
      );
    }
  }
  if (publicKey !== null) out.push(...signatureProblems(copy, publicKey, at));
  return out;
}

function signatureProblems(
  copy: PublishedCopy,
  key: KeyObject,
  at: (path: string) => { file: string; line: number; column: number },
): Diagnostic[] {
  const path = signaturePath();
  if (copy.signature === null) return [error('verify-signature-missing', at(path), { path })];
  const check = checkSignature(copy.signature, copy.manifest, key);
  switch (check.kind) {
    case 'valid':
      return [];
    case 'invalid':
      return [error('verify-signature-invalid', at(manifestPath()), { keyId: check.keyId })];
    case 'other-key':
      return [error('verify-signature-other-key', at(path), { signedBy: check.signedBy, given: check.given })];
    case 'malformed':
      return [error('verify-signature-malformed', at(path), { reason: check.reason })];
  }
}

const same = (a: FileFacts, b: FileFacts): boolean => a.sha256 === b.sha256 && a.size === b.size;

/** The decoder of each `Content-Encoding` a host may send (RFC 9110 section 8.4.1). */
const DECODERS: Readonly<Record<string, 'gzip' | 'brotli' | 'deflate'>> = {
  gzip: 'gzip',
  'x-gzip': 'gzip',
  br: 'brotli',
  deflate: 'deflate',
};

/**
 * The problem of one encoded answer for `expected`, if any: missing, or
 * decoding to other bytes (`plain`: what the plain answer held, so that an
 * answer sent without encoding and holding the same bytes is not named twice).
 */
function encodedProblems(
  expected: ManifestFile,
  plain: FileFacts,
  answer: EncodedFound,
  at: { file: string; line: number; column: number },
): Diagnostic[] {
  const { path } = expected;
  const { asked } = answer;
  if ('missing' in answer) {
    return [
      error('verify-file-missing', at, { path, detail: `${answer.missing}, asked for Accept-Encoding: ${asked}` }),
    ];
  }
  const facts = { sha256: expected.sha256, size: expected.size };
  const by = DECODERS[answer.encoding];
  const actual =
    answer.encoding === 'identity'
      ? { sha256: sha256Hex(answer.bytes), size: answer.bytes.length }
      : by === undefined
        ? null
        : decompressed(answer.bytes, by, expected.size);
  if (actual !== null && (same(actual, facts) || (answer.encoding === 'identity' && same(actual, plain)))) return [];
  const args = { path, asked, encoding: answer.encoding, expected: facts, actual: actual ?? { sha256: '', size: -1 } };
  return [error('verify-encoding-differs', at, args)];
}

/**
 * What compressed bytes decompress to (hash and size), or null when they do not
 * decompress, or decompress to more than twice `expected` bytes (and 1 MiB): a
 * host's answer may be hostile, and its decompressed size is bounded.
 */
function decompressed(bytes: Uint8Array, by: 'gzip' | 'brotli' | 'deflate', expected = -1): FileFacts | null {
  const maxOutputLength = expected < 0 ? undefined : Math.max(2 * expected, 1 << 20);
  try {
    const options = maxOutputLength === undefined ? {} : { maxOutputLength };
    const plain =
      by === 'gzip'
        ? gunzipSync(bytes, options)
        : by === 'brotli'
          ? brotliDecompressSync(bytes, options)
          : inflateSync(bytes, options);
    return { sha256: sha256Hex(plain), size: plain.length };
  } catch {
    return null;
  }
}
