/**
 * The problems of a service file that `fmt` fixes, because each has one fix
 * that the message of `check` names and that nothing else could mean: a
 * boolean field written as YAML 1.1 text (`for_hg: yes`, `yaml11-boolean`:
 * write `true`) or as quoted text that is a boolean once unquoted
 * (`for_hg: "True"`, any YAML 1.2 spelling, `wrong-type` with the hint
 * `unquote-it`) or a quoted YAML 1.1 word (`for_hg: "yes"`, the hints
 * `write-true`, `write-false`: a boolean field holds no text, so the word has
 * no other meaning). fmt writes `true` or `false`. Every other error (a syntax
 * error, an unknown field, a duplicate key, a name too long ...) needs the author.
 */
import { isMap, isScalar, parseDocument, type Scalar } from 'yaml';
import type { Diagnostic, TypeHint } from '../diagnostics/diagnostic.js';
import { BOOLEAN_FIELDS } from '../model/service-schema.js';
import { YAML_OPTIONS } from '../reading/yaml-compose.js';
import { meantBoolean } from '../reading/yaml11.js';

/** Whether `fmt` fixes this problem (see the module's comment): the only errors it may leave a file to. */
export function fixedByFormat(d: Diagnostic): boolean {
  return (
    d.code === 'yaml11-boolean' || (d.code === 'wrong-type' && d.args.hint !== null && FIXED_HINTS.has(d.args.hint))
  );
}

/** The `wrong-type` hints that name the one fix of a boolean written as text. */
const FIXED_HINTS: ReadonlySet<TypeHint> = new Set<TypeHint>(['unquote-it', 'write-true', 'write-false']);

/** A text edit: the source from `start` to `end` (UTF-16 offsets) becomes `text`. */
interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * `text` with every fix applied as an edit of the value's own source: the
 * quotes or the YAML 1.1 word replaced by `true` or `false`, nothing else of
 * the file touched. The text when there is nothing to fix, or when it is not
 * a mapping YAML can read (then there is nothing `fmt` may do).
 */
export function applyFixes(text: string): string {
  const doc = parseDocument(text, YAML_OPTIONS);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return text;
  const edits: Edit[] = [];
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : null;
    if (key === null || !BOOLEAN_FIELDS.includes(key) || !isScalar(pair.value)) continue;
    const value = pair.value as Scalar;
    // A tag or an anchor is the author's too: only the text itself is replaced, so such a value is left alone.
    if (typeof value.value !== 'string' || !value.range || value.tag !== undefined || value.anchor !== undefined)
      continue;
    const quoted = value.type === 'QUOTE_DOUBLE' || value.type === 'QUOTE_SINGLE';
    if (value.type !== 'PLAIN' && !quoted) continue;
    const meant = meantBoolean(value.value, quoted);
    if (meant !== null) edits.push({ start: value.range[0], end: value.range[1], text: String(meant) });
  }
  let out = text;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
