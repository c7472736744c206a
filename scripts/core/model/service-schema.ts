/**
 * The service schema, compiled once with ajv in strict mode. Every published
 * field comes from here, so the schema is the one description of a service
 * that editors, validation and the documentation share.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import schemaJson from '../../../schema/user-service.schema.json' with { type: 'json' };

/** The service schema (JSON Schema 2020-12), as `schema/user-service.schema.json` holds it. */
export const serviceSchema = schemaJson;

/** Every field a service file may have, in the schema's order. */
export const FIELDS = Object.keys(schemaJson.properties) as (keyof typeof schemaJson.properties)[];

/** Longest description, in characters (the schema's `maxLength` of `description`, counted in code points by ajv). */
export const DESCRIPTION_MAX_LENGTH: number = schemaJson.properties.description.maxLength;

/** The fields that hold a boolean (the four flags and `no_more_assignable`), in the schema's order. */
export const BOOLEAN_FIELDS: readonly string[] = FIELDS.filter(
  (f) => (schemaJson.properties[f] as { type?: string }).type === 'boolean',
);

const ajv = new Ajv2020({ strict: true, allErrors: true, unicodeRegExp: true });

/** The schema's validator (ajv, all errors): true for a valid service, else its `errors`. */
export const validateService = ajv.compile(schemaJson);
