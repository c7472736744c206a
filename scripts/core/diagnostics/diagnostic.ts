/**
 * The one diagnostic type. Every problem found in the input is a value of this
 * type: a stable code, a severity, a location and typed arguments. Wording lives
 * in `messages.ts`; formatters turn diagnostics into text.
 */
import type { InstanceNameProblem } from '../model/instance-name.js';
import type { NameFault } from '../model/name-fault.js';
import type { NameLikeness } from '../model/platform.js';
import type { SitePathProblem } from '../model/site-path.js';
import type { EntryType } from '../reading/input.js';
import type { NumberLoss } from '../reading/json-number.js';
import type { EntryKind } from '../sync/verify.js';
import type { Collision } from '../unicode/fold.js';
import type { LifecycleArgs } from './lifecycle-args.js';

export type Severity = 'error' | 'warning';

/** Arguments of each diagnostic code. Adding a code here forces a message for it. */
export interface DiagnosticArgs extends LifecycleArgs {
  // The services folder and the files in it.
  'no-services': { dir: string };
  'not-a-file': { kind: 'directory' | 'other' };
  'symbolic-link': { target: string };
  'file-unreadable': { reason: string };
  'file-too-large': { size: number; limit: number };
  'not-a-service-file': { type: EntryType };
  // Bytes to text.
  'invalid-encoding': { encoding: 'UTF-16LE' | 'UTF-16BE' | 'UTF-32LE' | 'UTF-32BE' };
  'invalid-utf8': { byte: string };
  'invalid-character': { codePoint: string };
  'empty-file': Record<string, never>;
  // Text to YAML.
  'yaml-syntax': { detail: string; parserCode: string };
  'yaml-version': { version: string };
  'duplicate-key': { key: string };
  'multiple-documents': Record<string, never>;
  'unknown-tag': { tag: string };
  'tag-mismatch': { tag: string };
  'unknown-alias': { alias: string };
  'too-many-nodes': { limit: number; viaAliases: boolean };
  'too-deep': { limit: number };
  'recursive-alias': { alias: string };
  'merge-key': Record<string, never>;
  'forbidden-key': { key: string };
  'unclosed-quote': { quote: '"' | "'" };
  'unclosed-bracket': { bracket: '[' | '{' };
  'key-indentation': { key: string; column: number; expected: number };
  'colon-in-text': { key: string; text: string };
  'tab-indentation': Record<string, never>;
  'missing-space-after-colon': { written: string };
  'value-not-indented': { key: string };
  'repeated-directive': { directive: string };
  'reserved-directive': { name: string };
  'anchor-name-colon': { name: string; kind: 'anchor' | 'alias' };
  'comment-in-text': { field: string; tab: boolean };
  'value-start': { key: string; start: string; meaning: ValueStart; value: string };
  'quote-in-quoted-text': { key: string; quote: '"' | "'"; value: string };
  'bad-escape': { escape: string };
  'missing-colon': { written: string };
  'comment-in-wrapped-text': { key: string };
  'unused-anchor': { name: string; onText: boolean };
  'field-in-add-data': { field: string; column: number };
  'more-problems': { count: number };
  // YAML to a service.
  'not-a-mapping': { found: string };
  'unknown-field': { field: string; suggestion: string | null };
  'missing-field': { field: string };
  'wrong-type': { field: string; expected: string; found: string; hint: TypeHint | null };
  'yaml11-boolean': { field: string; found: string; write: 'true' | 'false' };
  'too-long': { field: string; limit: number; length: number };
  'too-short': { field: string; limit: number };
  'name-spacing': { field: string; problem: 'leading' | 'trailing' | 'doubled' };
  'control-character': { field: string; codePoint: string; name: string; index: number };
  'invisible-character': { field: string; codePoint: string; name: string; index: number };
  'blank-character': { field: string; codePoint: string; name: string; index: number };
  'private-use-character': { field: string; codePoint: string; name: string; index: number };
  /** `noncharacter`: Noncharacter_Code_Point; `unassigned`: no character in the Unicode version of the tables. */
  'not-a-character': {
    field: string;
    codePoint: string;
    name: string;
    index: number;
    kind: 'noncharacter' | 'unassigned';
  };
  'lone-surrogate': { path: string; codePoint: string };
  'not-json': { path: string; problem: 'non-string-key' | 'non-finite-number' | 'overflow'; found: string };
  /** `tagged`: quoted text made a number by a tag (`!!int "0044"`). */
  'inexact-number': {
    path: string;
    found: string;
    tagged: boolean;
    loss: NumberLoss;
    published: string;
    yaml11Octal: string | null;
  };
  'yaml11-value': { path: string; found: string; kind: 'boolean' | 'number'; value: string };
  // Across files.
  'invalid-instance-name': { name: string; problem: InstanceNameProblem };
  'reserved-instance-name': { name: string };
  'duplicate-instance-name': { name: string; other: string };
  'duplicate-technical-name': {
    name: string;
    other: string;
    otherLine: number;
    otherName: string;
    collision: Collision;
  };
  /** `nearest`: the known name it is closest to, and how it differs (`likeness`); `platformFile`: where extra names go. */
  'unknown-service-name': {
    name: string;
    nearest: string | null;
    likeness: NameLikeness | null;
    platformFile: string;
  };
  // The platform file (`_platform.yaml`): the platform's extra service names.
  'platform-unknown-key': { key: string; suggestion: string | null };
  /** `path`: where in the file (`extra_service_names[2]`; empty: the whole file). */
  'platform-wrong-type': { path: string; expected: 'mapping' | 'list' | 'name'; found: string };
  /** A declared name no technical_name could be (`path`: `extra_service_names[i]`). */
  'platform-invalid-name': { path: string; name: string; fault: NameFault };
  /** A name listed before on `otherLine` as `otherName`, the same to a reader (`collision`). */
  'platform-duplicate-name': { name: string; otherLine: number; otherName: string; collision: Collision };
  /** A declared name that is the shipped name `shipped`, exactly (`identical`) or as a reader sees it. */
  'platform-known-name': { name: string; shipped: string; collision: Collision };
  // fmt: a file it leaves as it is though it has no error of its own, or could not replace.
  /** `problem`: the code of a problem the canonical text would have; null: it would give another service. */
  'format-unsafe': { problem: Code | null };
  'format-changed-on-disk': Record<string, never>;
  /** `read-only-file`: the file's permission bits (`errno` then holds them in octal, `0444`) keep it from being written. */
  'format-not-written': { reason: PathProblem | 'not-a-file' | 'read-only-file'; errno: string };
  // The output folders of build, refused before anything is written (see OutputArgs).
  'output-overlaps-services': OutputArgs & { part: string; partKind: OutputPart; services: string; relation: Overlap };
  'output-overlaps-output': OutputArgs & {
    part: string;
    partKind: OutputPart;
    other: string;
    otherOption: string;
    relation: Overlap;
  };
  'output-holds-working-directory': OutputArgs & { part: string; partKind: OutputPart; relation: 'same' | 'contains' };
  'output-overlaps-cache': OutputArgs & { part: string; partKind: OutputPart; cache: string; relation: Overlap };
  'output-is-repository': OutputArgs & { inside: boolean };
  'output-not-a-folder': OutputArgs & { below: boolean };
  'output-not-owned': OutputArgs & { found: 'folder' | 'link' | 'builds'; target: string };
  'output-builds-not-owned': OutputArgs & { builds: string; entries: readonly string[] };
  'output-lock-not-owned': OutputArgs & { lock: string; found: LockIntruder };
  'output-holds-foreign-files': OutputArgs & { within: string; entries: readonly string[] };
  'output-unusable': OutputArgs & { path: string; reason: PathProblem; errno: string };
  // The files of `init`, refused before any is written: a path already taken, a folder it cannot use.
  'init-file-exists': { path: string; found: 'file' | 'folder' | 'link' | 'other'; needed: 'file' | 'folder' };
  'init-folder-unusable': { folder: string; reason: PathProblem | 'not-a-folder' | 'below-a-file'; errno: string };
  // The change history build reads from git (scripts/app/history.ts): left out or cut, said once.
  'history-unavailable': { reason: 'no-git' | 'no-commits' | 'outside-repository'; detail: string };
  'history-shallow': { commit: string; kept: number };
  'history-broken-commit': { commit: string; cause: BrokenCommitCause };
  'history-base-unknown': { commit: string; reach: number; kept: number };
  // `verify`: a published site against its manifest and signature (core/sync/verify.ts).
  'verify-file-differs': { path: string; expected: FileFacts; actual: FileFacts };
  'verify-encoding-differs': { path: string; asked: string; encoding: string; expected: FileFacts; actual: FileFacts };
  'verify-file-missing': { path: string; detail: string };
  'verify-file-extra': { path: string };
  'verify-file-unreadable': { path: string; reason: string; folder: boolean };
  'verify-file-not-regular': { path: string; kind: EntryKind; target: string };
  'verify-manifest-unreadable': { path: string; reason: string };
  'verify-manifest-invalid-path': { path: string; reason: SitePathProblem };
  'verify-manifest-duplicate-path': { path: string; line: number };
  'verify-deadline': { unchecked: number; seconds: number };
  'verify-signature-missing': { path: string };
  'verify-signature-invalid': { keyId: string; named: boolean };
  'verify-signature-other-key': { signedBy: string; given: string };
  'verify-signature-malformed': { reason: string };
}

