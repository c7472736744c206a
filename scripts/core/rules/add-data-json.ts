import { type Diagnostic, error } from '../diagnostics/diagnostic.js';
import { isDecimalForm, numberProblem } from '../reading/json-number.js';
import { entryOf, keyName, type Node } from '../reading/tree.js';
import type { Check, ParsedFile, Rule } from './rule.js';

/**
 * add_data is published as JSON, as written. YAML can say things JSON cannot:
 * keys that are not strings, `.inf` and `.nan`, numbers too large for a
 * double (`1e400`), and numbers whose written value the JSON would not keep
 * (`0044`, `0x1F`, `-0`, `1e-400`, `9007199254740993`, more digits than a
 * double holds). Each is refused where it stands; a number the JSON keeps
 * exactly is accepted in any form (`1e20`, `6.02e23`).
 */
const checkFiles: Check = ({ files }) =>
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
  return typeof node.value === 'number' ? numberDiagnostics(f, node, node.value, path) : [];
}

function numberDiagnostics(f: ParsedFile, node: Node & { kind: 'scalar' }, value: number, path: string): Diagnostic[] {
  const at = f.locate(node.start);
  const found = node.source;
  // A tagged and quoted number (`!!float "1e-400"`) is judged on the text inside the quotes.
  const written = node.quoted ? found.slice(1, -1) : found;
  if (!Number.isFinite(value)) {
    const problem = isDecimalForm(written) ? 'overflow' : 'non-finite-number';
    return [error('not-json', at, { path, problem, found })];
  }
  const lost = numberProblem(written, value);
  return lost === null ? [] : [error('inexact-number', at, { path, found, tagged: node.quoted, ...lost })];
}

function sourceOf(node: Node): string {
  return node.kind === 'scalar' ? node.source : node.kind === 'map' ? 'a mapping' : 'a list';
}

/** The rule `add-data-json`. */
export const addDataJson: Rule = {
  meta: {
    id: 'add-data-json',
    scope: 'file',
    codes: ['not-json', 'inexact-number'],
    docs: 'add_data holds JSON a client reads exactly: string keys, finite numbers, exact integers.',
  },
  check: checkFiles,
};
