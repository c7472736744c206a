/**
 * Mistakes at the start of a value written on its key's line, where YAML
 * reads an indicator instead of text (YAML 1.2.2, 5.3 and 7.3.3): a quoted
 * text followed by more text (`'Don't'`, `"Say "hi" now"`), a list or
 * mapping followed by text (`[Beta] Voicemail`), an alias followed by text
 * (`*important* call`), a character that cannot start plain text (`@`, a
 * backtick, `%`), `- ` or `? ` (a list item, a complex key), a block scalar
 * header followed by text (`> quote`). Each is found on the line alone; the
 * caller asks only for lines of a file that yaml refused.
 */
import { type Diagnostic, error, type Location, type ValueStart } from '../diagnostics/diagnostic.js';

export interface ValueMistake {
  readonly at: number;
  readonly make: (at: Location) => Diagnostic;
}

const RESERVED = new Set(['@', '`', '%']);

/**
 * The mistake at the start of `rest`, the value after a key's colon and
 * space (starting at offset `at`), or null when it starts as YAML reads it.
 */
export function valueStartMistake(key: string, rest: string, at: number): ValueMistake | null {
  const first = rest[0] ?? '';
  const value = beforeComment(rest);
  const start = (meaning: ValueStart) => ({
    at,
    make: (where: Location) => error('value-start', where, { key, start: startOf(value, meaning), meaning, value }),
  });
  if (first === '"' || first === "'") {
    const end = closingQuote(rest, first);
    const after = rest.slice(end + 1);
    // `"x"# c` is a comment without its space: yaml's report (MISSING_CHAR) says what is missing.
    if (end === -1 || after.startsWith('#') || beforeComment(after).trim() === '') return null;
    const quote = first;
    return { at: at + end, make: (where) => error('quote-in-quoted-text', where, { key, quote, value }) };
  }
  if (first === '[' || first === '{') {
    const end = closingBracket(rest);
    return end === -1 || beforeComment(rest.slice(end + 1)).trim() === '' ? null : start('flow');
  }
  if (first === '*') return /^\*\S*\s+[^#\s]/.test(value) ? start('alias') : null;
  if (RESERVED.has(first)) return start('reserved');
  if (/^[-?](?: |$)/.test(rest)) return start(first === '-' ? 'list' : 'key');
  if (first === '|' || first === '>') return /^[|>][1-9+-]{0,2}$/.test(value) ? null : start('block');
  return null;
}

/** What the value starts with, as shown: the indicator, or the quoted or bracketed part. */
function startOf(value: string, meaning: ValueStart): string {
  if (meaning === 'flow') return value.slice(0, closingBracket(value) + 1);
  if (meaning === 'alias') return /^\*\S*/.exec(value)?.[0] ?? '*';
  if (meaning === 'list' || meaning === 'key') return `${value[0]} `;
  return value[0] ?? '';
}

/** The offset of the quote that closes the quoted text at the start of `rest`, or -1. */
function closingQuote(rest: string, quote: string): number {
  for (let i = 1; i < rest.length; i++) {
    const c = rest[i];
    if (quote === '"' && c === '\\') i++;
    else if (c === quote && quote === "'" && rest[i + 1] === "'") i++;
    else if (c === quote) return i;
  }
  return -1;
}

/** The offset of the bracket that closes the one at the start of `rest`, quotes skipped, or -1. */
function closingBracket(rest: string): number {
  let depth = 0;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i] ?? '';
    if (c === '"' || c === "'") {
      const end = closingQuote(rest.slice(i), c);
      if (end === -1) return -1;
      i += end;
    } else if (c === '[' || c === '{') depth++;
    else if ((c === ']' || c === '}') && --depth === 0) return i;
  }
  return -1;
}

/** The value in quotes, as the fix to write: double quotes unless it holds `"` or `\`. */
export function quotedForFix(value: string): string {
  return /["\\]/.test(value) ? `'${value.replace(/'/g, "''")}'` : `"${value}"`;
}

/**
 * `rest` without a comment (` #` to the end of the line) and the spaces
 * before it. One pass: a regular expression such as `/ +#.*$/` retries at
 * each space of a run and is quadratic on a long line of spaces.
 */
export function beforeComment(rest: string): string {
  const hash = rest.indexOf(' #');
  if (hash === -1) return rest;
  let end = hash;
  while (end > 0 && rest.charCodeAt(end - 1) === 0x20) end--;
  return rest.slice(0, end);
}
