import type { Diagnostic } from '../diagnostic.js';

/** What a run did, for the summary that follows the diagnostics. */
export interface Summary {
  readonly command: string;
  /** How many service files were read; absent for `verify`, which reads none. */
  readonly services?: number;
  /**
   * How many files of each kind were read, when the run reads several kinds
   * (`filesRead`): the summary names each kind that has files, by its noun.
   */
  readonly read?: readonly FilesRead[];
  readonly errors: number;
  readonly warnings: number;
  /** Present when the run wrote a site. */
  readonly files?: { readonly written: number; readonly unchanged: number; readonly removed: number };
  /** Present for `verify`: how many published files were checked against the manifest. */
  readonly checked?: number;
  /** Present for `verify`: listed files not checked (over HTTP, those some hosts never serve at their own URL). */
  readonly unchecked?: number;
  /**
   * Present for `verify`: `checked` (with `--key`), `not-checked` (the site is
   * signed, no key was given), `unsigned` (no signature, no key).
   */
  readonly signature?: 'checked' | 'not-checked' | 'unsigned';
  readonly seconds: number;
}

/** How many files of one kind were read; `noun`: one of its objects (`service`, plural by an s). */
export interface FilesRead {
  readonly noun: string;
  readonly count: number;
}

export interface FormatOptions {
  /** ANSI colours, for terminals only. */
  readonly color: boolean;
  /**
   * For formats that name files from the repository root (github): the working
   * directory's path from that root, with `/` (`catalog`, or `` at the root, the default).
   */
  readonly workspace?: string;
}

export interface Report {
  readonly diagnostics: readonly Diagnostic[];
  readonly summary: Summary;
}

/**
 * A formatter is a pure function of a report. `out` goes to standard output;
 * `err` (the human summary) to standard error, so that machine formats stay parseable.
 */
export type Formatter = (report: Report, options: FormatOptions) => { out: string; err: string };
