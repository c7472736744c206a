import { utf8 } from '../model/site.js';
import { OPENAPI_PATH, openApiDocument, standaloneSchemas } from '../openapi/document.js';
import type { DocumentedKind } from '../openapi/kind.js';
import type { EmitStep } from './step.js';

const jsonFile = (value: unknown, pretty: boolean): Uint8Array =>
  utf8(`${JSON.stringify(value, null, pretty ? 2 : undefined)}\n`);

/**
 * The OpenAPI description of the API and the JSON Schemas of its bodies: of
 * every kind's OpenAPI part (`openApi`, openapi/kind.ts), in the kinds'
 * order, and the shared ones; the same for every catalog.
 */
export const emitOpenApi: EmitStep = ({ kinds, options }) => {
  const documented: readonly DocumentedKind[] = kinds;
  return [
    [OPENAPI_PATH, jsonFile(openApiDocument(documented), options.pretty)],
    ...standaloneSchemas(documented).map(([path, schema]): [string, Uint8Array] => [
      path,
      jsonFile(schema, options.pretty),
    ]),
  ];
};
