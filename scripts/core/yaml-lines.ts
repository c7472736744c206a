/**
 * The block structure of a service file as its lines show it: mappings of
 * `key: value` lines, nested by indentation. A scan of the lines finds the
 * mistakes people make in that structure: a key indented differently from its
 * siblings, a tab used for indentation, a colon followed by a space inside
 * plain text, no space after a key's colon, a value on the line after its key
 * without indentation. It stops where the lines hold anything else (list
 * items, brackets or quotes spanning lines): what follows is left to yaml.
 */
import type { Diagnostic, Location } from './diagnostic.js';
import { error } from './diagnostic.js';

export interface LineMistake {
  /** Where the mistake is. */
  readonly at: number;
  /** From where yaml's reports follow from it. */
  readonly from: number;
  readonly make: (at: Location) => Diagnostic;
}

// A key line: indentation, a plain or simply quoted key, a colon, then a space or the end of the line.
const KEY_LINE = /^( *)([A-Za-z0-9_$][^:#\t]*?|"[^"\\]*"|'[^']*'):(?:( +)(.*))?$/;
// A key glued to its value: `for_hg:true`.
const GLUED = /^( *)([A-Za-z_][A-Za-z0-9_-]*):(\S.*)$/;
// Directives and document markers, which say nothing of the structure.
const MARKER = /^(?:%|(?:---|\.\.\.)(?: +#.*)?$)/;
// A value that is plain text: not quoted, not a collection, block scalar, anchor, alias or tag.
const PLAIN_START = /^[^"'[{|>&*!#%@`\-?]/;

interface Line {
  readonly start: number;
  readonly text: string;
}

/** The mistakes in the lines of `text` before offset `until`, in order. */
export function indentationMistakes(text: string, until: number): LineMistake[] {
  const found: LineMistake[] = [];
  const levels: number[] = [];
  let opened: { key: string; indent: number } | null = null;
  let previous = 0;
  let blockScalar: number | null = null;
  for (const { start, text: line } of lines(text, until)) {
    const indent = /^ */.exec(line)?.[0].length ?? 0;
    const content = line.slice(indent);
    if (content === '' || content.startsWith('#') || MARKER.test(line)) continue;
    if (blockScalar !== null && indent > blockScalar) continue;
    blockScalar = null;
    if (content.startsWith('\t')) {
      found.push({ at: start + indent, from: start, make: (at) => error('tab-indentation', at, {}) });
      continue;
    }
    const key = KEY_LINE.exec(line);
    const top = levels.at(-1);
    if (key === null) {
      const mistake = notAKey(line, start, indent, top, opened);
      if (mistake === 'stop') break;
      if (mistake !== null) found.push(mistake);
      continue;
    }
    if (opened !== null && (top === undefined || indent > top)) levels.push(indent);
    else if (top === undefined) levels.push(indent);
    else if (indent > top) found.push(indentedMore(key[2] ?? '', start, indent, top, previous));
    else if (indent < top) {
      while ((levels.at(-1) ?? -1) > indent) levels.pop();
      const now = levels.at(-1);
      if (now !== indent) found.push(misaligned(key[2] ?? '', start, indent, top));
    }
    previous = start;
    const rest = key[4] ?? '';
    opened = rest === '' || rest.startsWith('#') ? { key: key[2] ?? '', indent } : null;
    const value = valueMistake(key[2] ?? '', rest, start + line.length - rest.length, start);
    if (value === 'stop') break;
    if (value === 'block-scalar') blockScalar = indent;
    else if (value !== null) found.push(value);
  }
  return found;
}

/** The lines of `text` that start before `until`. */
function* lines(text: string, until: number): Generator<Line> {
  for (let start = 0; start < until && start < text.length; ) {
    const end = text.indexOf('\n', start);
    const stop = end === -1 ? text.length : end;
    yield { start, text: text.slice(start, stop).replace(/\r$/, '') };
    start = stop + 1;
  }
}

/** A line that is no `key: value` line: a key glued to its value, a value left of its key, or something to leave. */
function notAKey(
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
  // Text continued on a more indented line is valid YAML; anything else is left to yaml.
  return top !== undefined && indent > top && PLAIN_START.test(line.slice(indent)) ? null : 'stop';
}

function indentedMore(key: string, start: number, indent: number, top: number, previous: number): LineMistake {
  return {
    at: start + indent,
    from: previous,
    make: (at) => error('key-indentation', at, { key, column: indent + 1, expected: top + 1 }),
  };
}

function misaligned(key: string, start: number, indent: number, expected: number): LineMistake {
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
function valueMistake(
  key: string,
  rest: string,
  at: number,
  lineStart: number,
): LineMistake | 'block-scalar' | 'stop' | null {
  if (/^[|>]/.test(rest)) return 'block-scalar';
  if (/^["'[{]/.test(rest) && !closedOnLine(rest)) return 'stop';
  if (!PLAIN_START.test(rest)) return null;
  const text = rest.replace(/ +#.*$/, '');
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
  const text = rest.replace(/ +#[^"'\]}]*$/, '');
  if (text.startsWith('"')) return /^"(?:[^"\\]|\\.)*"$/.test(text);
  if (text.startsWith("'")) return /^'(?:[^']|'')*'$/.test(text);
  let depth = 0;
  for (const c of text) {
    if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
  }
  return depth === 0;
}
