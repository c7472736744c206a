/**
 * The JSON Schemas (draft 2020-12) of the files that keep a client in sync:
 * user services' `_full/`, `_index/` and `_history/`, and the manifest and its
 * signature that every site publishes (`manifestSchemas`). Part of the response
 * schemas (response-schemas.ts), published in the OpenAPI document and as
 * standalone files.
 */
import { CHANGE_CLASSES } from '../diff/types.js';
import type { KindIdentity } from '../kinds/kind.js';
import { INSTANCE_NAME_MAX_LENGTH } from '../model/instance-name.js';
import { API_VERSION } from '../model/site.js';
import { HISTORY_KIND_KEY } from '../sync/history.js';

/** The names of the sync files' schemas: the keys `syncSchemas` returns. */
export type SyncSchemaName = keyof ReturnType<typeof syncSchemas>;
type JsonSchema = { readonly [key: string]: unknown };

const SHA256 = { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'SHA-256 (FIPS 180-4), lower-case hex.' };
const SIZE = { type: 'integer', minimum: 0, description: 'In bytes.' };
const INSTANCE_NAME = {
  type: 'string',
  minLength: 1,
  maxLength: INSTANCE_NAME_MAX_LENGTH,
  description: 'The instance name: the last segment of the instance URL.',
};
const VERSION = { type: 'integer', const: API_VERSION, description: 'The API version (the v1 of its URLs).' };

const object = (properties: Record<string, unknown>, extra: JsonSchema = {}): JsonSchema => ({
  type: 'object',
  required: Object.keys(properties),
  additionalProperties: false,
  properties,
  ...extra,
});

/**
 * One entry of `_history/`; with more than one kind, `config_kind` (one of
 * their names, not required) after `time`, as emit/sync/history.ts writes it.
 */
function historyEntry(kinds: readonly Pick<KindIdentity, 'name'>[]): JsonSchema {
  const entry = {
    commit: { type: 'string', pattern: '^[0-9a-f]{40}([0-9a-f]{24})?$' },
    time: { type: 'string', format: 'date-time', description: 'The commit time, UTC.' },
    instance_name: INSTANCE_NAME,
    technical_name: { type: 'string' },
    kind: { enum: ['added', 'removed', 'renamed', 'changed'] },
    class: { enum: [...CHANGE_CLASSES] },
    renamed_from: { type: ['string', 'null'] },
    fields: { type: 'array', items: { type: 'string' } },
  };
  if (kinds.length < 2) return object(entry);
  const { commit, time, ...rest } = entry;
  const configKind = {
    enum: kinds.map((k) => k.name),
    description:
      'The kind of configuration object changed: the segment of its URLs after /api/v1/configs/. Only in the history of a site that publishes more than one kind.',
  };
  return object({ commit, time, [HISTORY_KIND_KEY]: configKind, ...rest }, { required: Object.keys(entry) });
}

/**
 * The schemas by name; `instance` is the instance document's schema (an
 * object of its fields), whose fields each `_full/` entry carries after
 * `instance_name`; `kinds` the kinds the site publishes, whose changes the
 * history lists.
 */
export function syncSchemas(instance: JsonSchema, kinds: readonly Pick<KindIdentity, 'name'>[]) {
  const properties = instance.properties as Record<string, unknown>;
  const fullEntry = {
    ...instance,
    required: ['instance_name', ...(instance.required as string[])],
    properties: { instance_name: INSTANCE_NAME, ...properties },
  };
  return {
    FullList: {
      title: 'Every user service',
      description: 'Every instance in one document, in the order of the list, each with its instance name first.',
      ...object({
        user_services: { type: 'array', items: fullEntry },
      }),
    },
    HashIndex: {
      title: 'Index of the instance files',
      description:
        'For each service, in the order of the list, the SHA-256 and size of its instance file as published. `sha256` at the top is the SHA-256 of the lines "<sha256> <size> <instance_name>\\n" of every entry, in order.',
      ...object({
        api_version: VERSION,
        sha256: SHA256,
        user_services: {
          type: 'array',
          items: object({
            instance_name: INSTANCE_NAME,
            technical_name: { type: 'string' },
            url: { type: 'string', description: 'The instance URL relative to this document: "../<instance_name>/".' },
            sha256: SHA256,
            size: SIZE,
          }),
        },
      }),
    },
    History: {
      title: 'Change history',
      description:
        'What each commit that touched the services folder changed in the API, newest first, as `user-services diff` classifies it; at most `limit` commits.',
      ...object({
        api_version: VERSION,
        limit: { type: 'integer', minimum: 1, description: 'The most commits walked.' },
        complete: {
          type: 'boolean',
          description: 'False when older commits were not walked (the limit, or a shallow clone).',
        },
        changes: { type: 'array', items: historyEntry(kinds) },
      }),
    },
  } satisfies Record<string, JsonSchema>;
}

/** The names of the manifest's schemas: the keys `manifestSchemas` returns. */
export type ManifestSchemaName = keyof ReturnType<typeof manifestSchemas>;

/** The schemas of the manifest and its signature, shared by every kind (the site's files, not a kind's). */
export function manifestSchemas() {
  return {
    Manifest: {
      title: 'Manifest of the published files',
      description: 'Every file of the site but the manifest and its signature, in code-point order of the paths.',
      ...object({
        api_version: VERSION,
        files: {
          type: 'array',
          items: object({
            path: { type: 'string', description: 'Relative to the site root, "/"-separated.' },
            sha256: SHA256,
            size: SIZE,
          }),
        },
      }),
    },
    Signature: {
      title: 'Signature of the manifest',
      description:
        'A JSON Web Signature (RFC 7515) in the flattened JSON serialization with a detached payload: the manifest\'s bytes. The protected header is {"alg":"EdDSA","kid":<RFC 7638 thumbprint of the Ed25519 key>}.',
      ...object({
        protected: { type: 'string', pattern: '^[A-Za-z0-9_-]+$' },
        signature: { type: 'string', pattern: '^[A-Za-z0-9_-]+$' },
      }),
    },
  } satisfies Record<string, JsonSchema>;
}
