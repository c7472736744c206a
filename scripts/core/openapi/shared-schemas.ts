/**
 * The response schemas every site shares, whatever kinds it publishes: the
 * error body of every URL (serving/http-error.ts), the manifest and its
 * signature (emit/sync/manifest.ts). Part of the OpenAPI document and
 * published as standalone files (`SHARED_SCHEMA_FILES`).
 */
import { API_VERSION_ROOT } from '../model/site.js';
import { HTTP_ERROR_CODES } from '../serving/http-error.js';
import type { JsonSchema } from './kind.js';
import { manifestSchemas } from './sync-schemas.js';

/** The shared schemas' names. */
export type SharedSchemaName = 'Error' | 'Manifest' | 'Signature';

/** The shared schemas by name, in the order the document lists those no kind places. */
export function sharedSchemas(): Record<SharedSchemaName, JsonSchema> {
  return {
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
    ...manifestSchemas(),
  };
}

/** The shared standalone schema files, by site path. */
export const SHARED_SCHEMA_FILES: Readonly<Record<string, SharedSchemaName>> = {
  [`${API_VERSION_ROOT}/schemas/error.schema.json`]: 'Error',
  [`${API_VERSION_ROOT}/schemas/manifest.schema.json`]: 'Manifest',
  [`${API_VERSION_ROOT}/schemas/signature.schema.json`]: 'Signature',
};
