/**
 * The OpenAPI 3.1 description of the API: every URL the site answers (the
 * list, its 15 filter paths, the instances), the filters of the spec as query
 * flags and JSON body, and the response schemas. Paths come from the same
 * functions that name the emitted files, so the two cannot drift apart.
 */

import { HOST_FILTERS, listed } from '../hosting/policy.js';
import { userServicesIdentity } from '../kinds/user-services/identity.js';
import {
  classInWords,
  INSTANCE_NAME_CHARACTERS,
  INSTANCE_NAME_FIRST,
  INSTANCE_NAME_MAX_LENGTH,
  RESERVED_INSTANCE_NAMES,
  RESERVED_INSTANCE_PREFIXES,
} from '../model/instance-name.js';
import { FLAGS, type Flag } from '../model/service.js';
import { serviceSchema } from '../model/service-schema.js';
import { API_VERSION, API_VERSION_ROOT, filterPath, filterSets, instancePath, listPath, urlOf } from '../model/site.js';
import { JSON_TYPE } from '../serving/content-types.js';
import { ALLOWED_METHODS } from '../serving/limits.js';
import { EXAMPLE_INSTANCE, errorExamples, INSTANCE_EXAMPLE, LIST_EXAMPLE } from './examples.js';
import { DEPRECATION_HEADERS, RENAMED_RESPONSE } from './lifecycle-schemas.js';
import { type JsonSchema, responseSchemas, type SchemaName } from './response-schemas.js';
import { syncPaths } from './sync-paths.js';

/** Site path of the OpenAPI document. */
export const OPENAPI_PATH = `${API_VERSION_ROOT}/openapi.json`;

/** The standalone schema files, by site path. */
export const SCHEMA_FILES: Readonly<Record<string, SchemaName>> = {
  [`${API_VERSION_ROOT}/schemas/user-service-list.schema.json`]: 'UserServiceList',
  [`${API_VERSION_ROOT}/schemas/user-service.schema.json`]: 'UserService',
  [`${API_VERSION_ROOT}/schemas/error.schema.json`]: 'Error',
  [`${API_VERSION_ROOT}/schemas/list-filter.schema.json`]: 'ListFilter',
  [`${API_VERSION_ROOT}/schemas/full.schema.json`]: 'FullList',
  [`${API_VERSION_ROOT}/schemas/index.schema.json`]: 'HashIndex',
  [`${API_VERSION_ROOT}/schemas/history.schema.json`]: 'History',
  [`${API_VERSION_ROOT}/schemas/manifest.schema.json`]: 'Manifest',
  [`${API_VERSION_ROOT}/schemas/signature.schema.json`]: 'Signature',
  [`${API_VERSION_ROOT}/schemas/deprecations.schema.json`]: 'Deprecations',
  [`${API_VERSION_ROOT}/schemas/renames.schema.json`]: 'Renames',
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
      {
        description: `a reserved beginning (${RESERVED_INSTANCE_PREFIXES.join(', ')}), in any case`,
        pattern: `^(${RESERVED_INSTANCE_PREFIXES.map(anyCase).join('|')})`,
      },
    ],
  },
} as const;

/** `[Ii][Nn]...`: a word in any case, without the `i` flag that JSON Schema patterns do not have. */
function anyCase(word: string): string {
  return [...word].map((c) => `[${c.toUpperCase()}${c.toLowerCase()}]`).join('');
}

const ref = (name: SchemaName) => `#/components/schemas/${name}`;
const flagTitle = (f: Flag) => serviceSchema.properties[f].title.replace(/^Available for /, '');

const withExample = (name: SchemaName, example: unknown) => ({
  [JSON_TYPE]: { schema: { $ref: ref(name) }, example },
});
const listOk = (description: string) => ({ description, content: withExample('UserServiceList', LIST_EXAMPLE) });
const response = (name: ErrorResponse) => ({ $ref: `#/components/responses/${name}` });

type ErrorResponse = 'BadRequest' | 'NotFound' | 'MethodNotAllowed';

const camel = (flag: Flag) => flag.replace(/(^|_)([a-z])/g, (_, _u, c: string) => c.toUpperCase());

const QUERY_NOTE =
  'Read by the preview server (`user-services serve`) and every generated host configuration; ' +
  `${listed(HOST_FILTERS.queryIgnored)} cannot read query strings, so clients there use the filter paths.`;

const BODY_NOTE =
  `Read by ${listed(HOST_FILTERS.bodyRead)}. ${listed(HOST_FILTERS.bodyRefused)} cannot read a request body and ` +
  'refuse a request to the list that has one (400 `body-not-read`; CloudFront itself answers such a GET 403), ' +
  `${listed(HOST_FILTERS.bodyIgnored)} ignore it: clients of those hosts use the query flags or the filter paths.`;

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
      description: `The spec's filters as a JSON body on GET, e.g. \`{"for_hg": true}\`. ${BODY_NOTE}`,
      // The spec's example request body.
      content: withExample('ListFilter', { for_hg: true }),
    },
    responses: {
      '200': listOk('The list, filtered when a flag is true.'),
      '400': response('BadRequest'),
      '405': response('MethodNotAllowed'),
    },
  };
}

