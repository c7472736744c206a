import { utf8 } from '../model/site.js';
import { OPENAPI_PATH, openApiDocument, SCHEMA_FILES } from '../openapi/document.js';
import { standaloneSchema } from '../openapi/response-schemas.js';
import type { EmitStep } from './step.js';

const jsonFile = (value: unknown, pretty: boolean): Uint8Array =>
  utf8(`${JSON.stringify(value, null, pretty ? 2 : undefined)}\n`);

/** The OpenAPI description of the API and the JSON Schemas of its bodies; the same for every catalog. */
export const emitOpenApi: EmitStep = ({ options }) => [
  [OPENAPI_PATH, jsonFile(openApiDocument(), options.pretty)],
  ...Object.entries(SCHEMA_FILES).map(([path, name]): [string, Uint8Array] => [
    path,
    jsonFile(standaloneSchema(name), options.pretty),
  ]),
];
