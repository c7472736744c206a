import { type Diagnostic, error } from '../diagnostics/diagnostic.js';
import { keyName, type Node } from '../reading/tree.js';
import { firstLoneSurrogate, loneSurrogateEscape } from '../unicode/surrogates.js';
import type { Check, ParsedFile, Rule } from './rule.js';

/**
 * Every string of a service file, keys and values at every depth, must be
 * Unicode text: a lone surrogate (only an escape such as `"\ud83d"` makes one)
 * would be published into JSON that strict readers refuse whole. Each is
 * reported at the escape that made it, once even when aliases repeat it.
 */
const check: Check = ({ files }) =>
  files.flatMap((f) => {
    if (f.root === null) return [];
    const found = new Map<string, Diagnostic>();
    visit(f, f.root, [], found);
    return [...found.values()];
  });

/** Every scalar of a tree, keys included; `path` holds the keys and `[i]` above it, joined only for a string reported. */
function visit(f: ParsedFile, node: Node, path: string[], found: Map<string, Diagnostic>): void {
  if (node.kind === 'scalar') {
    // Only an escape makes a lone surrogate, and only double-quoted scalars have escapes.
    if (typeof node.value !== 'string' || !node.source.startsWith('"') || !node.source.includes('\\')) return;
    const codePoint = firstLoneSurrogate(node.value);
    if (codePoint === null) return;
    const at = f.locate(node.start + (loneSurrogateEscape(node.source) ?? 0));
    const place = `${at.line}:${at.column}`;
    const where = path.length === 0 ? 'the document' : path.join('').replace(/^\./, '');
    if (!found.has(place)) found.set(place, error('lone-surrogate', at, { path: where, codePoint }));
  } else if (node.kind === 'seq') {
    for (const [i, item] of node.items.entries()) {
      path.push(`[${i}]`);
      visit(f, item, path, found);
      path.pop();
    }
  } else {
    for (const e of node.entries) {
      path.push(`.${keyName(e.key)}`);
      visit(f, e.key, path, found);
      visit(f, e.value, path, found);
      path.pop();
    }
  }
}

/** The rule `lone-surrogates`. */
export const loneSurrogates: Rule = {
  meta: {
    id: 'lone-surrogates',
    scope: 'file',
    codes: ['lone-surrogate'],
    docs: 'A text holding half a surrogate pair cannot be written as UTF-8.',
  },
  check,
};
