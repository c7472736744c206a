import { type Diagnostic, error, warning } from '../diagnostics/diagnostic.js';
import { closest } from '../diagnostics/suggest.js';
import { nameFault } from '../model/name-fault.js';
import { EXTRA_NAMES_KEY, PLATFORM_KEYS, shippedNameAs } from '../model/platform.js';
import { describeNode, keyName, type Node } from '../reading/tree.js';
import { collisionOf, nameKey } from '../unicode/fold.js';
import type { Check, ParsedFile, Rule } from './rule.js';

/**
 * The platform file against its schema (schema/platform.schema.json: a
 * mapping whose only key is a list of distinct names, each one a technical_name
 * could be: `$defs.name`, see model/name-fault.ts), each finding located and
 * worded; two names a reader cannot tell apart (`nameKey`, as
 * unique-technical-names compares) are one name listed twice; and a warning
 * for each name the tool ships already, exactly or as a reader sees it, which
 * the file need not declare. A file that could not be read has
 * its problems from reading, and one with nothing but comments declares no
 * name.
 */
const check: Check = ({ platform }) => {
  if (platform === undefined || platform === null || platform.root === null) return [];
  const { root } = platform;
  const at = (node: Node) => platform.locate(node.start);
  if (root.kind !== 'map') return [error('platform-wrong-type', at(root), typeArgs('', 'mapping', root))];
  const out: Diagnostic[] = [];
  for (const { key, value } of root.entries) {
    const name = keyName(key);
    if (!PLATFORM_KEYS.includes(name)) {
      out.push(error('platform-unknown-key', at(key), { key: name, suggestion: closest(name, PLATFORM_KEYS) }));
    } else if (value.kind !== 'seq') {
      out.push(error('platform-wrong-type', at(value), typeArgs(EXTRA_NAMES_KEY, 'list', value)));
    } else out.push(...checkNames(platform, value.items));
  }
  return out;
};

function checkNames(platform: ParsedFile, items: readonly Node[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const first = new Map<string, { line: number; name: string }>();
  for (const [i, item] of items.entries()) {
    const at = platform.locate(item.start);
    const path = `${EXTRA_NAMES_KEY}[${i}]`;
    if (item.kind !== 'scalar' || typeof item.value !== 'string' || item.value === '') {
      out.push(error('platform-wrong-type', at, typeArgs(path, 'name', item)));
      continue;
    }
    const name = item.value;
    const fault = nameFault(name);
    if (fault !== null) {
      out.push(error('platform-invalid-name', at, { path, name, fault }));
      continue;
    }
    const seen = first.get(nameKey(name));
    if (seen === undefined) first.set(nameKey(name), { line: at.line, name });
    else {
      const args = { name, otherLine: seen.line, otherName: seen.name, collision: collisionOf(name, seen.name) };
      out.push(error('platform-duplicate-name', at, args));
    }
    const known = shippedNameAs(name);
    if (known !== null) out.push(warning('platform-known-name', at, { name, ...known }));
  }
  return out;
}

const typeArgs = (path: string, expected: 'mapping' | 'list' | 'name', node: Node) => ({
  path,
  expected,
  found: describeNode(node),
});

/** The rule `platform-file`. */
export const platformFile: Rule = {
  meta: {
    id: 'platform-file',
    scope: 'file',
    codes: [
      'platform-unknown-key',
      'platform-wrong-type',
      'platform-invalid-name',
      'platform-duplicate-name',
      'platform-known-name',
    ],
    docs: 'The platform file (_platform.yaml) against schema/platform.schema.json; names the tool ships need no declaring.',
  },
  check,
};
