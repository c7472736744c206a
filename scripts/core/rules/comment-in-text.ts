import { type Diagnostic, warning } from '../diagnostics/diagnostic.js';
import { serviceSchema } from '../model/service-schema.js';
import { keyName, type Node } from '../reading/tree.js';
import type { Check, ParsedFile, Rule } from './rule.js';

/**
 * `description: Parks a call #1 for later` is valid YAML whose value is
 * "Parks a call": ` #` starts a comment (YAML 1.2, 6.6). In text the author
 * more likely meant the `#` as text, so a comment after an unquoted text value
 * on its line is a warning at the `#`, suggesting quotes. Text values are
 * those of the schema's string fields and the strings in add_data.
 */
const check: Check = ({ files }) =>
  files.flatMap((f) => {
    if (f.root === null || f.root.kind !== 'map') return [];
    return f.root.entries.flatMap(({ key, value }) => {
      const field = keyName(key);
      if (field === 'add_data') return inAddData(f, value, field);
      return TEXT_FIELDS.has(field) ? cutText(f, value, field) : [];
    });
  });

/** The fields whose schema is a string, directly or through a local `$ref`. */
const TEXT_FIELDS: ReadonlySet<string> = new Set(
  Object.entries(serviceSchema.properties)
    .filter(([, property]) => typeOf(property) === 'string')
    .map(([name]) => name),
);

function typeOf(property: object): unknown {
  const ref = (property as { $ref?: string }).$ref;
  const defs = serviceSchema.$defs as Record<string, { type?: unknown }>;
  if (ref?.startsWith('#/$defs/')) return defs[ref.slice('#/$defs/'.length)]?.type;
  return (property as { type?: unknown }).type;
}

function cutText(f: ParsedFile, node: Node, field: string): Diagnostic[] {
  if (node.kind !== 'scalar' || node.quoted || typeof node.value !== 'string' || node.commentAt === undefined)
    return [];
  return [warning('comment-in-text', f.locate(node.commentAt), { field, tab: node.commentTab === true })];
}

/** Every text value in add_data, with its path as `not-json` names it (`add_data.notes[0]`). */
function inAddData(f: ParsedFile, node: Node, path: string): Diagnostic[] {
  // Explicit stack: add_data nests as deep as the limits allow.
  const out: Diagnostic[] = [];
  const stack: [Node, string][] = [[node, path]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [here, name] = next;
    if (here.kind === 'scalar') out.push(...cutText(f, here, name));
    else if (here.kind === 'seq') for (const [i, item] of here.items.entries()) stack.push([item, `${name}[${i}]`]);
    else for (const e of here.entries) stack.push([e.value, `${name}.${keyName(e.key)}`]);
  }
  return out;
}

/** The rule `comment-in-text`. */
export const commentInText: Rule = {
  meta: {
    id: 'comment-in-text',
    scope: 'file',
    codes: ['comment-in-text'],
    docs: 'A `#` after a space in a plain value starts a comment, which cuts the value short.',
  },
  check,
};
