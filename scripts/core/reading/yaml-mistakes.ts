/**
 * The frequent mistakes of people writing YAML by hand, found where they were
 * made and worded to say what to do. yaml's own messages for them describe
 * what its parser saw, often lines away (a quote left open is reported where
 * the text runs out, a key indented by two spaces as a "nested mapping" on
 * the line above it).
 *
 * This is only asked once yaml has refused the file, so it never turns valid
 * YAML into a problem. What it finds replaces yaml's reports from the place
 * where the mistake explains them on (`from`); yaml's reports before that
 * place are kept.
 */
import type { CST } from 'yaml';
import { type Diagnostic, error } from '../diagnostics/diagnostic.js';
import type { Locator } from './locate.js';
import { indentationMistakes } from './yaml-lines.js';

export interface Mistake {
  readonly diagnostic: Diagnostic;
  /** The offset from which yaml's reports are consequences of this mistake. */
  readonly from: number;
}

/**
 * Every mistake found in a file that yaml refused, in order: quotes and
 * brackets left open (found on yaml's tokens), then what the lines show
 * before the first of those (indentation, tabs, a colon in plain text, ...).
 */
export function findMistakes(text: string, tokens: readonly CST.Token[], locate: Locator): Mistake[] {
  const open = openTokens(tokens).map((token) => ({ diagnostic: openDiagnostic(token, locate), from: token.offset }));
  const until = open[0]?.from ?? text.length;
  const lines = indentationMistakes(text, until).map((m) => ({
    diagnostic: m.make(locate(m.at)),
    from: m.from,
  }));
  return [...lines, ...open].sort((a, b) => a.from - b.from);
}

function openDiagnostic(token: CST.Token, locate: Locator): Diagnostic {
  if (token.type === 'flow-collection') {
    return error('unclosed-bracket', locate(token.offset), { bracket: token.start.source === '{' ? '{' : '[' });
  }
  return error('unclosed-quote', locate(token.offset), { quote: token.type === 'single-quoted-scalar' ? "'" : '"' });
}

/**
 * Quoted scalars and flow collections that the text never closes, in order.
 * A quoted scalar whose closing quote lies lines later, past what reads as
 * other keys at its key's indentation, was meant to close on its first line.
 */
function openTokens(tokens: readonly CST.Token[]): CST.Token[] {
  const found: CST.Token[] = [];
  const stack = [...tokens].reverse();
  for (let token = stack.pop(); token !== undefined; token = stack.pop()) {
    if (token.type === 'double-quoted-scalar' || token.type === 'single-quoted-scalar') {
      if (!closed(token.source) || swallowsKeys(token.source, token.indent)) found.push(token);
    } else if (token.type === 'flow-collection') {
      if (token.end.length === 0 || !/^[\]}]$/.test(token.end[0]?.source ?? '')) found.push(token);
      pushChildren(stack, token.items);
    } else if (token.type === 'block-map' || token.type === 'block-seq') {
      pushChildren(stack, token.items);
    } else if (token.type === 'document' && token.value !== undefined) {
      stack.push(token.value);
    }
  }
  return found.sort((a, b) => a.offset - b.offset);
}

function pushChildren(stack: CST.Token[], items: readonly CST.CollectionItem[]): void {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i] as CST.CollectionItem;
    if (item.value) stack.push(item.value);
    if (item.key) stack.push(item.key);
  }
}

/** Whether a quoted scalar's source ends with its closing quote. */
function closed(source: string): boolean {
  const quote = source[0];
  let i = 1;
  while (i < source.length) {
    const c = source[i];
    if (quote === '"' && c === '\\') i += 2;
    else if (c === quote && quote === "'" && source[i + 1] === "'") i += 2;
    else if (c === quote) return i === source.length - 1;
    else i += 1;
  }
  return false;
}

/** A later line of the scalar reads as a key at or left of the scalar's own line's indentation. */
function swallowsKeys(source: string, indent: number): boolean {
  return source
    .split('\n')
    .slice(1, -1)
    .some((line) => {
      const m = /^( *)[A-Za-z_][\w.-]*: /.exec(line);
      return m !== null && (m[1] ?? '').length <= indent;
    });
}
