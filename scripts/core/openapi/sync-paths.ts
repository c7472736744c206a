/**
 * The OpenAPI operations of the files that keep a client in sync, at the URLs
 * the emit steps publish them (model/site.ts): user services' own (`_full/`,
 * `_index/`, `_deprecations/`, `_renames/`, `_history/` and its feed), and the
 * manifest and its signature, which every site has.
 */
import {
  deprecationsPath,
  feedPath,
  fullPath,
  hashIndexPath,
  historyPath,
  manifestPath,
  renamesPath,
  signaturePath,
  urlOf,
} from '../model/site.js';
import { contentTypeOf, JSON_TYPE } from '../serving/content-types.js';
import { EXAMPLE_INSTANCE, INSTANCE_EXAMPLE } from './examples.js';
import type { LifecycleSchemaName } from './lifecycle-schemas.js';
import type { SyncSchemaName } from './sync-schemas.js';

type Ref = (name: SyncSchemaName | LifecycleSchemaName) => string;

const NOT_FOUND = { $ref: '#/components/responses/NotFound' };
const NOT_ALLOWED = { $ref: '#/components/responses/MethodNotAllowed' };

/** An operation; `optional`: the file is published only by some builds, so a 404 is an answer. */
const get = (
  operationId: string,
  summary: string,
  description: string,
  content: Record<string, unknown>,
  optional = false,
) => ({
  get: {
    operationId,
    summary,
    description,
    responses: {
      '200': { description: summary, content },
      ...(optional ? { '404': NOT_FOUND } : {}),
      '405': NOT_ALLOWED,
    },
  },
});
const json = (ref: string, example: unknown) => ({ [JSON_TYPE]: { schema: { $ref: ref }, example } });

const HASH = 'd2a84f4b8b650937ec8f73cd8be2c74add5a911ba64df27458ed8229da804a26';
const COMMIT = '0123456789abcdef0123456789abcdef01234567';
const EXAMPLES = {
  full: { user_services: [{ instance_name: EXAMPLE_INSTANCE, ...INSTANCE_EXAMPLE }] },
  index: {
    api_version: 1,
    sha256: HASH,
    user_services: [
      {
        instance_name: EXAMPLE_INSTANCE,
        technical_name: INSTANCE_EXAMPLE.technical_name,
        url: `../${EXAMPLE_INSTANCE}/`,
        sha256: HASH,
        size: 291,
      },
    ],
  },
  history: {
    api_version: 1,
    limit: 50,
    complete: true,
    changes: [
      {
        commit: COMMIT,
        time: '2024-01-02T03:04:05Z',
        instance_name: EXAMPLE_INSTANCE,
        technical_name: INSTANCE_EXAMPLE.technical_name,
        kind: 'changed',
        class: 'breaking',
        renamed_from: null,
        fields: ['for_hg'],
      },
    ],
  },
  manifest: { api_version: 1, files: [{ path: 'index.html', sha256: HASH, size: 5646 }] },
  deprecations: {
    api_version: 1,
    user_services: [
      {
        instance_name: 'call-forwarding-always-legacy',
        technical_name: 'Call Forwarding Always Legacy',
        url: '../call-forwarding-always-legacy/',
        since: '2025-03-01',
        reason: 'replaced',
        note: 'Assign Call Forwarding Always instead.',
        replaced_by: { instance_name: 'call-forwarding-always', url: '../call-forwarding-always/' },
        sunset: '2025-12-31',
      },
    ],
  },
  renames: {
    api_version: 1,
    renames: [
      {
        previous_name: 'basic-call-log',
        previous_url: '../basic-call-log/',
        instance_name: EXAMPLE_INSTANCE,
        url: `../${EXAMPLE_INSTANCE}/`,
      },
    ],
  },
  signature: { protected: 'eyJhbGciOiJFZERTQSJ9', signature: 'c2lnbmF0dXJl' },
};

/** User services' own files' paths, by URL, to merge into the document's `paths` after their instance path. */
export function syncPaths(ref: Ref): Record<string, unknown> {
  return {
    [urlOf(fullPath())]: get(
      'getAllUserServices',
      'Every user service in one document',
      'Every instance document, in the order of the list, each with its instance name: a mirror in one request.',
      json(ref('FullList'), EXAMPLES.full),
    ),
    [urlOf(hashIndexPath())]: get(
      'getUserServiceIndex',
      'The SHA-256 and size of each instance file',
      'Compare with the last index read and refetch only the instances whose `sha256` changed; the top `sha256` changes whenever any does.',
      json(ref('HashIndex'), EXAMPLES.index),
    ),
    [urlOf(historyPath())]: get(
      'getUserServiceHistory',
      'The changes of the catalog, newest first',
      'Published when the site was built in a git repository (404 otherwise).',
      json(ref('History'), EXAMPLES.history),
      true,
    ),
    [urlOf(feedPath())]: get(
      'getUserServiceFeed',
      'The changes of the catalog as an Atom feed',
      'The same history as `_history/`, one entry per commit (RFC 4287). Published when the site was built in a git repository.',
      { [contentTypeOf(feedPath())]: { schema: { type: 'string' } } },
      true,
    ),
    [urlOf(deprecationsPath())]: get(
      'getUserServiceDeprecations',
      'Every deprecated user service, with its dates, reason and successor',
      'Every service no more assignable: since, reason, note, the successor and its instance URL, the sunset. Not in the list or the instance documents, whose keys the spec fixes; the instance URL also sends them as the Deprecation, Sunset and Link headers.',
      json(ref('Deprecations'), EXAMPLES.deprecations),
    ),
    [urlOf(renamesPath())]: get(
      'getUserServiceRenames',
      'Every previous instance name and the instance it redirects to',
      'A previous instance URL answers a permanent redirect (308, query kept) to the instance URL, so a rename breaks no client.',
      json(ref('Renames'), EXAMPLES.renames),
    ),
  };
}

/** The manifest's and its signature's paths, by URL: shared by every kind (they list and sign the whole site). */
export function manifestPaths(ref: (name: 'Manifest' | 'Signature') => string): Record<string, unknown> {
  return {
    [urlOf(manifestPath())]: get(
      'getManifest',
      'Every published file with its SHA-256 and size',
      'What `user-services verify` checks a copy of the site against.',
      json(ref('Manifest'), EXAMPLES.manifest),
    ),
    [`/${signaturePath()}`]: get(
      'getManifestSignature',
      "The manifest's detached Ed25519 signature (JWS)",
      'Published when the site was built with a signing key (404 otherwise).',
      json(ref('Signature'), EXAMPLES.signature),
      true,
    ),
  };
}
