/**
 * How deep a document nests, measured on the parser's concrete syntax tree
 * before any node is composed. The `yaml` parser keeps its own stack, but
 * composing recurses once per level: `- - - - ...` or `? ? ? ...` on one line
 * nests thousands of levels in a few kilobytes and would exhaust the call stack.
 * Measuring tokens (not characters) leaves brackets inside quotes and comments alone.
 */
import type { CST } from 'yaml';

/**
 * Offset of the first value (in document order) that has more than `limit`
 * collections around it, or null. The same measure as the tree walk's, so both
 * report the same place.
 */
export function firstTooDeep(tokens: readonly CST.Token[], limit: number): number | null {
  // Depth-first, in document order, with an explicit stack: the walk itself must not recurse.
  const stack: [CST.Token, number][] = [];
  for (let i = tokens.length - 1; i >= 0; i--) stack.push([tokens[i] as CST.Token, 0]);
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [token, depth] = next;
    if (depth > limit) return token.offset;
    const children = childrenOf(token);
    const inner = token.type === 'document' ? depth : depth + 1;
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i] as CST.Token, inner]);
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
