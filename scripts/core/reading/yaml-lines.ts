/**
 * The block structure of a service file as its lines show it: mappings of
 * `key: value` lines, nested by indentation. A scan of the lines finds the
 * mistakes people make in that structure: a key indented differently from its
 * siblings, a tab used for indentation, a colon followed by a space inside
 * plain text, no space after a key's colon, a value on the line after its key
 * without indentation. It stops where the lines hold anything else (list
 * items, brackets or quotes spanning lines): what follows is left to yaml.
 * The rules are YAML 1.2.2's: tabs are not indentation (6.1), the keys of a
 * block mapping share one indentation (8.2.2), and `: ` or a final `:` cannot
 * stand inside a plain scalar (7.3.3).
 */
import type { Diagnostic, Location } from '../diagnostics/diagnostic.js';
import { error } from '../diagnostics/diagnostic.js';
import { beforeComment, valueStartMistake } from './yaml-value-mistakes.js';

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

/**
 * The mistakes in the lines of `text` before offset `until`, in order. A run
 * of lines with the same mistake (a block indented with tabs, keys indented
 * alike but unlike the first key of their mapping) is one mistake, reported
 * on its first line.
 */
export function indentationMistakes(text: string, until: number): LineMistake[] {
  const scan = new LineScan();
  for (const line of lines(text, until)) if (!scan.line(line)) break;
  return scan.found;
}

class LineScan {
  readonly found: LineMistake[] = [];
  /** Indentation of the keys of each open mapping, outermost first. */
  private readonly levels: number[] = [];
  /** The key before, when its value starts on the next line. */
  private opened: { key: string; indent: number } | null = null;
  /** Start of the last key line. */
  private previous = 0;
  /**
   * The block scalar whose lines are being skipped: its key's indentation,
   * and its lines' (set by the first line that is not blank; a line indented
   * less ends the scalar).
   */
  private blockScalar: { key: number; lines: number | null } | null = null;
  /** A comment line inside a plain text continued over lines, which the text may continue after. */
  private wrapComment: { at: number; key: string } | null = null;
  /** The key of the plain text being continued on more indented lines, or null. */
  private plainKey: string | null = null;
  /** The mistake of the line before, when a run of lines repeats it. */
  private run: string | null = null;

  /** Reads one line; false when the scan must stop. */
  line({ start, text: line }: Line): boolean {
    const indent = /^ */.exec(line)?.[0].length ?? 0;
    const content = line.slice(indent);
    if (content === '') return true;
    if (content.startsWith('#')) {
      const top = this.levels.at(-1);
      if (this.plainKey !== null && top !== undefined && indent > top && this.blockScalar === null) {
        this.wrapComment ??= { at: start + indent, key: this.plainKey };
      }
      return true;
    }
    if (MARKER.test(line)) return true;
    if (this.inBlockScalar(indent)) return true;
    this.blockScalar = null;
    const comment = this.wrapComment;
    this.wrapComment = null;
    if (comment !== null && indent > (this.levels.at(-1) ?? 0) && PLAIN_START.test(content) && !KEY_LINE.test(line)) {
      const key = comment.key;
      this.report(null, {
        at: comment.at,
        from: comment.at,
        make: (at) => error('comment-in-wrapped-text', at, { key }),
      });
      return false;
    }
    if (content.startsWith('\t')) {
      this.report('tab', { at: start + indent, from: start, make: (at) => error('tab-indentation', at, {}) });
      return true;
    }
    const key = KEY_LINE.exec(line);
    if (key === null) {
      const mistake = notAKey(line, start, indent, this.levels.at(-1), this.opened);
      if (mistake === null) return true;
      if (mistake !== null && mistake !== 'stop') this.report(null, mistake);
      return mistake !== 'stop';
    }
    const name = key[2] ?? '';
    this.place(name, start, indent);
    this.previous = start;
    const rest = key[4] ?? '';
    this.opened = rest === '' || rest.startsWith('#') ? { key: name, indent } : null;
    this.plainKey = PLAIN_START.test(rest) ? name : null;
    const value = valueMistake(name, rest, start + line.length - rest.length, start);
    if (value === 'block-scalar') this.blockScalar = { key: indent, lines: /^[|>]\S*[1-9]/.test(rest) ? null : -1 };
    else if (value !== null && value !== 'stop') this.report(null, value);
    return value !== 'stop';
  }

  /**
   * Whether a line of this indentation belongs to the block scalar being
   * skipped: its first line sets the indentation of all (YAML 1.2.2, 8.1.1.1);
   * with an explicit indentation indicator, any line indented more than the key.
   */
  private inBlockScalar(indent: number): boolean {
    const block = this.blockScalar;
    if (block === null || indent <= block.key) return false;
    if (block.lines === null) return true;
    if (block.lines === -1) block.lines = indent;
    return indent >= block.lines;
  }

  /** Places a key line among the open mappings, or reports that its indentation fits none. */
  private place(key: string, start: number, indent: number): void {
    const top = this.levels.at(-1);
    if (top === undefined || (this.opened !== null && indent > top)) {
      this.levels.push(indent);
      this.run = null;
    } else if (indent > top) {
      this.report(`more ${indent}`, indentedMore(key, start, indent, top, this.previous));
    } else {
      while ((this.levels.at(-1) ?? -1) > indent) this.levels.pop();
      if (this.levels.at(-1) === indent) this.run = null;
      else this.report(`between ${indent}`, misaligned(key, start, indent, top));
    }
  }

  /** Records a mistake, unless it repeats the one of the line before (`kind` null: never a repeat). */
  private report(kind: string | null, mistake: LineMistake): void {
    if (kind === null || kind !== this.run) this.found.push(mistake);
    this.run = kind;
  }
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
  const content = line.slice(indent);
  if (top !== undefined && indent <= top && /^[A-Za-z0-9_]/.test(content) && !content.includes(':')) {
    return { at: start + indent, from: start, make: (at) => error('missing-colon', at, { written: content }) };
  }
  // Text continued on a more indented line is valid YAML; anything else is left to yaml.
  return top !== undefined && indent > top && PLAIN_START.test(content) ? null : 'stop';
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
