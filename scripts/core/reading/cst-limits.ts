/**
 * The nesting and size limits, measured on the parser's concrete syntax tree
 * before any node is composed, and the parse itself kept within them.
 *
 * Every stage of `yaml` recurses with the nesting of the text: its parser
 * closes each open collection by calling itself again (a key at column 1
 * after 2,000 levels of indentation closes 2,000 levels in one call chain),
 * its composer descends once per level, and its parser keeps every open
 * level on a stack of objects (262,000 `[` made 300 MB of them). So the
 * parser is fed one lexical token at a time and stopped as soon as more
 * collections are open than the depth limit allows: recursion and memory
 * then stay bounded by the limit, whatever the shape of the input, and the
 * answer does not depend on the size of the call stack (a worker thread's
 * is larger). Measuring tokens, not characters, leaves brackets inside
 * quotes and comments alone.
 */
import { CST, Lexer, Parser } from 'yaml';

// Lexemes that each start a value: a plain or block scalar's text, a quoted scalar, an alias.
const SCALAR_LEXEMES: ReadonlySet<string> = new Set([
  'scalar',
  'single-quoted-scalar',
  'double-quoted-scalar',
  'alias',
]);

// Lexemes that each start an item or a pair's key or value, which may be empty (`- `, `? `, `: `).
const INDICATOR_LEXEMES: ReadonlySet<string> = new Set(['seq-item-ind', 'explicit-key-ind', 'map-value-ind']);

export interface CstLimits {
  readonly maxDepth: number;
  readonly maxNodes: number;
}

export type LimitPassed = { readonly limit: 'too-deep' | 'too-many-nodes'; readonly offset: number };

/**
 * Reads `text` with yaml's lexer and parser and hands each top-level token
 * (document, directive, comment, ...) to `onToken` as soon as it is complete,
 * so that no more than one is kept; `onToken` returns false to stop reading.
 * Returns the first limit passed, or null.
 *
 * The parser's stack holds the document, then one entry per open collection,
 * then at most one scalar: once it holds more than `maxDepth + 2` entries, a
 * value is nested deeper than `maxDepth`. Each scalar or alias read is a
 * value: once there are more than `maxNodes`, so are the values. An item or
 * a pair's key or value is a value even when empty (`- ` alone is null), and
 * each value is marked by at most two lexemes (its scalar and its `-`, `?`
 * or `:`): once more than `2 * maxNodes` of those are read, the values are
 * more than `maxNodes` too. Without that, a file of 87,000 lines `- ` was
 * read whole into 87,000 items (150 MB) before the limit was seen. Either way
 * the tokens read so far, closed where they stand, locate the first value
 * past the limit as the whole file would, and reading stops there. Values are
 * counted on each token before it is handed on. Time and memory are linear
 * in the length of `text`, and bounded by the limits where values pile up.
 */
export function readTokens(
  text: string,
  limits: CstLimits,
  onToken: (token: CST.Token) => boolean,
): LimitPassed | null {
  const parser = new Parser();
  const count = { nodes: 0 };
  const hand = (token: CST.Token): LimitPassed | 'stop' | null =>
    beyondLimits(token, limits, count) ?? (onToken(token) ? null : 'stop');
  let scalars = 0;
  let marks = 0;
  for (const lexeme of new Lexer().lex(text)) {
    for (const token of parser.next(lexeme)) {
      const handed = hand(token);
      if (handed !== null) return handed === 'stop' ? null : handed;
    }
    const type = CST.tokenType(lexeme) ?? '';
    if (SCALAR_LEXEMES.has(type)) scalars += 1;
    if (SCALAR_LEXEMES.has(type) || INDICATOR_LEXEMES.has(type)) marks += 1;
    const tooDeep = parser.stack.length > limits.maxDepth + 2;
    if (tooDeep || scalars > limits.maxNodes || marks > 2 * limits.maxNodes + 1) {
      // Past a limit: the open tokens, closed where they stand, say where.
      const at = (parser.stack[tooDeep ? limits.maxDepth + 2 : parser.stack.length - 1]?.offset ?? 0) as number;
      for (const token of parser.end()) {
        const passed = beyondLimits(token, limits, count);
        if (passed !== null) return passed;
      }
      return { limit: tooDeep ? 'too-deep' : 'too-many-nodes', offset: at };
    }
  }
  for (const token of parser.end()) {
    const handed = hand(token);
    if (handed !== null) return handed === 'stop' ? null : handed;
  }
  return null;
}

/**
 * The first value, in document order, that has more than `maxDepth`
 * collections around it or comes after `maxNodes` values, counting on from
 * `count.nodes` (which it updates); null when none does. The same measures
 * as the tree walk's (before aliases are expanded), so both report the same
 * place.
 */
export function beyondLimits(token: CST.Token, limits: CstLimits, count: { nodes: number }): LimitPassed | null {
  // Depth-first, in document order, with an explicit stack: the walk itself must not recurse.
  const stack: [CST.Token, number][] = [[token, -1]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [here, depth] = next;
    // The document token itself (depth -1) is no value.
    if (depth > limits.maxDepth) return { limit: 'too-deep', offset: here.offset };
    if (depth >= 0 && ++count.nodes > limits.maxNodes) return { limit: 'too-many-nodes', offset: here.offset };
    const children = childrenOf(here);
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i] as CST.Token, depth + 1]);
  }
  return null;
}

/**
 * The values of a token, in document order: a document's value; each item of
 * a collection, as the composer makes it (a pair's key and value, an empty one
 * as null): two per pair of a block mapping or a flow pair with `?` or `:`,
 * one per item of a block sequence, the present ones of other flow items. An
 * empty value is a scalar token of no source at its indicator.
 */
function childrenOf(token: CST.Token): CST.Token[] {
  switch (token.type) {
    case 'document':
      return token.value === undefined ? [] : [token.value];
    case 'block-map':
    case 'block-seq':
    case 'flow-collection':
      return (token.items as CST.CollectionItem[]).flatMap((item) => itemValues(token.type, item));
    default:
      return [];
  }
}

function itemValues(type: 'block-map' | 'block-seq' | 'flow-collection', item: CST.CollectionItem): CST.Token[] {
  const at = item.start[0]?.offset ?? item.key?.offset ?? item.value?.offset ?? 0;
  const indicator = (item.sep ?? []).find((t) => t.type === 'map-value-ind');
  const pair = type === 'block-map' || indicator !== undefined || item.start.some((t) => t.type === 'explicit-key-ind');
  if (type === 'block-seq') return [item.value ?? empty(at)];
  if (!pair) return [item.key, item.value].filter((t): t is CST.Token => t !== undefined && t !== null);
  return [item.key ?? empty(at), item.value ?? empty(indicator?.offset ?? at)];
}

const empty = (offset: number): CST.Token => ({ type: 'scalar', offset, indent: 0, source: '' });
