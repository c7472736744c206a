/**
 * Text to tree. `yaml` does the parsing, kept within the limits
 * (`cst-limits.ts`); this module refuses what a service file must not use
 * (other YAML versions, directives, tags beyond the core schema, more than one
 * document), words yaml's errors and the frequent mistakes behind them
 * (`yaml-problems.ts`, `yaml-mistakes.ts`), and builds the tree
 * (`yaml-tree.ts`).
 *
 * Every problem is reported. Only those that lose the structure (a syntax
 * error, a limit passed) leave no tree: after the others (a duplicate key, a
 * tag, an unknown alias, ...) the tree is returned too, so that the rules
 * check the rest of the file in the same run.
 */
import { type CST, type Document, isScalar, type Node as YamlNode } from 'yaml';
import { compareDiagnostics, type Diagnostic, error } from '../diagnostics/diagnostic.js';
import type { LimitPassed } from './cst-limits.js';
import { LIMITS } from './limits.js';
import type { Locator } from './locate.js';
import type { Node } from './tree.js';
import { composeFirst } from './yaml-compose.js';
import { findMistakes } from './yaml-mistakes.js';
import { type YamlProblem, yamlProblems } from './yaml-problems.js';
import { TreeBuilder } from './yaml-tree.js';

export interface Parsed {
  /** The document's root, or null when the file could not be read as a service at all. */
  readonly root: Node | null;
  /** Every problem found, in order of place. */
  readonly diagnostics: readonly Diagnostic[];
}

// YAML 1.2 printable characters: tab, line feed, carriage return, and everything
// visible; not the other C0 controls, DEL, C1 controls (but NEL) or U+FFFE/FFFF. A carriage
// return alone (old Mac line endings) is a line break to YAML but not to editors, diffs or
// locations: only LF and CRLF are accepted.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const NOT_PRINTABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F\uFFFE\uFFFF]|\r(?!\n)/;

/** The tree of a service file's text, with every problem found in it. Never throws. */
export function parse(text: string, locate: Locator): Parsed {
  const bad = NOT_PRINTABLE.exec(text);
  if (bad !== null) {
    const codePoint = `U+${(bad[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    return { root: null, diagnostics: [error('invalid-character', locate(bad.index), { codePoint })] };
  }
  const composed = composeFirst(text, LIMITS, locate);
  if (!('doc' in composed)) return { root: null, diagnostics: limitPassed(composed, text, locate) };
  const { doc, secondDocument } = composed;
  const problems = yamlProblems(composed.reported, text, locate);
  const reading = [...composed.directives];
  if (secondDocument !== null) reading.push(error('multiple-documents', locate(secondDocument), {}));
  if (problems.some((p) => p.stops)) {
    const words = explained(problems, text, composed.tokens, locate);
    return { root: null, diagnostics: sorted([...reading, ...words]) };
  }
  const early = [...reading, ...problems.map((p) => p.diagnostic)];
  if (isEmpty(doc.contents)) return { root: null, diagnostics: sorted([...early, error('empty-file', locate(0), {})]) };
  const builder = new TreeBuilder(doc, text, locate);
  const root = builder.build(doc.contents as YamlNode);
  builder.unusedAnchors(new Set([...early, ...builder.problems].map((d) => d.line)));
  const diagnostics = sorted(unique([...early, ...builder.problems]));
  return { root: builder.limitPassed ? null : root, diagnostics };
}

/** No document, or one with nothing in it (`---` alone): an empty node has an empty range. */
function isEmpty(contents: Document['contents']): boolean {
  if (contents === null) return true;
  return isScalar(contents) && contents.value === null && contents.range?.[0] === contents.range?.[1];
}

/**
 * The limit passed, unless a frequent mistake before it explains it: each
 * line of keys indented one step too far nests them one level deeper.
 */
function limitPassed({ limit, offset }: LimitPassed, text: string, locate: Locator): Diagnostic[] {
  const mistakes = findMistakes(text, [], locate).filter((m) => m.from < offset);
  if (mistakes.length > 0) return sorted(mistakes.map((m) => m.diagnostic));
  return [
    limit === 'too-deep'
      ? error('too-deep', locate(offset), { limit: LIMITS.maxDepth })
      : error('too-many-nodes', locate(offset), { limit: LIMITS.maxNodes, viaAliases: false }),
  ];
}

/**
 * yaml's problems with the frequent mistakes that explain them: from the
 * first mistake on, the mistakes replace yaml's reports, which follow from it.
 */
function explained(problems: readonly YamlProblem[], text: string, tokens: readonly CST.Token[], locate: Locator) {
  const mistakes = findMistakes(text, tokens, locate);
  const from = mistakes[0]?.from ?? Number.POSITIVE_INFINITY;
  return [...problems.filter((p) => p.offset < from).map((p) => p.diagnostic), ...mistakes.map((m) => m.diagnostic)];
}

/**
 * In order of place, the first `LIMITS.maxReadingProblems` of them, and one
 * more that counts the rest: a hostile file can hold a mistake on every line.
 */
function sorted(ds: Diagnostic[]): Diagnostic[] {
  ds.sort(compareDiagnostics);
  const max = LIMITS.maxReadingProblems;
  const first = ds[max];
  if (first === undefined) return ds;
  return [...ds.slice(0, max), error('more-problems', first, { count: ds.length - max })];
}

/** One report per code and place: yaml and the tree walk both see a key repeated as written. */
function unique(ds: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const key = `${d.code}@${d.line}:${d.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