/**
 * Why the history leaves a commit out: its services folder has errors (how
 * many, and the first as `file:line:col: code: message`), is no folder at
 * that commit (a file, a link, a submodule), or git cannot read it there (an
 * object missing from a partial clone): the last two in the reader's or
 * git's words.
 */
export type BrokenCommitCause =
  | { readonly kind: 'errors'; readonly errors: number; readonly first: string }
  | { readonly kind: 'not-a-folder' | 'unreadable'; readonly reason: string };

/**
 * A file's SHA-256 (hex) and size in bytes, as a manifest records them. What
 * `verify` found in a precompressed copy or an encoded answer gives the facts
 * of what it decompresses to, or an empty SHA-256 with size -1 when it does
 * not decompress, -2 when it decompresses to more than twice the manifest's
 * size (and 1 MiB), where reading stops.
 */
export interface FileFacts {
  readonly sha256: string;
  readonly size: number;
}

/** Every output problem names the option and the folder as the user wrote it (relative to the working directory). */
export interface OutputArgs {
  readonly option: '--out' | '--hosting-out';
  readonly folder: string;
}

/**
 * Which of an output's paths is in the way: the folder itself, the folder of
 * its builds beside it (`.<name>.builds`) or its lock (`.<name>.lock`).
 */
export type OutputPart = 'folder' | 'builds' | 'lock';

