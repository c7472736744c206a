/**
 * The nesting and size limits, measured on the parser's concrete syntax tree
 * before any node is composed. The `yaml` parser keeps its own stack, but
 * composing recurses once per level (`- - - ...` or `? ? ? ...` nests thousands
 * of levels in a few kilobytes and would exhaust the call stack) and checks
 * each new key against all the keys before it (10,000 keys take seconds).
 * Measuring tokens, not characters, leaves brackets inside quotes and comments alone.
 */
import type { CST } from 'yaml';

export interface CstLimits {
  readonly maxDepth: number;
  readonly maxNodes: number;
}

export type LimitPassed = { readonly limit: 'too-deep' | 'too-many-nodes'; readonly offset: number };

/**
 * The first value, in document order, that has more than `maxDepth`
 * collections around it or comes after `maxNodes` values; null when none does.
 * The same measures as the tree walk's (before aliases are expanded), so both
 * report the same place.
 */
export function firstBeyondLimits(tokens: readonly CST.Token[], limits: CstLimits): LimitPassed | null {
  // Depth-first, in document order, with an explicit stack: the walk itself must not recurse.
  const stack: [CST.Token, number][] = [];
  for (let i = tokens.length - 1; i >= 0; i--) stack.push([tokens[i] as CST.Token, -1]);
  let nodes = 0;
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [token, depth] = next;
    // The document token itself (depth -1) is no value.
    if (depth > limits.maxDepth) return { limit: 'too-deep', offset: token.offset };
    if (depth >= 0 && ++nodes > limits.maxNodes) return { limit: 'too-many-nodes', offset: token.offset };
    const children = childrenOf(token);
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i] as CST.Token, depth + 1]);
  }
  return null;
}

function childrenOf(token: CST.Token): CST.Token[] {
  switch (token.type) {
    case 'document':
      return token.value === undefined ? [] : [token.value];
    case 'block-map':
    case 'block-seq':
    case 'flow-collection':
      return (token.items as CST.CollectionItem[]).flatMap((item) =>
        [item.key, item.value].filter((t): t is CST.Token => t !== undefined && t !== null),
      );
    default:
      return [];
  }
}
