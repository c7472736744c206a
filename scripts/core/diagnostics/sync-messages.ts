/**
 * The wording of the history's notes (`history-*`) and of `verify`'s findings
 * (`verify-*`), part of the message catalogue (`messages.ts`).
 */
import type { SitePathProblem } from '../model/site-path.js';
import type { BrokenCommitCause, Code, DiagnosticArgs, FileFacts } from './diagnostic.js';

type SyncCode = Extract<Code, `history-${string}` | `verify-${string}`>;

/** Sizes -1 and -2: a precompressed copy or an encoded answer that does not decompress, or decompresses to too much. */
const facts = (f: FileFacts): string =>
  f.size === -1
    ? 'bytes that do not decompress'
    : f.size === -2
      ? 'bytes that decompress to more than twice the listed size (and 1 MiB)'
      : `${f.size} bytes, SHA-256 ${f.sha256.slice(0, 12)}`;

/** Why a path is not a site path (`model/site-path.ts`), in words. */
const notSitePath: Record<SitePathProblem, string> = {
  empty: 'it is empty',
  absolute: 'it starts with /',
  'empty-segment': 'it has an empty segment (//, or a / at its end)',
  'dot-segment': 'it has a . or .. segment',
  backslash: 'it holds a backslash',
  control: 'it holds a control character',
  encoded: 'it holds a percent-escape of ., /, \\, % or a control character',
  scheme: 'it starts with a scheme or a drive (http:, c:)',
};

const unavailable: Record<DiagnosticArgs['history-unavailable']['reason'], string> = {
  'no-git': 'the build does not run in a git repository',
  'no-commits': 'the repository has no commit yet',
  'outside-repository': 'the services folder lies outside the repository',
};

/** Why a commit is left out, last: the first error's own message or the reader's reason may hold any punctuation. */
function brokenCommit(commit: string, c: BrokenCommitCause): string {
  if (c.kind === 'errors') return brokenCatalog(commit, c.errors, c.first);
  if (c.kind === 'unreadable')
    return `git cannot read the services folder at commit ${commit} in this clone, so its changes are left out of the history and what it held is unknown (fetch the whole history to publish them): ${c.reason}`;
  return `the services folder at commit ${commit} is no folder, so its changes are left out of the history (it is compared across): ${c.reason}`;
}

function brokenCatalog(commit: string, errors: number, first: string): string {
  const one = errors === 1;
  return `the services folder at commit ${commit} has ${errors} ${one ? 'error' : 'errors'}, so its changes are left out of the history (it is compared across; user-services diff --base ${commit} lists ${one ? 'it' : 'them'}); ${one ? 'the error' : 'the first'}: ${first}`;
}

/** The wording of each `history-*` and `verify-*` code, from its typed arguments to one line of text. */
export const syncMessages: { [C in SyncCode]: (args: DiagnosticArgs[C]) => string } = {
  'history-unavailable': (a) =>
    `no change history is published (_history/ and the Atom feed are left out): ${unavailable[a.reason]}${a.detail === '' ? '' : ` (${a.detail})`}; build in a clone of the repository to publish them`,
  'history-shallow': (a) =>
    `the history ends at commit ${a.commit.slice(0, 12)}, where this shallow clone ends: ${a.kept} ${a.kept === 1 ? 'commit is' : 'commits are'} published and "complete" is false; fetch more history (actions/checkout with fetch-depth: 0) to publish the rest`,
  'history-broken-commit': (a) => brokenCommit(a.commit.slice(0, 12), a.cause),
  'history-base-unknown': (a) =>
    `the history ends at commit ${a.commit.slice(0, 12)}: the commits before it that changed the services folder have errors as far back as the build looks (${a.reach} commits before the window, or where this clone ends), so what it changed cannot be known; ${a.kept} ${a.kept === 1 ? 'commit is' : 'commits are'} published and "complete" is false; publish a longer --history to reach a commit that builds`,
  'verify-file-differs': (a) =>
    `${a.path} differs from the manifest: it holds ${facts(a.actual)}, the manifest says ${facts(a.expected)}; publish the site again, or find who changed it`,
  'verify-encoding-differs': (a) =>
    `${a.path} asked for with Accept-Encoding: ${a.asked} ${a.encoding === 'identity' ? 'comes without Content-Encoding and' : `comes with Content-Encoding: ${a.encoding} and decompressed`} holds ${facts(a.actual)}, the manifest says ${facts(a.expected)}: clients that ask for ${a.asked} get other bytes; publish the site again (its .gz and .br copies too), or find who changed them`,
  'verify-file-missing': (a) =>
    `${a.path} is listed in the manifest but is missing${a.detail === '' ? '' : ` (${a.detail})`}; publish the site again`,
  'verify-file-extra': (a) =>
    `${a.path} is not in the manifest: it was not published by the build that wrote the manifest; remove it, or publish the site again`,
  'verify-file-unreadable': (a) =>
    a.folder
      ? `the folder ${a.path} cannot be read (${a.reason}): files in it that the manifest does not list cannot be found; let the user who runs verify read it`
      : `${a.path} cannot be read (${a.reason}), so it was not checked; let the user who runs verify read it`,
  'verify-file-not-regular': (a) =>
    `${a.path} is a ${a.kind}${a.target === '' ? '' : ` (to ${a.target})`}, not a regular file: a build publishes regular files only, and verify never opens or follows anything else; remove it, and publish the site again`,
  'verify-manifest-invalid-path': (a) =>
    `the manifest lists ${JSON.stringify(a.path)}, which is not a path of a site (${notSitePath[a.reason]}): no build writes it, so it was neither read nor fetched; publish the site again`,
  'verify-manifest-duplicate-path': (a) =>
    `the manifest lists ${JSON.stringify(a.path)} again (first on line ${a.line}): no build lists a file twice, so this entry was not checked; publish the site again`,
  'verify-deadline': (a) =>
    `${a.unchecked} listed ${a.unchecked === 1 ? 'file was' : 'files were'} not fetched: verify stops asking after ${a.seconds} s; check the host, or verify again`,
  'verify-manifest-unreadable': (a) =>
    `cannot read the manifest ${a.path}: ${a.reason}; check the folder or URL, and that the site was built by a version of user-services that publishes it`,
  'verify-signature-missing': (a) =>
    `--key was given but ${a.path} is missing: the site is unsigned; build with --signing-key or --signing-key-env, or verify without --key`,
  'verify-signature-invalid': (a) =>
    `the manifest's signature does not verify with the key ${a.keyId}${a.named ? ' it names' : ' given (the signature names no key)'}: the manifest or its signature changed after signing; publish the site again`,
  'verify-signature-other-key': (a) =>
    `the manifest is signed by the key ${a.signedBy}, not by the key given (${a.given}); check that --key is the operator's public key`,
  'verify-signature-malformed': (a) => `the manifest's signature cannot be read: ${a.reason}`,
};