/**
 * What stands at an output's lock path that is not a lock of the tool: a
 * symbolic link, a plain file holding more than a process id, a folder with
 * entries, or another kind of file (a socket, a device).
 */
export type LockIntruder = 'link' | 'file' | 'empty-file' | 'folder' | 'other';

/** Why the file system refused a path of an output, from the error it gave (errno). */
export type PathProblem =
  | 'dangling-link'
  | 'link-loop'
  | 'permission'
  | 'read-only'
  | 'missing'
  | 'no-space'
  | 'name-too-long'
  | 'other';

/** How a path lies to another: the same, inside it, or holding it. */
export type Overlap = 'same' | 'inside' | 'contains';

/** What YAML reads in a value that starts with an indicator (see `yaml-value-mistakes.ts`). */
export type ValueStart = 'flow' | 'alias' | 'reserved' | 'list' | 'key' | 'block';

/** Extra advice attached to a type error, chosen from what the author wrote. */
export type TypeHint =
  | 'quote-it'
  | 'unquote-it'
  | 'write-true'
  | 'write-false'
  | 'write-a-value'
  | 'dash-is-list'
  | 'brackets-are-list';

export type Code = keyof DiagnosticArgs;

interface DiagnosticBase<C extends Code> {
  readonly code: C;
  readonly severity: Severity;
  /** Path as shown to the user, relative to the working directory, with `/`. */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column, in UTF-16 code units like editors and GitHub count them. */
  readonly column: number;
  readonly args: DiagnosticArgs[C];
}

export type Diagnostic = { [C in Code]: DiagnosticBase<C> }[Code];

export interface Location {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/**
 * An error diagnostic of `code` at `at` (file, 1-based line and column), with
 * the code's typed arguments; its message comes from `messages.ts` when shown.
 */
export function error<C extends Code>(code: C, at: Location, args: DiagnosticArgs[C]): Diagnostic {
  return { code, severity: 'error', file: at.file, line: at.line, column: at.column, args } as Diagnostic;
}

/** A problem worth fixing that does not stop the build: printed, counted, exit status unchanged. */
export function warning<C extends Code>(code: C, at: Location, args: DiagnosticArgs[C]): Diagnostic {
  return { code, severity: 'warning', file: at.file, line: at.line, column: at.column, args } as Diagnostic;
}

/** Code-point order, independent of locale: the order used for every sorted output. */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  // UTF-16 code units compare as code points do, except that a surrogate (a
  // character beyond U+FFFF) must sort after U+E000-U+FFFF: compare unit by
  // unit and correct only at a difference between a surrogate and such a unit.
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca !== cb) {
      const sa = ca >= 0xd800 && ca <= 0xdfff;
      const sb = cb >= 0xd800 && cb <= 0xdfff;
      if (sa !== sb && (sa ? cb : ca) >= 0xe000) return sa ? 1 : -1;
      return ca - cb;
    }
  }
  return a.length - b.length;
}

/**
 * The order reports show diagnostics in: by file path (code-point order), line,
 * column, then code. Negative, zero or positive, as `Array.prototype.sort` wants.
 */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    compareCodePoints(a.file, b.file) || a.line - b.line || a.column - b.column || compareCodePoints(a.code, b.code)
  );
}

/** Whether any diagnostic is an error (a run with one exits 1; warnings alone do not). */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
