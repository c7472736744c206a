import type { ErrorObject } from 'ajv';
import { type Code, type Diagnostic, error, type TypeHint } from '../diagnostics/diagnostic.js';
import { closest } from '../diagnostics/suggest.js';
import { DEPRECATION_FIELDS } from '../model/service.js';
import { FIELDS, validateService } from '../model/service-schema.js';
import { describeNode, entryOf, type Node, resolvePointer, toPlain } from '../reading/tree.js';
import { isYaml12Boolean, meantBoolean } from '../reading/yaml11.js';
import { firstRefused, type RefusedKind } from '../unicode/refused.js';
import { type Check, FORBIDDEN_KEYS, MERGE_KEY, type ParsedFile, type Rule } from './rule.js';

/** The JSON Schema of a service, with every ajv error mapped to a located, worded diagnostic. */
const check: Check = ({ files }) =>
  files.flatMap((f) => {
    if (f.root === null) return [];
    if (validateService(toPlain(f.root))) return [];
    const mine = (validateService.errors ?? []).filter((e) => e.keyword === 'type' || !judgedElsewhere(e.schemaPath));
    return mine.flatMap((e) => toDiagnostics(f, f.root as Node, e));
  });

/**
 * Values of a service that rules of their own judge beyond their type, with
 * codes that say more than the schema's keywords: dates (`deprecation` rule),
 * instance names (`previous-names`, and `replacement` for `replaced_by`), the
 * deprecation's reason (`deprecation`). By the schema path of the keyword.
 */
const JUDGED_ELSEWHERE = ['#/$defs/date/', '#/$defs/instance_name/', '#/properties/deprecation/properties/reason/'];
const judgedElsewhere = (schemaPath: string): boolean => JUDGED_ELSEWHERE.some((p) => schemaPath.startsWith(p));

/** The fields a mapping at `path` (`''` for the file, `deprecation`) may hold. */
const fieldsOf = (path: string): readonly string[] => (path === '' ? FIELDS : DEPRECATION_FIELDS);
const within = (path: string, name: string): string => (path === '' ? name : `${path}.${name}`);

function toDiagnostics(f: ParsedFile, root: Node, e: ErrorObject): Diagnostic[] {
  const { node } = resolvePointer(root, e.instancePath);
  const field = e.instancePath.slice(1).replace(/\//g, '.');
  const at = f.locate(node.start);
  switch (e.keyword) {
    case 'required':
      return [error('missing-field', at, { field: within(field, String(e.params.missingProperty)) })];
    case 'additionalProperties': {
      const name = String(e.params.additionalProperty);
      const entry = entryOf(node, name);
      // The merge-key rule reports `<<` only unquoted; a quoted "<<" is an ordinary unknown field.
      const mergeKey = name === MERGE_KEY && entry?.key.kind === 'scalar' && !entry.key.quoted;
      if (FORBIDDEN_KEYS.has(name) || mergeKey) return [];
      const where = f.locate(entry?.key.start ?? node.start);
      return [
        error('unknown-field', where, { field: within(field, name), suggestion: closest(name, fieldsOf(field)) }),
      ];
    }
    case 'type':
      return [typeProblem(f, node, field, String(e.params.type), e.instancePath === '')];
    case 'minLength':
      return [error('too-short', at, { field, limit: Number(e.params.limit) })];
    case 'maxLength': {
      const length = [...String(node.kind === 'scalar' ? node.value : '')].length;
      return [error('too-long', at, { field, limit: Number(e.params.limit), length })];
    }
    case 'not':
      // Only names use `not`: a refused character, or a leading, trailing or doubled space.
      return [nameProblem(f, node, field)];
    default:
      // The schema uses no other keyword; a new one must get its own mapping and message.
      throw new Error(`schema keyword without a diagnostic: ${e.keyword}`);
  }
}

function typeProblem(f: ParsedFile, node: Node, field: string, expected: string, isRoot: boolean): Diagnostic {
  const at = f.locate(node.start);
  if (isRoot) return error('not-a-mapping', at, { found: describeNode(node) });
  if (expected === 'boolean' && node.kind === 'scalar' && typeof node.value === 'string' && !node.quoted) {
    const meant = meantBoolean(node.value, false);
    if (meant !== null)
      return error('yaml11-boolean', at, { field, found: node.value, write: meant ? 'true' : 'false' });
  }
  const wanted =
    { string: 'a string', boolean: 'true or false', object: 'a mapping', array: 'a list' }[expected] ?? expected;
  return error('wrong-type', at, { field, expected: wanted, found: describeNode(node), hint: hintFor(node, expected) });
}

function hintFor(node: Node, expected: string): TypeHint | null {
  if (node.kind === 'seq' && expected === 'string') {
    if (node.flow === true) return 'brackets-are-list';
    return node.items.length === 1 ? 'dash-is-list' : null;
  }
  if (node.kind !== 'scalar') return null;
  if (node.value === null) return node.source === '' ? 'write-a-value' : null;
  if (expected === 'string' && (typeof node.value === 'number' || typeof node.value === 'boolean')) return 'quote-it';
  if (expected === 'boolean' && node.quoted) return booleanHint(String(node.value));
  return null;
}

/**
 * The fix for quoted text in a boolean field: remove the quotes when YAML 1.2
 * reads the text as a boolean without them (`"True"`), write the boolean a
 * quoted YAML 1.1 word means (`"yes"`: without quotes it would still be text);
 * null for other text, which means no boolean.
 */
function booleanHint(text: string): TypeHint | null {
  const meant = meantBoolean(text, true);
  if (meant === null) return null;
  if (isYaml12Boolean(text)) return 'unquote-it';
  return meant ? 'write-true' : 'write-false';
}

/** The diagnostic of each kind of refused character that is a character. */
const CHARACTER_CODES = {
  control: 'control-character',
  invisible: 'invisible-character',
  blank: 'blank-character',
  'private-use': 'private-use-character',
} as const satisfies Record<Exclude<RefusedKind, 'noncharacter' | 'unassigned'>, Code>;

function nameProblem(f: ParsedFile, node: Node, field: string): Diagnostic {
  const at = f.locate(node.start);
  const value = node.kind === 'scalar' ? String(node.value) : '';
  const refused = firstRefused(value);
  if (refused !== null) {
    const { codePoint, name, index, kind } = refused;
    const args = { field, codePoint, name, index };
    if (kind === 'noncharacter' || kind === 'unassigned') return error('not-a-character', at, { ...args, kind });
    return error(CHARACTER_CODES[kind], at, args);
  }
  const problem = value.startsWith(' ') ? 'leading' : value.endsWith(' ') ? 'trailing' : 'doubled';
  return error('name-spacing', at, { field, problem });
}

/** The rule `service-schema`. */
export const schema: Rule = {
  meta: {
    id: 'service-schema',
    scope: 'file',
    codes: [
      'not-a-mapping',
      'unknown-field',
      'missing-field',
      'wrong-type',
      'yaml11-boolean',
      'too-long',
      'too-short',
      'name-spacing',
      'control-character',
      'invisible-character',
      'blank-character',
      'private-use-character',
      'not-a-character',
    ],
    docs: 'The JSON Schema of a service file (schema/user-service.schema.json), each finding worded.',
  },
  check,
};
