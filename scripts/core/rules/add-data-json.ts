import { type Diagnostic, error } from '../diagnostic.js';
import { entryOf, keyName, type Node } from '../tree.js';
import type { ParsedFile, Rule } from './rule.js';

/**
 * add_data is published as JSON, as written. YAML can say things JSON cannot:
 * keys that are not strings, `.inf` and `.nan`, integers beyond 2^53 that a
 * JSON reader would round. Each is refused where it stands.
 */
export const addDataJson: Rule = ({ files }) =>
  files.flatMap((f) => {
    const addData = f.root === null ? undefined : entryOf(f.root, 'add_data');
    return addData === undefined ? [] : check(f, addData.value, 'add_data');
  });

function check(f: ParsedFile, node: Node, path: string): Diagnostic[] {
  if (node.kind === 'seq') return node.items.flatMap((item, i) => check(f, item, `${path}[${i}]`));
  if (node.kind === 'map') {
    return node.entries.flatMap((e) => {
      const here = `${path}.${keyName(e.key)}`;
      const keyIsString = e.key.kind === 'scalar' && typeof e.key.value === 'string';
      const keyProblem = keyIsString
        ? []
        : [error('not-json', f.locate(e.key.start), { path: here, problem: 'non-string-key', found: sourceOf(e.key) })];
      return [...keyProblem, ...check(f, e.value, here)];
    });
  }
  if (typeof node.value !== 'number') return [];
  const problem = !Number.isFinite(node.value)
    ? 'non-finite-number'
    : Number.isInteger(node.value) && !Number.isSafeInteger(node.value)
      ? 'unsafe-integer'
      : null;
  return problem === null ? [] : [error('not-json', f.locate(node.start), { path, problem, found: node.source })];
}

function sourceOf(node: Node): string {
  return node.kind === 'scalar' ? node.source : node.kind === 'map' ? 'a mapping' : 'a list';
}
