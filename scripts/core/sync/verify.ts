/**
 * `verify`'s judgement, pure: what was found in a published copy of a site
 * (at the paths its manifest lists, and the entries it does not list)
 * against the manifest's entries (read by `manifest-entries.ts`), and the
 * manifest's signature against a public key. One diagnostic per file that
 * differs, is missing, extra, unreadable or not a regular file, and one for a
 * signature that does not hold. The adapters read and hash; nothing here
 * touches bytes of the copy but the manifest's and the signature's.
 */
import type { KeyObject } from 'node:crypto';
import { type Diagnostic, error, type FileFacts, type Location } from '../diagnostics/diagnostic.js';
import { copyOf } from '../emit/compress.js';
import { manifestPath, signaturePath } from '../model/site.js';
import { checkSignature } from './jws.js';

/** One file the manifest lists. */
export interface ManifestFile extends FileFacts {
  readonly path: string;
}

/** What stands at a path that is not a regular file. A build publishes regular files only; verify never opens the others. */
export type EntryKind = 'symbolic link' | 'folder' | 'FIFO' | 'socket' | 'device' | 'other';

/**
 * What a copy holds at a path: the SHA-256 and size of its bytes (for a
 * precompressed copy or an encoded answer, of what they decompress to; see
 * `FileFacts` for the sizes that say they do not), or why there are none:
 * missing (with why: no such file, HTTP 404, a refused connection), unreadable
 * (the file or folder exists, with the system's error), or not a regular file
 * (with a link's target).
 */
export type Found =
  | { readonly facts: FileFacts }
  | { readonly missing: string }
  | { readonly unreadable: string; readonly folder?: true }
  | { readonly kind: EntryKind; readonly target?: string };

/**
 * What a host sent for a listed path asked with `Accept-Encoding: <asked>`:
 * its `Content-Encoding` (`identity` when none) and the facts of what it
 * decompresses to, or why there is nothing.
 */
export type EncodedFound =
  | { readonly asked: string; readonly encoding: string; readonly facts: FileFacts }
  | { readonly asked: string; readonly missing: string };

export interface PublishedCopy {
  /** What was found at each listed path that was looked at. */
  readonly files: ReadonlyMap<string, Found>;
  /**
   * What was found at the entries of the copy that the manifest does not
   * list (none when the copy cannot be listed, over HTTP): a precompressed
   * copy of a listed file with what it decompresses to, `'regular'` for any
   * other regular file (extra: never read), or what else stands there.
   */
  readonly unlisted: ReadonlyMap<string, Found | 'regular'>;
  /**
   * Over HTTP, for the listed paths that may have precompressed copies
   * (`mayHaveCopies`), what the host sent when asked for each encoding.
   */
  readonly encoded?: ReadonlyMap<string, readonly EncodedFound[]>;
}

/** What was read of the manifest or its signature: its bytes (bounded: `META_LIMIT`), or why there are none. */
export type MetaFound = { readonly bytes: Uint8Array } | Exclude<Found, { facts: FileFacts }>;

/** The most bytes the manifest or its signature may have: 64 MiB (a catalog of 10,000 services has a manifest of some 1.5 MB). */
export const META_LIMIT = 64 * 1024 * 1024;

/** The decoder of each `Content-Encoding` a host may send (RFC 9110 section 8.4.1), and of each precompressed copy. */
export const DECODERS: Readonly<Record<string, 'gzip' | 'brotli' | 'deflate'>> = {
  gzip: 'gzip',
  'x-gzip': 'gzip',
  br: 'brotli',
  deflate: 'deflate',
};

/** `where` places a site path for messages: the folder's path or the URL of the file, line 1, column 1. */
export type Where = (path: string) => Location;

/**
 * The problems of `copy` against the manifest's `files`: each differing,
 * missing, unreadable, extra or irregular file, at `where(path)`, in the
 * manifest's order then the unlisted entries' order. Empty when all is well.
 */
