/**
 * The OpenAPI operations of the files that keep a client in sync (`_full/`,
 * `_index/`, `_history/` and its feed, the manifest and its signature), at
 * the URLs the emit steps publish them (model/site.ts).
 */
import { feedPath, fullPath, hashIndexPath, historyPath, manifestPath, signaturePath, urlOf } from '../model/site.js';
import { contentTypeOf, JSON_TYPE } from '../serving/content-types.js';

type Ref = (name: 'FullList' | 'HashIndex' | 'History' | 'Manifest' | 'Signature') => string;

const get = (operationId: string, summary: string, description: string, content: Record<string, unknown>) => ({
  get: {
    operationId,
    summary,
    description,
    responses: { '200': { description: summary, content }, '404': { $ref: '#/components/responses/NotFound' } },
  },
});
const json = (ref: string) => ({ [JSON_TYPE]: { schema: { $ref: ref } } });

/** The paths, by URL, to merge into the document's `paths`. */
export function syncPaths(ref: Ref): Record<string, unknown> {
  return {
    [urlOf(fullPath())]: get(
      'getAllUserServices',
      'Every user service in one document',
      'Every instance document, in the order of the list, each with its instance name: a mirror in one request.',
      json(ref('FullList')),
    ),
    [urlOf(hashIndexPath())]: get(
      'getUserServiceIndex',
      'The SHA-256 and size of each instance file',
      'Compare with the last index read and refetch only the instances whose `sha256` changed; the top `sha256` changes whenever any does.',
      json(ref('HashIndex')),
    ),
    [urlOf(historyPath())]: get(
      'getUserServiceHistory',
      'The changes of the catalog, newest first',
      'Published when the site was built in a git repository (404 otherwise).',
      json(ref('History')),
    ),
    [urlOf(feedPath())]: get(
      'getUserServiceFeed',
      'The changes of the catalog as an Atom feed',
      'The same history as `_history/`, one entry per commit (RFC 4287). Published when the site was built in a git repository.',
      { [contentTypeOf(feedPath())]: { schema: { type: 'string' } } },
    ),
    [urlOf(manifestPath())]: get(
      'getManifest',
      'Every published file with its SHA-256 and size',
      'What `user-services verify` checks a copy of the site against.',
      json(ref('Manifest')),
    ),
    [`/${signaturePath()}`]: get(
      'getManifestSignature',
      "The manifest's detached Ed25519 signature (JWS)",
      'Published when the site was built with a signing key (404 otherwise).',
      json(ref('Signature')),
    ),
  };
}
