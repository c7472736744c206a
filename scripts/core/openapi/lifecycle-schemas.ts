/**
 * The JSON Schemas (draft 2020-12) of the life-cycle files beside the
 * instances: `_deprecations/` and `_renames/` (emit/sync/lifecycle.ts). Part
 * of the response schemas (response-schemas.ts), published in the OpenAPI
 * document and as standalone files. Their values' rules come from the service
 * schema (dates, reasons, instance names), written once there.
 */
import { INSTANCE_NAME_MAX_LENGTH } from '../model/instance-name.js';
import { serviceSchema } from '../model/service-schema.js';
import { API_VERSION } from '../model/site.js';

export type LifecycleSchemaName = 'Deprecations' | 'Renames';
type JsonSchema = { readonly [key: string]: unknown };

const INSTANCE_NAME = {
  type: 'string',
  minLength: 1,
  maxLength: INSTANCE_NAME_MAX_LENGTH,
  description: 'The instance name: the last segment of the instance URL.',
};
const URL = (what: string) => ({ type: 'string', description: `${what}, relative to this document: "../<name>/".` });
const VERSION = { type: 'integer', const: API_VERSION, description: 'The API version (the v1 of its URLs).' };
const fields = serviceSchema.properties.deprecation.properties;
const DATE = (what: string) => ({
  type: ['string', 'null'],
  pattern: serviceSchema.$defs.date.pattern,
  description: `${what}, YYYY-MM-DD; null when not given.`,
});

const object = (properties: Record<string, unknown>): JsonSchema => ({
  type: 'object',
  required: Object.keys(properties),
  additionalProperties: false,
  properties,
});

/** The schemas by name. */
export function lifecycleSchemas(): Record<LifecycleSchemaName, JsonSchema> {
  return {
    Deprecations: {
      title: 'Deprecated user services',
      description:
        'Every user service no more assignable, in the order of the list, with the when, why and what instead of its deprecation (all null when the service file gives none). Its instance URL sends the same as the Deprecation (RFC 9745), Sunset (RFC 8594) and Link headers.',
      ...object({
        api_version: VERSION,
        user_services: {
          type: 'array',
          items: object({
            instance_name: INSTANCE_NAME,
            technical_name: { type: 'string' },
            url: URL('The instance URL'),
            since: DATE(fields.since.description),
            reason: { enum: [...fields.reason.enum, null], description: fields.reason.description },
            note: { type: ['string', 'null'], maxLength: fields.note.maxLength, description: fields.note.description },
            replaced_by: {
              description: 'The successor clients should move to, or null.',
              oneOf: [
                { type: 'null' },
                object({ instance_name: INSTANCE_NAME, url: URL("The successor's instance URL") }),
              ],
            },
            sunset: DATE(fields.sunset.description),
          }),
        },
      }),
    },
    Renames: {
      title: 'Previous instance names',
      description:
        'Every previous instance name, in code-point order, with the instance its URL redirects to (308, query kept). Hosts that cannot redirect (GitHub Pages) serve a copy of the instance there; no list names it.',
      ...object({
        api_version: VERSION,
        renames: {
          type: 'array',
          items: object({
            previous_name: INSTANCE_NAME,
            previous_url: URL('The previous instance URL'),
            instance_name: INSTANCE_NAME,
            url: URL('The instance URL it redirects to'),
          }),
        },
      }),
    },
  };
}

/** What a deprecated instance's answers add (serving/lifecycle.ts); absent on other instances. */
export const DEPRECATION_HEADERS = {
  Deprecation: {
    description: 'Deprecated since this day (RFC 9745): `@` and its midnight UTC in seconds since 1970.',
    schema: { type: 'string', pattern: '^@-?[0-9]+$' },
  },
  Sunset: {
    description: 'The day the service will be removed (RFC 8594), an HTTP-date.',
    schema: { type: 'string' },
  },
  Link: {
    description:
      'rel="deprecation": `_deprecations/` (RFC 9745 section 3); rel="successor-version": the instance URL of its successor.',
    schema: { type: 'string' },
  },
};

/** The answer at a previous instance name (`_renames/`). */
export const RENAMED_RESPONSE = {
  description:
    'A previous instance name of a renamed service (`_renames/`): `Location` names its instance URL, query kept.',
  headers: { Location: { description: 'The instance URL.', schema: { type: 'string' } } },
};
