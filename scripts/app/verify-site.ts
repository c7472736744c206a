/**
 * `verify`'s order of work on a published copy (a folder or a URL, through a
 * `CopyReader`): the manifest, read and its every entry checked as a site path
 * before anything it lists is looked at; the signature, checked against the
 * key (when given) before any listed file is read or fetched, so that a
 * manifest nobody signed never makes verify ask anything; then the files.
 */
import type { KeyObject } from 'node:crypto';
import type { CopyReader } from '../adapters/copy-reader.js';
import { type Diagnostic, error } from '../core/diagnostics/diagnostic.js';
import { manifestPath, signaturePath } from '../core/model/site.js';
import { manifestEntries } from '../core/sync/manifest-entries.js';
import { foundProblem, signatureProblems, verifyCopy } from '../core/sync/verify.js';

/** What `verify` found, for the report and its notes. */
export interface SiteVerdict {
  readonly diagnostics: readonly Diagnostic[];
  /** Listed files checked (found, missing, or differing), and listed entries not checked (`skipped` among them). */
  readonly checked: number;
  readonly unchecked: number;
  /** Listed files some hosts never serve at their own URL, not asked for over HTTP. */
  readonly skipped: readonly string[];
  /** As the JSON summary gives it; `not-checked` too when no manifest could be read. */
  readonly signature: 'checked' | 'not-checked' | 'unsigned';
  /** Nothing could be checked: no manifest to read (exit status 2). */
  readonly unreadable: boolean;
  /** With a key, the signature did not hold, so no listed file was read or fetched. */
  readonly untrusted: boolean;
}

/** Checks the copy `reader` reads against its manifest and, when given, the public `key`. Closes the reader. */
export async function verifySite(reader: CopyReader, key: KeyObject | null): Promise<SiteVerdict> {
  try {
    return await verifyWith(reader, key);
  } finally {
    reader.close();
  }
}

async function verifyWith(reader: CopyReader, key: KeyObject | null): Promise<SiteVerdict> {
  const { where } = reader;
  const shown = where(manifestPath()).file;
  const nothing = { checked: 0, unchecked: 0, skipped: [], untrusted: false } as const;
  const manifest = await reader.meta(manifestPath());
  if (!('bytes' in manifest)) {
    const reason =
      'missing' in manifest
        ? manifest.missing === 'no such file'
          ? 'there is no such file'
          : manifest.missing
        : foundProblemText(manifest);
    const diagnostic = error('verify-manifest-unreadable', where(manifestPath()), { path: shown, reason });
    return { ...nothing, diagnostics: [diagnostic], signature: 'not-checked', unreadable: true };
  }
  const entries = manifestEntries(manifest.bytes, shown);
  if (!('files' in entries)) return { ...nothing, diagnostics: [entries], signature: 'not-checked', unreadable: true };
  const signature = await reader.meta(signaturePath());
  const signed = 'bytes' in signature;
  const listed = entries.files.length + entries.problems.length;
  if (key !== null) {
    const problems = signatureProblems(signature, manifest.bytes, key, where);
    if (problems.length > 0)
      return {
        ...nothing,
        diagnostics: [...entries.problems, ...problems],
        unchecked: listed,
        signature: 'checked',
        unreadable: false,
        untrusted: true,
      };
  }
  // Without a key, a signature file that is there but cannot be read is still a fault of the copy.
  const broken =
    key === null && !signed && !('missing' in signature)
      ? [foundProblem(signaturePath(), signature, where(signaturePath()))]
      : [];
  const read = await reader.files(entries.files);
  const diagnostics = [...entries.problems, ...verifyCopy(read.copy, entries.files, where), ...broken];
  if (read.unfetched > 0)
    diagnostics.push(
      error('verify-deadline', where(manifestPath()), { unchecked: read.unfetched, seconds: read.deadlineSeconds }),
    );
  const checked = entries.files.length - read.skipped.length - read.unfetched;
  return {
    diagnostics,
    checked,
    unchecked: listed - checked,
    skipped: read.skipped,
    signature: key !== null ? 'checked' : signed ? 'not-checked' : 'unsigned',
    unreadable: false,
    untrusted: false,
  };
}

/** Why the manifest is not a file verify reads: unreadable, or not a regular file. */
function foundProblemText(found: { unreadable: string } | { kind: string; target?: string }): string {
  if ('unreadable' in found) return `it cannot be read (${found.unreadable})`;
  const to = found.target === undefined || found.target === '' ? '' : ` (to ${found.target})`;
  return `it is a ${found.kind}${to}, not a regular file, and verify never opens or follows anything else`;
}