export function verifyCopy(copy: PublishedCopy, files: readonly ManifestFile[], where: Where): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const expected of files) {
    const found = copy.files.get(expected.path);
    if (found === undefined) continue;
    const { path } = expected;
    if (!('facts' in found)) out.push(foundProblem(path, found, where(path)));
    else if (!same(found.facts, expected))
      out.push(error('verify-file-differs', where(path), { path, expected: factsOf(expected), actual: found.facts }));
    for (const answer of copy.encoded?.get(path) ?? [])
      out.push(...encodedProblems(expected, found, answer, where(path)));
  }
  const byPath = new Map(files.map((f) => [f.path, f]));
  for (const [path, found] of copy.unlisted) {
    const copied = copyOf(path, (p) => byPath.has(p));
    if (found !== 'regular' && !('facts' in found)) out.push(foundProblem(path, found, where(path)));
    else if (copied === null || found === 'regular') out.push(error('verify-file-extra', where(path), { path }));
    else {
      const expected = byPath.get(copied.of) as ManifestFile;
      if (!same(found.facts, expected))
        out.push(error('verify-file-differs', where(path), { path, expected: factsOf(expected), actual: found.facts }));
    }
  }
  return out;
}

/** The diagnostic of a path where no bytes could be checked: missing, unreadable, or not a regular file. */
export function foundProblem(path: string, found: Exclude<Found, { facts: FileFacts }>, at: Location): Diagnostic {
  if ('missing' in found) return error('verify-file-missing', at, { path, detail: found.missing });
  if ('unreadable' in found)
    return error('verify-file-unreadable', at, { path, reason: found.unreadable, folder: found.folder === true });
  return error('verify-file-not-regular', at, { path, kind: found.kind, target: found.target ?? '' });
}

/**
 * The problems of the signature file's bytes (or what stands there instead)
 * against the manifest's bytes and a public key, at `where(path)`; empty when
 * the manifest is signed with that key.
 */
export function signatureProblems(
  signature: MetaFound,
  manifest: Uint8Array,
  key: KeyObject,
  where: Where,
): Diagnostic[] {
  const path = signaturePath();
  if ('missing' in signature) return [error('verify-signature-missing', where(path), { path })];
  if (!('bytes' in signature)) return [foundProblem(path, signature, where(path))];
  const check = checkSignature(signature.bytes, manifest, key);
  switch (check.kind) {
    case 'valid':
      return [];
    case 'invalid':
      return [error('verify-signature-invalid', where(manifestPath()), { keyId: check.keyId, named: check.named })];
    case 'other-key':
      return [error('verify-signature-other-key', where(path), { signedBy: check.signedBy, given: check.given })];
    case 'malformed':
      return [error('verify-signature-malformed', where(path), { reason: check.reason })];
  }
}

const factsOf = (f: FileFacts): FileFacts => ({ sha256: f.sha256, size: f.size });
const same = (a: FileFacts, b: FileFacts): boolean => a.sha256 === b.sha256 && a.size === b.size;

/**
 * The problem of one encoded answer for `expected`, if any: missing, or
 * decoding to other bytes (`plain`: what the plain answer held, so that an
 * answer sent without encoding and holding the same bytes is not named twice).
 */
function encodedProblems(expected: ManifestFile, plain: Found, answer: EncodedFound, at: Location): Diagnostic[] {
  const { path } = expected;
  const { asked } = answer;
  if ('missing' in answer) {
    return [
      error('verify-file-missing', at, { path, detail: `${answer.missing}, asked for Accept-Encoding: ${asked}` }),
    ];
  }
  const { facts } = answer;
  if (same(facts, expected) || (answer.encoding === 'identity' && 'facts' in plain && same(facts, plain.facts)))
    return [];
  return [
    error('verify-encoding-differs', at, {
      path,
      asked,
      encoding: answer.encoding,
      expected: factsOf(expected),
      actual: facts,
    }),
  ];
}
