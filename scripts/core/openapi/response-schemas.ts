/**
 * JSON Schemas (draft 2020-12) of the response bodies, made from the service
 * schema so that a field's type, limits and wording are written once. The same
 * schemas go into the OpenAPI document (`#/components/schemas/...`) and into
 * standalone files (`#/$defs/...`); only the references differ.
 */

import type { KindIdentity } from '../kinds/kind.js';
import { userServicesIdentity } from '../kinds/user-services/identity.js';
import { FLAGS, INSTANCE_FIELDS, LIST_FIELDS } from '../model/service.js';
import { serviceSchema } from '../model/service-schema.js';
import type { JsonSchema } from './kind.js';
import { type LifecycleSchemaName, lifecycleSchemas } from './lifecycle-schemas.js';
import { type SharedSchemaName, sharedSchemas } from './shared-schemas.js';
import { type SyncSchemaName, syncSchemas } from './sync-schemas.js';

export type { JsonSchema } from './kind.js';

export type SchemaName =
  | 'Name'
  | 'UserServiceSummary'
  | 'UserServiceList'
  | 'UserService'
  | 'ListFilter'
  | SharedSchemaName
  | SyncSchemaName
  | LifecycleSchemaName;

/** How a schema refers to another one: `#/components/schemas/Name` or `#/$defs/Name`. */
export type RefTo = (name: SchemaName) => string;

type Field = keyof typeof serviceSchema.properties;

/**
 * A field as published: always present, so its input default becomes a plain
 * description. An object (`add_data`) says outright that it holds any keys with
 * any values, which is what JSON Schema means without `additionalProperties`,
 * but code generators (openapi-typescript) read its absence as "no keys".
 */
function publishedField(field: Field, refTo: RefTo): JsonSchema {
  const { default: _default, $ref, ...rest } = serviceSchema.properties[field] as Record<string, unknown>;
  if (rest.type === 'object') return { ...rest, additionalProperties: true };
  return $ref === undefined ? rest : { ...rest, $ref: refTo('Name') };
}

function objectOf(fields: readonly Field[], refTo: RefTo): JsonSchema {
  return {
    type: 'object',
    required: [...fields],
    additionalProperties: false,
    properties: Object.fromEntries(fields.map((f) => [f, publishedField(f, refTo)])),
  };
}

/**
 * User services' response schemas, by name, derived from the service schema,
 * with the shared ones (`sharedSchemas`) where API v1's document has them;
 * `refTo` makes a reference to another of them. `kinds`: the kinds the site
 * publishes, which `_history/` names (user services alone: none named).
 */
export function responseSchemas(
  refTo: RefTo,
  kinds: readonly Pick<KindIdentity, 'name'>[] = [userServicesIdentity],
): Record<SchemaName, JsonSchema> {
  const { type, minLength, maxLength, not } = serviceSchema.$defs.name;
  const shared = sharedSchemas();
  return {
    Name: { type, minLength, maxLength, not },
    UserServiceSummary: {
      title: 'User service in a list',
      description: 'The attributes of a user service that the list shows.',
      ...objectOf(LIST_FIELDS, refTo),
    },
    UserServiceList: {
      title: 'List of user services',
      description: 'The user services, sorted by technical_name in Unicode code-point order.',
      type: 'object',
      required: ['user_services'],
      additionalProperties: false,
      properties: { user_services: { type: 'array', items: { $ref: refTo('UserServiceSummary') } } },
    },
    UserService: {
      title: 'User service',
      description: 'One user service instance, every field present with its default applied.',
      ...objectOf(INSTANCE_FIELDS, refTo),
    },
    Error: shared.Error,
    ListFilter: {
      title: 'List filter',
      description:
        'The JSON body of the spec: each flag set to true keeps only the services that have it; false or absent does not filter.',
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(
        FLAGS.map((f) => [f, { type: 'boolean', description: serviceSchema.properties[f].title }]),
      ),
    },
    ...syncSchemas(objectOf(INSTANCE_FIELDS, refTo), kinds),
    Manifest: shared.Manifest,
    Signature: shared.Signature,
    ...lifecycleSchemas(),
  };
}

const DEFS = '#/$defs/';

/**
 * A self-contained schema document for one response body (see `withDefs`).
 * Throws an `Error` naming the schema when `name` is none of `responseSchemas`.
 */
export const standaloneSchema = (name: SchemaName): JsonSchema => withDefs(responseSchemas(defsRef), name);

/** How a standalone schema file refers to another schema: `#/$defs/<name>`. */
export const defsRef = (name: string): string => `${DEFS}${name}`;

/**
 * The schema `name` of `all` (schemas by name, referring to each other as
 * `#/$defs/<name>`) as a document of its own: with the draft 2020-12 `$schema`,
 * and in `$defs` every schema it refers to, directly or through another, in the
 * order first referred to (depth first; itself left out). Throws an `Error`
 * naming the schema when `name` is not in `all`, or when a schema refers to one
 * that is not.
 */
export function withDefs(all: Partial<Record<string, JsonSchema>>, name: string): JsonSchema {
  const schema = all[name];
  if (schema === undefined) throw new Error(`no response schema is named "${name}"`);
  const defs = new Map<string, JsonSchema>();
  const visit = (value: unknown, from: string): void => {
    if (Array.isArray(value)) for (const item of value) visit(item, from);
    else if (typeof value === 'object' && value !== null)
      for (const [key, inner] of Object.entries(value)) {
        if (key !== '$ref' || typeof inner !== 'string' || !inner.startsWith(DEFS)) visit(inner, from);
        else refer(inner.slice(DEFS.length), from);
      }
  };
  const refer = (target: string, from: string): void => {
    if (target === name || defs.has(target)) return;
    const def = all[target];
    if (def === undefined) throw new Error(`the response schema ${from} refers to "${target}", which is none of them`);
    defs.set(target, def);
    visit(def, target);
  };
  visit(schema, name);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    ...schema,
    ...(defs.size === 0 ? {} : { $defs: Object.fromEntries(defs) }),
  };
}
