/**
 * The OpenAPI 3.1 description of the API: every URL the site answers, each
 * kind's (its list, filter paths, instances and own files: the kind's
 * `OpenApiPart`, kind.ts) and the shared ones (the manifest and its
 * signature, the error responses, worded from the kinds: shared-words.ts),
 * and the response schemas. Paths come from
 * the same functions that name the emitted files, so the two cannot drift apart.
 */

import { HOST_FILTERS, listed } from '../hosting/policy.js';
import type { KindIdentity } from '../kinds/kind.js';
import { API_VERSION, API_VERSION_ROOT } from '../model/site.js';
import { JSON_TYPE } from '../serving/content-types.js';
import { ALLOWED_METHODS } from '../serving/limits.js';
import { type ErrorResponse, errorExamples } from './examples.js';
import type { DocumentedKind, JsonSchema, OpenApiPart, SchemaRef } from './kind.js';
import { INSTANCE_NAME_SCHEMA } from './kind-paths.js';
import { defsRef, withDefs } from './response-schemas.js';
import { SHARED_SCHEMA_FILES, sharedSchemas } from './shared-schemas.js';
import { infoWords, notFoundWords } from './shared-words.js';
import { manifestPaths } from './sync-paths.js';

/** Site path of the OpenAPI document. */
export const OPENAPI_PATH = `${API_VERSION_ROOT}/openapi.json`;

export { INSTANCE_NAME_SCHEMA };

const ref = (name: string) => `#/components/schemas/${name}`;

const errorResponse = (description: string, examples: Record<string, unknown>) => ({
  description,
  content: { [JSON_TYPE]: { schema: { $ref: ref('Error') }, examples } },
});

/** The error responses of a document of `kinds`: what each status means, with the bodies the server sends. */
function errorResponses(kinds: readonly DocumentedKind[]): Record<ErrorResponse, JsonSchema> {
  const examples = errorExamples(kinds);
  return {
    NotFound: errorResponse(notFoundWords(kinds), examples.NotFound),
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

/** The OpenAPI parts of `kinds`, in order (a kind without one gives none). */
const partsOf = (kinds: readonly DocumentedKind[]): OpenApiPart[] =>
  kinds.flatMap((kind) => (kind.openApi === undefined ? [] : [kind.openApi]));

/** Those of `kinds` that give an OpenAPI part: the kinds the document describes. */
const described = (kinds: readonly DocumentedKind[]): KindIdentity[] =>
  kinds.filter((kind) => kind.openApi !== undefined);

/**
 * The kinds' schemas and the shared ones (`sharedSchemas`), by name: each
 * kind's in its order, a shared one where a kind placed it (else after them),
 * with the shared value. Throws an `Error` naming it when two kinds give one
 * name, which the document could not tell apart.
 */
function allSchemas(kinds: readonly DocumentedKind[], refTo: SchemaRef): Record<string, JsonSchema> {
  const shared: Record<string, JsonSchema> = sharedSchemas();
  const all: Record<string, JsonSchema> = {};
  for (const part of partsOf(kinds)) {
    for (const [name, schema] of Object.entries(part.schemas(refTo, described(kinds)))) {
      if (name in all && !(name in shared)) throw new Error(`two kinds give the response schema "${name}"`);
      all[name] = schema;
    }
  }
  return Object.assign(all, shared);
}

/**
 * The OpenAPI 3.1 document of the published API, describing `kinds` in their
 * order: each kind's paths (its list with a query parameter per flag, its
 * filter paths, its instance path, its own files) and response schemas, then
 * the shared ones (the manifest and its signature, the error responses). A
 * JSON value, the same for every catalog (same bytes for the same version of
 * the tool and the same kinds). Throws only on a bug (two kinds giving one
 * schema name).
 */
export function openApiDocument(kinds: readonly DocumentedKind[]): JsonSchema {
  const info = infoWords(kinds);
  return {
    openapi: '3.1.0',
    info: {
      title: info.title,
      version: String(API_VERSION),
      description: info.description,
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
    paths: Object.assign({}, ...partsOf(kinds).map((part) => part.paths(ref)), manifestPaths(ref)),
    components: {
      schemas: allSchemas(kinds, ref),
      responses: errorResponses(kinds),
    },
  };
}

/**
 * Every standalone schema file of a site of `kinds`: site path to schema
 * name, each kind's (`schemaFiles`) in order, then the shared ones it did not place.
 */
export const schemaFiles = (kinds: readonly DocumentedKind[]): Record<string, string> =>
  Object.assign({}, ...partsOf(kinds).map((part) => part.schemaFiles), SHARED_SCHEMA_FILES);

/**
 * Each standalone schema file of a site of `kinds`, as `[path, schema]`: the
 * schema with every schema it refers to in `$defs` (`withDefs`). Throws only
 * on a bug (a file naming no schema, a reference to none).
 */
export function standaloneSchemas(kinds: readonly DocumentedKind[]): [string, JsonSchema][] {
  const all = allSchemas(kinds, defsRef);
  return Object.entries(schemaFiles(kinds)).map(([path, name]) => [path, withDefs(all, name)]);
}
