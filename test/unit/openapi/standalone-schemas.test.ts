/**
 * A standalone schema file carries in `$defs` every schema it refers to,
 * found by following its references, so that a new response schema needs no
 * table of dependencies; a name or a reference that is none of the response
 * schemas is an error that names it.
 */
import { describe, expect, it } from 'vitest';
import { USER_SERVICES_SCHEMA_FILES as SCHEMA_FILES } from '../../../scripts/core/kinds/user-services/openapi.js';
import { type SchemaName, standaloneSchema, withDefs } from '../../../scripts/core/openapi/response-schemas.js';

/** Every `#/$defs/...` reference below `value`, in document order. */
function refsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsOf);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === '$ref' && typeof inner === 'string' ? [inner] : refsOf(inner),
  );
}

describe('a standalone response schema', () => {
  it('carries exactly the schemas it refers to, directly or not, in the order first referred to', () => {
    const defsOf = (name: SchemaName) => Object.keys((standaloneSchema(name).$defs ?? {}) as object);
    expect(Object.fromEntries(Object.values(SCHEMA_FILES).map((name) => [name, defsOf(name)]))).toEqual({
      UserServiceList: ['UserServiceSummary', 'Name'],
      UserService: ['Name'],
      Error: [],
      ListFilter: [],
      FullList: ['Name'],
      HashIndex: [],
      History: [],
      Manifest: [],
      Signature: [],
      Deprecations: [],
      Renames: [],
    });
    expect(defsOf('UserServiceSummary')).toEqual(['Name']);
    expect(defsOf('Name')).toEqual([]);
  });

  it('leaves no reference unresolved in any published schema file', () => {
    for (const name of Object.values(SCHEMA_FILES)) {
      const schema = standaloneSchema(name);
      const defined = Object.keys((schema.$defs ?? {}) as object).map((d) => `#/$defs/${d}`);
      expect([name, refsOf(schema).filter((ref) => !defined.includes(ref))]).toEqual([name, []]);
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    }
  });

  it('is refused, naming it, when the name is none of the response schemas', () => {
    expect(() => standaloneSchema('Missing' as SchemaName)).toThrow(new Error('no response schema is named "Missing"'));
  });
});

describe('the $defs of a schema among others', () => {
  const ref = (name: string) => ({ $ref: `#/$defs/${name}` });

  it('follow references depth first, through arrays, once each, leaving out the schema itself', () => {
    const all = {
      A: { type: 'object', properties: { b: ref('B'), list: { type: 'array', items: [ref('C'), ref('B')] } } },
      B: { allOf: [ref('D'), ref('A')] },
      C: { type: 'string' },
      D: { $ref: 'https://example.test/other.json' },
    };
    const doc = withDefs(all, 'A');
    expect(Object.keys(doc.$defs as object)).toEqual(['B', 'D', 'C']);
    expect(doc.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(Object.keys(withDefs(all, 'C'))).toEqual(['$schema', 'type']);
  });

  it('are refused, naming both schemas, when one refers to a schema that is not there', () => {
    const all = { A: { items: ref('B') }, B: { not: ref('Gone') } };
    expect(() => withDefs(all, 'A')).toThrow(
      new Error('the response schema B refers to "Gone", which is none of them'),
    );
  });
});
