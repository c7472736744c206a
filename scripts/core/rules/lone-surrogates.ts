import { type Diagnostic, error } from '../diagnostic.js';
import { keyName, type Node } from '../tree.js';
import { firstLoneSurrogate, loneSurrogateEscape } from '../unicode/surrogates.js';
import type { Rule } from './rule.js';

/**
 * Every string of a service file, keys and values at every depth, must be
 * Unicode text: a lone surrogate (only an escape such as `"\ud83d"` makes one)
 * would be published into JSON that strict readers refuse whole. Each is
 * reported at the escape that made it, once even when aliases repeat it.
 */
export const loneSurrogates: Rule = ({ files }) =>
  files.flatMap((f) => {
    if (f.root === null) return [];
    const out = new Map<string, Diagnostic>();
    for (const [node, path] of scalars(f.root, '')) {
      if (typeof node.value !== 'string') continue;
      const codePoint = firstLoneSurrogate(node.value);
      if (codePoint === null) continue;
      const at = f.locate(node.start + (loneSurrogateEscape(node.source) ?? 0));
      const place = `${at.line}:${at.column}`;
      if (!out.has(place)) out.set(place, error('lone-surrogate', at, { path, codePoint }));
    }
    return [...out.values()];
  });

type ScalarNode = Node & { kind: 'scalar' };

/** Every scalar of a tree, keys included, with its path (`add_data.list[2]`; a key's path ends in its name). */
function* scalars(node: Node, path: string): Generator<[ScalarNode, string]> {
  if (node.kind === 'scalar') yield [node, path === '' ? 'the document' : path];
  else if (node.kind === 'seq') {
    for (const [i, item] of node.items.entries()) yield* scalars(item, `${path}[${i}]`);
  } else {
    for (const e of node.entries) {
      const here = path === '' ? keyName(e.key) : `${path}.${keyName(e.key)}`;
      yield* scalars(e.key, here);
      yield* scalars(e.value, here);
    }
  }
}