function filterOperation(flags: readonly Flag[]) {
  const names = flags.map(flagTitle).join(' and ');
  return {
    operationId: `listUserServicesFor${flags.map((f) => camel(f).replace(/^For/, '')).join('And')}`,
    summary: `List the user services available for ${names}`,
    description: `The list, holding only the services whose ${flags.join(' and ')} ${flags.length > 1 ? 'are all' : 'is'} true.`,
    responses: { '200': listOk(`The services available for ${names}.`), '405': response('MethodNotAllowed') },
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
        example: EXAMPLE_INSTANCE,
      },
    ],
    responses: {
      '200': {
        description: 'The user service, with every field present.',
        headers: DEPRECATION_HEADERS,
        content: withExample('UserService', INSTANCE_EXAMPLE),
      },
      '308': RENAMED_RESPONSE,
      '400': response('BadRequest'),
      '404': response('NotFound'),
      '405': response('MethodNotAllowed'),
    },
  };
}

const errorResponse = (description: string, examples: Record<string, unknown>) => ({
  description,
  content: { [JSON_TYPE]: { schema: { $ref: ref('Error') }, examples } },
});

/** The error responses: what each status means, with the bodies the server sends. */
function errorResponses(): Record<ErrorResponse, JsonSchema> {
  const examples = errorExamples();
  return {
    NotFound: errorResponse('No user service has this instance name.', examples.NotFound),
    BadRequest: errorResponse(
      'The path is not valid (an encoded dot, slash, backslash or NUL, a dot segment, a control character), a query ' +
        'flag is unknown or has a value other than `true`, `1`, `false` or `0`, or the body is not a JSON object of ' +
        'boolean flags (`body-not-read`: a host that cannot read the body got one). Every host gives these answers, ' +
        "but for the exceptions the README's hosting matrix names: Netlify answers a query outside the grammar " +
        `with its own text or ignores it, ${listed(HOST_FILTERS.queryIgnored)} ignores queries.`,
      examples.BadRequest,
    ),
    MethodNotAllowed: {
      ...errorResponse('A method other than GET, HEAD or OPTIONS.', examples.MethodNotAllowed),
      headers: {
        Allow: {
          description: 'The methods the URL allows.',
          schema: { type: 'string', const: ALLOWED_METHODS.join(', ') },
        },
      },
    },
  };
}

/**
 * How a client goes from a list entry to its instance. The spec fixes the keys of both documents and
 * the list carries no instance name, so no OpenAPI link can compute the URL from an entry; the
 * technical name, present in both and unique ignoring case, is what joins them.
 */
const LIST_TO_INSTANCE =
  'A list entry does not carry its instance name (the spec fixes its keys), so its instance URL cannot be ' +
  'derived from it: the technical name, present in both documents and unique in the catalog ignoring case, ' +
  'joins an instance to its list entry. A client that knows an instance name (the service file name) gets the ' +
  `instance at \`${urlOf(instancePath(userServicesIdentity, '{instance_name}'))}\`; the catalog page (\`/\`) shows each entry with ` +
  'its instance URL.';

/**
 * The OpenAPI 3.1 document of the published API: every path, the query and
 * body filters, the response schemas derived from the service schema, and
 * the error bodies. A JSON value, the same for every catalog (same bytes for
 * the same version of the tool). Throws only on a bug.
 */
export function openApiDocument(): JsonSchema {
  return {
    openapi: '3.1.0',
    info: {
      title: 'User Services API',
      version: String(API_VERSION),
      description:
        'The user services an operator configured, for clients that filter the services of the licenses API. ' +
        'Served as static JSON files; every URL ends in `/` and answers `application/json`. ' +
        LIST_TO_INSTANCE,
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [
      {
        url: '../..',
        description:
          'The root of the site, relative to this document (`/api/v1/openapi.json`), so that a site served from ' +
          'a sub-folder (a GitHub Pages project site) works as well as one at the root of its host.',
      },
    ],
    security: [],
    paths: {
      [urlOf(listPath(userServicesIdentity))]: { get: listOperation() },
      ...Object.fromEntries(
        filterSets(userServicesIdentity).map((flags) => [
          urlOf(filterPath(userServicesIdentity, flags)),
          { get: filterOperation(flags as readonly Flag[]) },
        ]),
      ),
      [urlOf(instancePath(userServicesIdentity, '{instance_name}'))]: { get: instanceOperation() },
      ...syncPaths(ref),
    },
    components: {
      schemas: responseSchemas(ref),
      responses: errorResponses(),
    },
  };
}
