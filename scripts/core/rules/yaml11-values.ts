import { type Diagnostic, warning } from '../diagnostics/diagnostic.js';
import { entryOf, keyName, type Node } from '../reading/tree.js';
import { yaml11Reading } from '../reading/yaml11.js';
import type { Check, ParsedFile, Rule } from './rule.js';

/**
 * Values of add_data that YAML 1.2 reads as strings but YAML 1.1 as booleans
 * or numbers (`yes`, `off`, `1:30`, `1_000`, `0b101`) are published as the
 * strings, yet their authors usually meant the other value. add_data is free,
 * so the string may be meant: a warning, which quoting the value silences.
 * The typed fields refuse the same booleans (`yaml11-boolean`, in the schema rule).
 */
const checkFiles: Check = ({ files }) =>
  files.flatMap((f) => {
    const addData = f.root === null ? undefined : entryOf(f.root, 'add_data');
    return addData === undefined ? [] : check(f, addData.value, 'add_data');
  });

function check(f: ParsedFile, node: Node, path: string): Diagnostic[] {
  if (node.kind === 'seq') return node.items.flatMap((item, i) => check(f, item, `${path}[${i}]`));
  if (node.kind === 'map') return node.entries.flatMap((e) => check(f, e.value, `${path}.${keyName(e.key)}`));
  if (node.quoted || typeof node.value !== 'string') return [];
  const reading = yaml11Reading(node.value);
  if (reading === null) return [];
  return [warning('yaml11-value', f.locate(node.start), { path, found: node.source, ...reading })];
}

/** The rule `yaml11-values`. */
export const yaml11Values: Rule = {
  meta: {
    id: 'yaml11-values',
    scope: 'file',
    codes: ['yaml11-value'],
    docs: 'Values inside add_data that YAML 1.1 tools would read as another type.',
  },
  check: checkFiles,
};
