/**
 * What yaml reports, in our words, and which of it stops a file.
 *
 * A problem stops the file when the structure is lost with it: a syntax error
 * of the lexer or parser leaves no mapping to check. The others leave the
 * mapping whole (a key written twice, a tag, an escape or an anchor that is
 * wrong in place, a directive a service file does not use): they are
 * reported, and the rules still check every field, so that one run shows
 * every problem of the file.
 */
import type { CST } from 'yaml';
import { type Diagnostic, error } from '../diagnostics/diagnostic.js';
import type { Locator } from './locate.js';
import type { Reported } from './yaml-compose.js';

/**
 * yaml's codes of syntax errors after which the document is still the mapping
 * that was written: an escape, or properties (anchors, tags) wrong in place.
 * The problems we name ourselves (a duplicate key, a tag, a second document,
 * an anchor's name) leave it whole too.
 */
const KEEPS_STRUCTURE = new Set([
  'ALIAS_PROPS',
  'MULTIPLE_ANCHORS',
  'MULTIPLE_TAGS',
  'BAD_PROP_ORDER',
  'BAD_DIRECTIVE',
]);

export interface YamlProblem {
  readonly diagnostic: Diagnostic;
  /** Where yaml saw it, as an offset in the text. */
  readonly offset: number;
  /** The structure is lost: the tree must not be checked. */
  readonly stops: boolean;
}

const CORE_TAG_MESSAGE = /^Unresolved tag: tag:yaml\.org,2002:(str|int|float|bool|null|map|seq)$/;
const COLON_NAME = /^(Anchor|Alias) ending in : is ambiguous/;

/**
 * What yaml reported, as diagnostics. Unknown tags are left to the tree walk,
 * which reports every tag outside the core schema; a core tag on a value it
 * cannot describe (`!!int abc`) is reported here.
 */
export function yamlProblems(reported: readonly Reported[], text: string, locate: Locator): YamlProblem[] {
  return reported.filter(isOurs).map((r) => {
    const diagnostic = toDiagnostic(r, text, locate);
    const stops = diagnostic.code === 'yaml-syntax' && !KEEPS_STRUCTURE.has(r.code);
    return { diagnostic, offset: r.offset, stops };
  });
}

/**
 * Whether a problem yaml reported is reported from here: all but the warnings
 * for tags outside the core schema, which the tree walk reports on the node.
 * A tag yaml cannot resolve at all (an undeclared handle, `!x!y`) is an error
 * of yaml's, on no node: it is reported here.
 */
export const isOurs = (r: Reported): boolean =>
  r.code !== 'TAG_RESOLVE_FAILED' || !r.warning || CORE_TAG_MESSAGE.test(r.message);

function toDiagnostic(e: Reported, text: string, locate: Locator): Diagnostic {
  const at = locate(e.offset);
  const coreTag = CORE_TAG_MESSAGE.exec(e.message);
  if (coreTag !== null) return error('tag-mismatch', at, { tag: `!!${coreTag[1]}` });
  if (e.code === 'BAD_COLLECTION_TYPE') return error('tag-mismatch', at, { tag: wordAt(text, e.offset) });
  // An undeclared handle (`!x!y`) is a tag yaml cannot even name: as unknown as any other.
  if (e.code === 'TAG_RESOLVE_FAILED') return error('unknown-tag', at, { tag: wordAt(text, e.offset) });
  if (e.code === 'DUPLICATE_KEY') return error('duplicate-key', at, { key: keyTextAt(text, e.offset) });
  if (e.code === 'BAD_DQ_ESCAPE') return error('bad-escape', at, { escape: escapeAt(text, e.offset) });
  const colon = COLON_NAME.exec(e.message);
  if (colon !== null) {
    // yaml points at the colon; the anchor or alias starts at its `&` or `*`.
    const start = Math.max(text.lastIndexOf(colon[1] === 'Anchor' ? '&' : '*', e.offset), 0);
    const name = text.slice(start + 1, e.offset + 1);
    return error('anchor-name-colon', locate(start), { name, kind: colon[1] === 'Anchor' ? 'anchor' : 'alias' });
  }
  return error('yaml-syntax', at, { detail: lowerFirst(e.message), parserCode: e.code });
}

/** The escape as written at an offset (`\p`, `\x4`), for bad-escape messages. */
function escapeAt(text: string, offset: number): string {
  const from = text[offset] === '\\' ? offset : Math.max(text.lastIndexOf('\\', offset), 0);
  return /^\\(?:[xuU][0-9a-fA-F]{0,8}|[\s\S])?/.exec(text.slice(from, from + 10))?.[0] ?? '\\';
}

/** The word (a tag as written) at an offset. */
function wordAt(text: string, offset: number): string {
  return /^\S*/.exec(text.slice(offset, offset + 200))?.[0] ?? '';
}

/** The key as written at an offset, unquoted, for duplicate-key messages. */
function keyTextAt(text: string, offset: number): string {
  const rest = text.slice(offset, offset + 1100);
  const quoted = /^(["'])(.*?)\1/.exec(rest);
  if (quoted) return quoted[2] ?? '';
  return (/^[^:\n]*/.exec(rest)?.[0] ?? '').trim();
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/**
 * A directive checked as a service file needs it: `%YAML 1.2` at most once,
 * `%TAG` at most once per handle (YAML 1.2, 6.8), no other version and no
 * reserved directive (`%FOO`), which YAML allows and ignores. `seen` holds
 * the directives before the same document. A directive refused is not handed
 * to yaml, so that it composes the document as YAML 1.2 and the rest of the
 * file is still checked; a malformed one (`%YAML` alone) is left to yaml,
 * which reports it.
 */
export function checkDirective(token: CST.Directive, seen: Set<string>, locate: Locator): Diagnostic | null {
  const [name = '', first, ...rest] = token.source.trim().split(/[ \t]+/);
  const at = () => locate(token.offset);
  if (name !== '%YAML' && name !== '%TAG') return error('reserved-directive', at(), { name });
  const expected = name === '%YAML' ? 0 : 1;
  if (first === undefined || rest.length !== expected) return null;
  const what = name === '%YAML' ? name : `${name} ${first}`;
  if (seen.has(what)) return error('repeated-directive', at(), { directive: what });
  seen.add(what);
  if (name === '%YAML' && first !== '1.2') return error('yaml-version', at(), { version: first });
  return null;
}
