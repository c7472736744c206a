/**
 * The stages besides the rules that report problems, each declaring its codes
 * as a rule's meta does (see rules/rule.ts): every code of `diagnostic.ts` is
 * reported by exactly one rule or stage (test/unit/diagnostics/codes.test.ts
 * checks it, and that the README's table lists it).
 */
import type { StageMeta } from '../rules/rule.js';

/** The folder reader's kinds of entries (input.ts) and what `parseFile` (analysis/parse-file.ts) makes of them. */
export const readStage: StageMeta = {
  id: 'read',
  codes: ['not-a-file', 'symbolic-link', 'file-unreadable', 'file-too-large', 'not-a-service-file'],
  docs: 'Entries of the services folder that are not service files, or cannot be read as one.',
};

/** Bytes to text (decode.ts). */
export const decodeStage: StageMeta = {
  id: 'decode',
  codes: ['invalid-encoding', 'invalid-utf8'],
  docs: 'The bytes of a file are not UTF-8 (RFC 3629): another encoding, or bytes no UTF-8 text holds.',
};

/** Text to a YAML tree (parse.ts and the yaml-*.ts modules it uses). */
export const parseStage: StageMeta = {
  id: 'parse',
  codes: [
    'invalid-character',
    'empty-file',
    'yaml-syntax',
    'yaml-version',
    'duplicate-key',
    'multiple-documents',
    'unknown-tag',
    'tag-mismatch',
    'unknown-alias',
    'too-many-nodes',
    'too-deep',
    'recursive-alias',
    'unclosed-quote',
    'unclosed-bracket',
    'key-indentation',
    'colon-in-text',
    'tab-indentation',
    'missing-space-after-colon',
    'value-not-indented',
    'repeated-directive',
    'reserved-directive',
    'anchor-name-colon',
    'more-problems',
    'unused-anchor',
    'value-start',
    'quote-in-quoted-text',
    'bad-escape',
    'missing-colon',
    'comment-in-wrapped-text',
  ],
  docs: 'The text is not the YAML 1.2 a service file may use, or passes a limit of size or depth.',
};

/** The output folders of `build`, refused before anything is written (scripts/adapters/output-owner.ts). */
export const outputStage: StageMeta = {
  id: 'outputs',
  codes: [
    'output-overlaps-services',
    'output-overlaps-output',
    'output-holds-working-directory',
    'output-overlaps-cache',
    'output-is-repository',
    'output-not-a-folder',
    'output-not-owned',
    'output-builds-not-owned',
    'output-lock-not-owned',
    'output-unusable',
    'output-holds-foreign-files',
  ],
  docs: 'An output folder that build may not write: it overlaps the services or the other output, or is not its own.',
};

/** The files `init` writes, refused before any is written (scripts/cli/commands/init.ts). */
export const initStage: StageMeta = {
  id: 'init',
  codes: ['init-file-exists', 'init-folder-unusable'],
  docs: 'A file init would write exists already, or the folder it writes into cannot be used.',
};

/** The files `fmt` leaves as they are though they have no error of their own (scripts/cli/commands/fmt.ts). */
export const formatStage: StageMeta = {
  id: 'fmt',
  codes: ['format-unsafe', 'format-changed-on-disk', 'format-not-written'],
  docs: 'A file fmt leaves as it is: its canonical form would read otherwise, it changed meanwhile, or it cannot be replaced.',
};

/** The change history `build` reads from git (scripts/app/history.ts). */
export const historyStage: StageMeta = {
  id: 'history',
  codes: ['history-unavailable', 'history-shallow', 'history-broken-commit', 'history-base-unknown'],
  docs: 'The history of the services folder cannot be read whole: outside git, a shallow clone, a commit that does not build, or one whose catalog before it is unknown.',
};

/** `verify`: a published site against its manifest and signature (core/sync/verify.ts). */
export const verifyStage: StageMeta = {
  id: 'verify',
  codes: [
    'verify-file-differs',
    'verify-encoding-differs',
    'verify-file-missing',
    'verify-file-extra',
    'verify-file-unreadable',
    'verify-file-not-regular',
    'verify-manifest-unreadable',
    'verify-manifest-invalid-path',
    'verify-manifest-duplicate-path',
    'verify-deadline',
    'verify-signature-missing',
    'verify-signature-invalid',
    'verify-signature-other-key',
    'verify-signature-malformed',
  ],
  docs: 'A published file differs from the manifest, is missing, extra, unreadable or not a regular file; the manifest lists a path no build writes, or is not signed by the key given.',
};

/** `check --as-of DATE`: the catalog against a day it is given, never the clock (core/lifecycle/sunset.ts). */
export const asOfStage: StageMeta = {
  id: 'as-of',
  codes: ['past-sunset'],
  docs: 'check --as-of DATE: a service still published on or after the sunset its deprecation announced.',
};

/** The host files `build` writes beside the site (core/hosting/): one a host would refuse. */
export const hostingStage: StageMeta = {
  id: 'hosting',
  codes: ['cloudfront-function-too-large'],
  docs: 'A generated CloudFront Function over the size CloudFront accepts: too many previous names or deprecated instances.',
};

/** Every stage that reports problems besides the rules. */
export const stages: readonly StageMeta[] = [
  readStage,
  decodeStage,
  parseStage,
  outputStage,
  initStage,
  historyStage,
  verifyStage,
  formatStage,
  asOfStage,
  hostingStage,
];
