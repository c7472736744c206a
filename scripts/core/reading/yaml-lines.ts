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
import { error } from '../diagnostics/diagnostic.js';
import {
  indentedMore,
  type LineMistake,
  misaligned,
  notAKey,
  PLAIN_START,
  valueMistake,
} from './yaml-line-mistakes.js';

// A key line: indentation, a plain or simply quoted key, a colon, then a space or the end of the line.
const KEY_LINE = /^( *)([A-Za-z0-9_$][^:#\t]*?|"[^"\\]*"|'[^']*'):(?:( +)(.*))?$/;
// Directives and document markers, which say nothing of the structure.
const MARKER = /^(?:%|(?:---|\.\.\.)(?: +#.*)?$)/;

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
