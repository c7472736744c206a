/**
 * The OpenAPI 3.1 description of the API: every URL the site answers (the
 * list, its 15 filter paths, the instances), the filters of the spec as query
 * flags and JSON body, and the response schemas. Paths come from the same
 * functions that name the emitted files, so the two cannot drift apart.
 */

import {
  classInWords,
  INSTANCE_NAME_CHARACTERS,
  INSTANCE_NAME_FIRST,
  INSTANCE_NAME_MAX_LENGTH,
  RESERVED_INSTANCE_NAMES,
} from '../model/instance-name.js';
import { FLAGS, type Flag } from '../model/service.js';
import { serviceSchema } from '../model/service-schema.js';
import { API_VERSION_ROOT, FILTER_SETS, filterPath, instancePath, listPath, urlOf } from '../model/site.js';
import { JSON_TYPE } from '../serving/content-types.js';
import { HTTP_ERRORS } from '../serving/http-error.js';
import { type JsonSchema, responseSchemas, type SchemaName } from './response-schemas.js';

/** Site path of the OpenAPI document. */
export const OPENAPI_PATH = `${API_VERSION_ROOT}/openapi.json`;

/** The standalone schema files, by site path. */
export const SCHEMA_FILES: Readonly<Record<string, SchemaName>> = {
  [`${API_VERSION_ROOT}/schemas/user-service-list.schema.json`]: 'UserServiceList',
  [`${API_VERSION_ROOT}/schemas/user-service.schema.json`]: 'UserService',
  [`${API_VERSION_ROOT}/schemas/error.schema.json`]: 'Error',
  [`${API_VERSION_ROOT}/schemas/list-filter.schema.json`]: 'ListFilter',
};

/**
 * The contract's instance names: letters, digits, `_`, `.`, `-`, starting with a
 * letter or digit, not ending in `.`, at most 100 characters, not a reserved name
 * in any case. Written with the regular expressions that JSON Schema recommends
 * for interoperability (2020-12 Core, "Regular Expressions"; no lookahead), so
 * that validators in any language accept it. Every `$` stands in a pattern that
 * refuses, and the class of the first one already refuses line breaks, so a
 * `$` that also matches before a final line break (Python's) refuses nothing more.
 */
export const INSTANCE_NAME_SCHEMA = {
  type: 'string',
  minLength: 1,
  maxLength: INSTANCE_NAME_MAX_LENGTH,
  pattern: `^[${INSTANCE_NAME_FIRST}]`,
  not: {
    type: 'string',
    anyOf: [
      {
        description: `a character other than ${classInWords(INSTANCE_NAME_CHARACTERS, 'one')}`,
        pattern: `[^${INSTANCE_NAME_CHARACTERS}]`,
      },
      { description: 'a final "."', pattern: '[.]$' },
      { description: 'a reserved name, in any case', pattern: `^(${RESERVED_INSTANCE_NAMES.map(anyCase).join('|')})$` },
    ],
  },
} as const;

/** `[Ii][Nn]...`: a word in any case, without the `i` flag that JSON Schema patterns do not have. */
function anyCase(word: string): string {
  return [...word].map((c) => `[${c.toUpperCase()}${c.toLowerCase()}]`).join('');
}

const ref = (name: SchemaName) => `#/components/schemas/${name}`;
const json = (name: SchemaName) => ({ [JSON_TYPE]: { schema: { $ref: ref(name) } } });
const flagTitle = (f: Flag) => serviceSchema.properties[f].title.replace(/^Available for /, '');

const ok = (description: string, name: SchemaName) => ({ description, content: json(name) });

const camel = (flag: Flag) => flag.replace(/(^|_)([a-z])/g, (_, _u, c: string) => c.toUpperCase());

const QUERY_NOTE =
  'Read by the preview server (`user-services serve`) and by the host configurations that map query strings ' +
  'to the filter files; a host that cannot match queries answers the unfiltered list, so clients there use the ' +
  'filter paths.';

function listOperation() {
  const parameters = FLAGS.map((flag) => ({
    name: flag,
    in: 'query',
    required: false,
    description: `\`true\` or \`1\` keeps only the services available for ${flagTitle(flag)}; \`false\`, \`0\` or absent does not filter. ${QUERY_NOTE}`,
    schema: { type: 'string', enum: ['true', '1', 'false', '0'] },
  }));
  return {
    operationId: 'listUserServices',
    summary: 'List the user services',
    description:
      'The user services, sorted by technical name. Filters given as query flags or as the JSON body combine ' +
      'with AND, and the answer is byte for byte the file of the matching filter path.',
    parameters,
    requestBody: {
      required: false,
      description:
        'The spec\'s filters as a JSON body on GET, e.g. `{"for_hg": true}`. Only the preview server reads ' +
        'request bodies; static hosts ignore them, so clients of a static host use the query flags or the filter paths.',
      content: json('ListFilter'),
    },
    responses: {
      '200': ok('The list, filtered when a flag is true.', 'UserServiceList'),
      '400': { $ref: '#/components/responses/BadRequest' },
    },
  };
}

function filterOperation(flags: readonly Flag[]) {
  const names = flags.map(flagTitle).join(' and ');
  return {
    operationId: `listUserServicesFor${flags.map((f) => camel(f).replace(/^For/, '')).join('And')}`,
    summary: `List the user services available for ${names}`,
    description: `The list, holding only the services whose ${flags.join(' and ')} ${flags.length > 1 ? 'are all' : 'is'} true.`,
    responses: { '200': ok(`The services available for ${names}.`, 'UserServiceList') },
  };
}

function instanceOperation() {
  return {
    operationId: 'getUserService',
    summary: 'Get one user service',
    parameters: [
      {
        name: 'instance_name',
        in: 'path',
        required: true,
        description: 'The instance name: the service file name without `.yaml`.',
        schema: INSTANCE_NAME_SCHEMA,
      },
    ],
    responses: {
      '200': ok('The user service, with every field present.', 'UserService'),
      '404': { $ref: '#/components/responses/NotFound' },
    },
  };
}

const errorResponse = (description: string) => ({ description, content: json('Error') });

/**
 * The OpenAPI 3.1 document of the published API: every path, the query and
 * body filters, the response schemas derived from the service schema, and
 * the error bodies. A JSON value; the same on every run.
 */
export function openApiDocument(): JsonSchema {
  return {
    openapi: '3.1.0',
    info: {
      title: 'User Services API',
      version: '1',
      description:
        'The user services an operator configured, for clients that filter the services of the licenses API. ' +
        'Served as static JSON files; every URL ends in `/` and answers `application/json`.',
    },
    paths: {
      [urlOf(listPath())]: { get: listOperation() },
      ...Object.fromEntries(FILTER_SETS.map((flags) => [urlOf(filterPath(flags)), { get: filterOperation(flags) }])),
      [urlOf(instancePath('{instance_name}'))]: { get: instanceOperation() },
    },
    components: {
      schemas: responseSchemas(ref),
      responses: {
        NotFound: errorResponse('No user service has this instance name.'),
        BadRequest: errorResponse(
          `A filter is unknown, has a value other than a boolean, or the body is not a JSON object (status ${HTTP_ERRORS['unknown-filter']}; preview server only).`,
        ),
      },
    },
  };
}
