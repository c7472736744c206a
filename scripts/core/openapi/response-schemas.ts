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

/** What each schema refers to, for standalone files that must carry their own `$defs`. */
const DEPENDENCIES: Record<SchemaName, readonly SchemaName[]> = {
  Name: [],
  UserServiceSummary: ['Name'],
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
};

/** A self-contained schema document for one response body. */
export function standaloneSchema(name: SchemaName): JsonSchema {
  const all = responseSchemas((n) => `#/$defs/${n}`);
  const defs = DEPENDENCIES[name];
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    ...all[name],
    ...(defs.length === 0 ? {} : { $defs: Object.fromEntries(defs.map((d) => [d, all[d]])) }),
  };
}
