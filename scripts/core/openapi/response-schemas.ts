/**
 * JSON Schemas (draft 2020-12) of the response bodies, made from the service
 * schema so that a field's type, limits and wording are written once. The same
 * schemas go into the OpenAPI document (`#/components/schemas/...`) and into
 * standalone files (`#/$defs/...`); only the references differ.
 */

import { FLAGS, INSTANCE_FIELDS, LIST_FIELDS } from '../model/service.js';
import { serviceSchema } from '../model/service-schema.js';
import { HTTP_ERROR_CODES } from '../serving/http-error.js';
import { type LifecycleSchemaName, lifecycleSchemas } from './lifecycle-schemas.js';
import { type SyncSchemaName, syncSchemas } from './sync-schemas.js';

export type JsonSchema = { readonly [key: string]: unknown };

export type SchemaName =
  | 'Name'
  | 'UserServiceSummary'
  | 'UserServiceList'
  | 'UserService'
  | 'Error'
  | 'ListFilter'
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
 * The response schemas of the OpenAPI document, by name, derived from the
 * service schema; `refTo` makes a reference to another of them.
 */
export function responseSchemas(refTo: RefTo): Record<SchemaName, JsonSchema> {
  const { type, minLength, maxLength, not } = serviceSchema.$defs.name;
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
    Error: {
      title: 'Error',
      description: 'The body of every error response of the preview server.',
      type: 'object',
      required: ['error'],
      additionalProperties: false,
      properties: {
        error: {
          type: 'object',
          required: ['status', 'code', 'message'],
          additionalProperties: false,
          properties: {
            status: { type: 'integer', minimum: 400, maximum: 599, description: 'The HTTP status code.' },
            code: { type: 'string', enum: HTTP_ERROR_CODES, description: 'A stable code for programs.' },
            message: { type: 'string', description: 'What is wrong, for people.' },
          },
        },
      },
    },
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
    ...syncSchemas(objectOf(INSTANCE_FIELDS, refTo)),
    ...lifecycleSchemas(),
  };
}

const DEFS = '#/$defs/';

/**
 * A self-contained schema document for one response body (see `withDefs`).
 * Throws an `Error` naming the schema when `name` is none of `responseSchemas`.
 */
export const standaloneSchema = (name: SchemaName): JsonSchema =>
  withDefs(
    responseSchemas((n) => `${DEFS}${n}`),
    name,
  );

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
