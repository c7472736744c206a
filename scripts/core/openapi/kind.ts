/**
 * What the OpenAPI document and the published JSON Schema files need to know
 * of a kind of configuration object: its paths (its list with a query
 * parameter per flag, its filter paths, its instance path, its own files), its
 * response schemas and the files they are published in. The shared part (the
 * document's info and servers, the error responses, the manifest and its
 * signature, the schemas they use) is the document's own (document.ts).
 */

import type { KindIdentity } from '../kinds/kind.js';

/** A JSON value of the document (an OpenAPI object or a JSON Schema). */
export type JsonSchema = { readonly [key: string]: unknown };

/**
 * How a schema is referred to: `#/components/schemas/<name>` in the OpenAPI
 * document, `#/$defs/<name>` in a standalone schema file.
 */
export type SchemaRef = (name: string) => string;

/** The OpenAPI part of a kind. */
export interface OpenApiPart {
  /**
   * Its path items by URL template (`/api/v1/configs/<name>/...`), in the
   * document's order: its list (one query parameter per flag), its filter
   * paths, its instance path, its own files (`kindPaths` makes the first
   * three). Operations refer to schemas with `ref`, to the shared error
   * responses as `#/components/responses/{BadRequest,NotFound,MethodNotAllowed}`.
   */
  readonly paths: (ref: SchemaRef) => Record<string, unknown>;
  /**
   * Its response schemas by name, unique among every kind's and the shared
   * ones (`sharedSchemas`), referring to each other with `ref`. It may list
   * shared schemas among its own to set their place in the document (user
   * services keep API v1's order); the document's own values win. `kinds`:
   * every kind the document describes, for a schema that speaks of them all
   * (user services' `_history/` lists every kind's changes).
   */
  readonly schemas: (ref: SchemaRef, kinds: readonly KindIdentity[]) => Record<string, JsonSchema>;
  /**
   * The standalone schema files it publishes: site path to schema name (one
   * of its `schemas`, or a shared one placed as in `schemas`).
   */
  readonly schemaFiles: Readonly<Record<string, string>>;
  /**
   * What the document's shared words say of the kind (its title, the 404's
   * description, its error example): absent, the kind is described by its
   * paths and schemas but not named in them (`sharedWords`, shared-words.ts).
   */
  readonly words?: DocumentWords;
}

/** A kind's words in the document's shared parts. */
export interface DocumentWords {
  /** Its objects in the document's title: `User Services` ("User Services API"). */
  readonly title: string;
  /** One of its objects in a sentence: `user service` ("No user service has this instance name."). */
  readonly singular: string;
  /** One of its objects, short, in an example's summary: `service` ("No service has this instance name"). */
  readonly short: string;
  /** The opening of `info.description`: what the kind publishes, for whom (a sentence or more). */
  readonly purpose: string;
  /** The closing of `info.description`: how a client goes from a list entry to its instance. */
  readonly listToInstance: string;
}

/** The part of a kind the OpenAPI document reads. */
export interface OpenApiKind {
  readonly openApi: OpenApiPart;
}

/**
 * A kind as the document reads it: its identity and its OpenAPI part. Every
 * kind of `KINDS` has one (`ConfigKind`); a kind without one (a test's of
 * another area) is not described at all: no path, schema or file, and not
 * among the kinds the schemas name.
 */
export type DocumentedKind = KindIdentity & Partial<OpenApiKind>;
