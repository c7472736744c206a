/**
 * The first YAML document of a text, composed by yaml from the tokens that
 * `readTokens` hands on one at a time, with every problem yaml saw, at most one
 * per line (one mistake tends to cause several reports on its line; the first
 * says most). Reading stops at a second document, which is a problem of its
 * own.
 *
 * yaml makes each problem an `Error`, stack trace included: a hostile file of
 * 262,000 commas made as many, 340 MB and eight seconds. Problems are
 * therefore taken as yaml reports them (its composer's `onError`, and the
 * parser's error tokens), kept one per line as plain values, and never made
 * into `Error`s. Should a version of yaml stop calling `onError`, its
 * documents' `errors` and `warnings` are read instead: slower, same answer.
 */
import { Composer, type CST, type Document } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { type CstLimits, type LimitPassed, readTokens } from './cst-limits.js';
import type { Locator } from './locate.js';
import { checkDirective, isOurs } from './yaml-problems.js';

/** A problem as yaml reports it: where (an offset), its code, its words, and whether yaml calls it a warning. */
export interface Reported {
  readonly offset: number;
  readonly code: string;
  readonly message: string;
  readonly warning: boolean;
}

export interface Composed {
  readonly doc: Document;
  /** The first document's syntax tree, for finding the mistakes behind a syntax error. */
  readonly tokens: readonly CST.Token[];
  /** yaml's problems, at most one per line, in order of place. */
  readonly reported: readonly Reported[];
  /** Directives refused (see `checkDirective`). */
  readonly directives: readonly Diagnostic[];
  /** Where a second document starts, or null. */
  readonly secondDocument: number | null;
}

/** How service files are read: YAML 1.2, the core schema, no merge keys, unique keys (`fmt` reads them so too). */
export const YAML_OPTIONS = { version: '1.2', schema: 'core', merge: false, uniqueKeys: true, strict: true } as const;

/** Composes the first document of `text`, or says which limit it passes first. */
export function composeFirst(text: string, limits: CstLimits, locate: Locator): Composed | LimitPassed {
  const composer = new Composer(YAML_OPTIONS);
  const reported = new PerLine(locate);
  (composer as unknown as { onError: unknown }).onError = (
    source: unknown,
    code: string,
    message: string,
    warning?: boolean,
  ) => reported.add({ offset: errorOffset(source), code, message, warning: warning === true });
  const tokens: CST.Token[] = [];
  const directives: Diagnostic[] = [];
  let handles = new Set<string>();
  let secondDocument: number | null = null;
  const passed = readTokens(text, limits, (token) => {
    if (token.type === 'document') {
      if (tokens.length > 0) {
        secondDocument = token.offset;
        return false;
      }
      tokens.push(token);
      handles = new Set();
    }
    if (token.type === 'error')
      reported.add({ offset: token.offset, code: 'UNEXPECTED_TOKEN', message: token.message, warning: false });
    else if (token.type === 'directive') {
      const refused = checkDirective(token, handles, locate);
      if (refused !== null) directives.push(refused);
      else for (const _ of composer.next(token));
    } else for (const _ of composer.next(token));
    return true;
  });
  if (passed !== null) return passed;
  // end(forceDoc = true) yields exactly one document: the one read, or an empty one.
  const doc = [...composer.end(true, text.length)][0] as Document;
  for (const e of [...doc.errors, ...doc.warnings]) {
    reported.add({ offset: e.pos[0], code: e.code, message: e.message, warning: e.name === 'YAMLWarning' });
  }
  return { doc, tokens, reported: reported.list(), directives, secondDocument };
}

/** Where yaml's `onError` places a problem: an offset, a range, or a token. */
function errorOffset(source: unknown): number {
  if (typeof source === 'number') return source;
  if (Array.isArray(source)) return Number(source[0]);
  return Number((source as { offset?: number }).offset ?? 0);
}

/** The first error of each line, or its first warning when it has no error. */
class PerLine {
  private readonly byLine = new Map<number, Reported>();

  constructor(private readonly locate: Locator) {}

  add(r: Reported): void {
    if (!isOurs(r)) return;
    const line = this.locate(r.offset).line;
    const before = this.byLine.get(line);
    if (before === undefined || (before.warning && !r.warning)) this.byLine.set(line, r);
  }

  list(): Reported[] {
    return [...this.byLine.values()].sort((a, b) => a.offset - b.offset);
  }
}
