/**
 * The user services kind's part of the OpenAPI document (spec: "User
 * Services"): its list, filter and instance paths in the spec's words, the
 * files that keep a client in sync, its response schemas derived from the
 * service schema, and their standalone files, in API v1's order.
 */

import type { Flag } from '../../model/service.js';
import { serviceSchema } from '../../model/service-schema.js';
import { API_VERSION_ROOT } from '../../model/site.js';
import { EXAMPLE_INSTANCE, INSTANCE_EXAMPLE, LIST_EXAMPLE } from '../../openapi/examples.js';
import type { OpenApiKind } from '../../openapi/kind.js';
import { instanceTemplate, kindPaths } from '../../openapi/kind-paths.js';
import { DEPRECATION_HEADERS, RENAMED_RESPONSE } from '../../openapi/lifecycle-schemas.js';
import { responseSchemas, type SchemaName } from '../../openapi/response-schemas.js';
import { SHARED_SCHEMA_FILES } from '../../openapi/shared-schemas.js';
import { syncPaths } from '../../openapi/sync-paths.js';
import { userServicesIdentity } from './identity.js';

const schemaFile = (name: string) => `${API_VERSION_ROOT}/schemas/${name}.schema.json`;
const [ERROR, MANIFEST, SIGNATURE] = Object.keys(SHARED_SCHEMA_FILES) as [string, string, string];

/** User services' schema files with the shared ones among them, by site path, in API v1's order (the page's links). */
export const USER_SERVICES_SCHEMA_FILES: Readonly<Record<string, SchemaName>> = {
  [schemaFile('user-service-list')]: 'UserServiceList',
  [schemaFile('user-service')]: 'UserService',
  [ERROR]: 'Error',
  [schemaFile('list-filter')]: 'ListFilter',
  [schemaFile('full')]: 'FullList',
  [schemaFile('index')]: 'HashIndex',
  [schemaFile('history')]: 'History',
  [MANIFEST]: 'Manifest',
  [SIGNATURE]: 'Signature',
  [schemaFile('deprecations')]: 'Deprecations',
  [schemaFile('renames')]: 'Renames',
};

/** "Available for Hunt Groups" as "Hunt Groups": a flag's title in the service schema. */
const flagTitle = (f: string) => serviceSchema.properties[f as Flag].title.replace(/^Available for /, '');

/**
 * How a client goes from a list entry to its instance. The spec fixes the keys of both documents and
 * the list carries no instance name, so no OpenAPI link can compute the URL from an entry; the
 * technical name, present in both and unique ignoring case, is what joins them.
 */
const LIST_TO_INSTANCE =
  'A list entry does not carry its instance name (the spec fixes its keys), so its instance URL cannot be ' +
  'derived from it: the technical name, present in both documents and unique in the catalog ignoring case, ' +
  'joins an instance to its list entry. A client that knows an instance name (the service file name) gets the ' +
  `instance at \`${instanceTemplate(userServicesIdentity)}\`; the catalog page (\`/\`) shows each entry with ` +
  'its instance URL.';

/** User services' OpenAPI part: their paths, their response schemas (the shared ones placed as in v1), their files. */
export const userServicesOpenApi: OpenApiKind = {
  openApi: {
    paths: (ref) => ({
      ...kindPaths(
        userServicesIdentity,
        {
          operations: 'UserServices',
          operation: 'UserService',
          plural: 'user services',
          singular: 'user service',
          short: 'services',
          flagTitle,
          listDescription:
            'The user services, sorted by technical name. Filters given as query flags or as the JSON body combine ' +
            'with AND, and the answer is byte for byte the file of the matching filter path.',
          list: { schema: 'UserServiceList', example: LIST_EXAMPLE },
          // The spec's example request body.
          filterBody: {
            schema: 'ListFilter',
            example: { for_hg: true },
            description: 'The spec\'s filters as a JSON body on GET, e.g. `{"for_hg": true}`.',
          },
          instance: {
            schema: 'UserService',
            example: INSTANCE_EXAMPLE,
            exampleName: EXAMPLE_INSTANCE,
            parameter: 'The instance name: the service file name without `.yaml`.',
            found: 'The user service, with every field present.',
            headers: DEPRECATION_HEADERS,
            redirect: RENAMED_RESPONSE,
          },
        },
        ref,
      ),
      ...syncPaths(ref),
    }),
    schemas: (ref, kinds) => responseSchemas(ref, kinds),
    schemaFiles: USER_SERVICES_SCHEMA_FILES,
    words: {
      title: 'User Services',
      singular: 'user service',
      short: 'service',
      purpose: 'The user services an operator configured, for clients that filter the services of the licenses API.',
      listToInstance: LIST_TO_INSTANCE,
    },
  },
};
