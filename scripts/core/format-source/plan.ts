/**
 * What `fmt` does with a catalog, decided from what was read and what `check`
 * says of it, without touching anything: which files get a new text, and which
 * problems leave files as they are. The command line writes (or, with
 * `--check`, lists) the files; this module only decides, and words the run.
 */
import type { Analysis } from '../analysis/analyze.js';
import type { AnalyzedKind } from '../analysis/kind.js';
import { compareDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { readWords } from '../diagnostics/format/summary.js';
import type { FilesRead } from '../diagnostics/format/types.js';
import { plural, sameBytes } from '../diagnostics/words.js';
import { utf8 } from '../model/site.js';
import { type Input, isPlatformPath } from '../reading/input.js';
import { fixedByFormat, formatSource } from './format.js';

/** A file to replace: its path as shown, the bytes it was read with, and its canonical bytes. */
export interface Rewrite {
  readonly path: string;
  readonly read: Uint8Array;
  readonly bytes: Uint8Array;
}

export interface FormatPlan {
  /** The files whose canonical form differs from what they hold, in path order. */
  readonly rewrites: readonly Rewrite[];
  /** The errors for which files are left as they are (every error but the ones `fmt` fixes), sorted. */
  readonly problems: readonly Diagnostic[];
  /** How many files of every kind were read. */
  readonly services: number;
  /** How many of them each kind has (`Analysis.filesByKind`). */
  readonly filesByKind: Readonly<Record<string, number>>;
}

/**
 * The plan for `input`, of which `analysis` is what `check` says: a service
 * file whose errors are all ones `fmt` fixes (or none) gets its canonical form
 * (`formatSource`, with `schemaLine` for a file without one); any other error,
 * of any file or of the catalog, is reported and its file left as it is. The
 * platform file is never rewritten, nor the files of kinds' sub-folders
 * (`schemaLine` names the service schema). `kinds`: the kinds `analysis` was
 * made for.
 */
export function planFormat(
  input: Input,
  analysis: Analysis,
  schemaLine: string,
  kinds: readonly AnalyzedKind[],
): FormatPlan {
  const problems = analysis.diagnostics.filter((d) => d.severity === 'error' && !fixedByFormat(d));
  const left = new Set(problems.map((d) => d.file));
  const rewrites: Rewrite[] = [];
  for (const file of input.files) {
    if (file.kind !== 'file' || file.configKind !== undefined || isPlatformPath(file.path) || left.has(file.path)) {
      continue;
    }
    const formatted = formatSource(file.path, input.dir, file.bytes, schemaLine, kinds);
    if (formatted.kind === 'left') {
      problems.push(...formatted.problems);
      continue;
    }
    const bytes = utf8(formatted.text);
    if (!sameBytes(bytes, file.bytes)) rewrites.push({ path: file.path, read: file.bytes, bytes });
  }
  return {
    rewrites,
    problems: problems.sort(compareDiagnostics),
    services: analysis.fileCount,
    filesByKind: analysis.filesByKind,
  };
}

/** The line `fmt --check` prints for a file it would rewrite. */
export const wouldReformat = (path: string): string => `${path}: would reformat`;

/** The line `fmt` prints for a file it rewrote. */
export const reformatted = (path: string): string => `${path}: reformatted`;

/**
 * The summary of a run: `fmt: 12 services read, 2 reformatted, 1 error in
 * 0.05 s` (`--check`: `2 would be reformatted`; with several kinds, each
 * kind's files counted: `readWords`).
 */
export function formatSummary(s: {
  check: boolean;
  services: number;
  read?: readonly FilesRead[];
  changed: number;
  errors: number;
  seconds: number;
}): string {
  const changed = s.check ? `${s.changed} would be reformatted` : `${s.changed} reformatted`;
  const errors = s.errors > 0 ? `, ${plural(s.errors, 'error')}` : '';
  return `fmt: ${readWords(s.services, s.read)}, ${changed}${errors} in ${s.seconds.toFixed(2)} s`;
}
