/**
 * What one line of a service file's block structure shows (see
 * `yaml-lines.ts`, which scans the lines and keeps what spans them): a key
 * glued to its value, a value left of its key, a missing colon, a key indented
 * unlike its siblings, a plain value holding `: `. YAML 1.2.2: the keys of a
 * block mapping share one indentation (8.2.2), and `: ` or a final `:` cannot
 * stand inside a plain scalar (7.3.3).
 */
import type { Diagnostic, Location } from '../diagnostics/diagnostic.js';
import { error } from '../diagnostics/diagnostic.js';
import { beforeComment, valueStartMistake } from './yaml-value-mistakes.js';

/** A mistake found on a line: where it is (an offset into the text), and the diagnostic once located. */
export interface LineMistake {
  /** Where the mistake is. */
  readonly at: number;
  /** From where yaml's reports follow from it. */
  readonly from: number;
  readonly make: (at: Location) => Diagnostic;
}

// A key glued to its value: `for_hg:true`.
const GLUED = /^( *)([A-Za-z_][A-Za-z0-9_-]*):(\S.*)$/;
// A value that is plain text: not quoted, not a collection, block scalar, anchor, alias or tag.
/** A value that is plain text: not quoted, not a collection, block scalar, anchor, alias or tag. */
export const PLAIN_START = /^[^"'[{|>&*!#%@`\-?]/;

/** A line that is no `key: value` line: a key glued to its value, a value left of its key, or something to leave. */
export function notAKey(
  line: string,
  start: number,
  indent: number,
  top: number | undefined,
  opened: { key: string; indent: number } | null,
): LineMistake | 'stop' | null {
  const glued = GLUED.exec(line);
  if (glued !== null && (top === undefined || indent <= top)) {
    const written = line.slice(indent);
    const colon = start + indent + (glued[2] ?? '').length;
    return {
      at: colon,
      from: start,
      make: (at) => error('missing-space-after-colon', at, { written }),
    };
  }
  if (opened !== null && indent <= opened.indent && PLAIN_START.test(line.slice(indent))) {
    const key = opened.key;
    return { at: start + indent, from: start, make: (at) => error('value-not-indented', at, { key }) };
  }
  const content = line.slice(indent);
  if (top !== undefined && indent <= top && /^[A-Za-z0-9_]/.test(content) && !content.includes(':')) {
    return { at: start + indent, from: start, make: (at) => error('missing-colon', at, { written: content }) };
  }
  // Text continued on a more indented line is valid YAML; anything else is left to yaml.
  return top !== undefined && indent > top && PLAIN_START.test(content) ? null : 'stop';
}

/** A key indented more than the keys of its mapping, reported from the key line before it. */
export function indentedMore(key: string, start: number, indent: number, top: number, previous: number): LineMistake {
  return {
    at: start + indent,
    from: previous,
    make: (at) => error('key-indentation', at, { key, column: indent + 1, expected: top + 1 }),
  };
}

/** A key between two levels of indentation: unlike any open mapping's keys. */
export function misaligned(key: string, start: number, indent: number, expected: number): LineMistake {
  return {
    at: start + indent,
    from: start,
    make: (at) => error('key-indentation', at, { key, column: indent + 1, expected: expected + 1 }),
  };
}

/**
 * What the value after a key's colon shows: a block scalar (`|`, `>`) whose
 * lines follow, a plain text holding `: ` (which YAML reads as a nested key),
 * a quote or bracket left open on the line (the scan stops), or nothing wrong.
 */
export function valueMistake(
  key: string,
  rest: string,
  at: number,
  lineStart: number,
): LineMistake | 'block-scalar' | 'stop' | null {
  const start = valueStartMistake(key, rest, at);
  if (start !== null) return { ...start, from: lineStart };
  if (/^[|>]/.test(rest)) return 'block-scalar';
  if (/^["'[{]/.test(rest) && !closedOnLine(rest)) return 'stop';
  if (!PLAIN_START.test(rest)) return null;
  const text = beforeComment(rest);
  const colon = /: |:$/.exec(text);
  if (colon === null) return null;
  return {
    at: at + colon.index,
    from: lineStart,
    make: (where) => error('colon-in-text', where, { key, text }),
  };
}

/** A quoted value or one-line flow collection that ends on its own line. */
function closedOnLine(rest: string): boolean {
  const text = withoutTrailingComment(rest);
  if (text.startsWith('"')) return /^"(?:[^"\\]|\\.)*"$/.test(text);
  if (text.startsWith("'")) return /^'(?:[^']|'')*'$/.test(text);
  let depth = 0;
  for (const c of text) {
    if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
  }
  return depth === 0;
}

/**
 * `rest` without its last ` #` comment when no quote or closing bracket
 * follows the `#` (what `/ +#[^"'\]}]*$/` removed), in one pass.
 */
function withoutTrailingComment(rest: string): string {
  let hash = -1;
  for (let i = rest.length - 1; i > 0; i--) {
    const c = rest[i];
    if (c === '"' || c === "'" || c === ']' || c === '}') break;
    if (c === '#' && rest[i - 1] === ' ') hash = i - 1;
  }
  if (hash === -1) return rest;
  let end = hash;
  while (end > 0 && rest.charCodeAt(end - 1) === 0x20) end--;
  return rest.slice(0, end);
}
