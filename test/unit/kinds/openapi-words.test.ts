/**
 * The OpenAPI document's shared words (its title and description, the 404's
 * description, the error examples) come from the kinds it describes: a kind
 * defined here alone (`gizmos`) with words of its own is named beside user
 * services, and the examples are made on the first kind's URLs and flags. A
 * kind without words is described by its paths alone; user services alone
 * keep their words.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { userServices } from '../../../scripts/core/kinds/user-services/index.js';
import { openApiDocument } from '../../../scripts/core/openapi/document.js';
import type { DocumentedKind, DocumentWords, OpenApiPart } from '../../../scripts/core/openapi/kind.js';
import { kindPaths } from '../../../scripts/core/openapi/kind-paths.js';

const WORDS: DocumentWords = {
  title: 'Gizmos',
  singular: 'gizmo',
  short: 'gizmo',
  purpose: 'The gizmos of a test.',
  listToInstance: 'A gizmo is at `/api/v1/configs/gizmos/{instance_name}/`.',
};

const gizmoPart = (flags: readonly string[], words?: DocumentWords): OpenApiPart => ({
  paths: (ref) =>
    kindPaths(
      { name: 'gizmos', flags },
      {
        operations: 'Gizmos',
        operation: 'Gizmo',
        plural: 'gizmos',
        singular: 'gizmo',
        short: 'gizmos',
        flagTitle: (f) => f,
        listDescription: 'The gizmos.',
        list: { schema: 'GizmoList', example: { gizmos: [] } },
        filterBody: { schema: 'GizmoFilter', example: {}, description: 'The flags as a JSON body.' },
        instance: { schema: 'Gizmo', example: {}, exampleName: 'g', parameter: 'The gizmo.', found: 'The gizmo.' },
      },
      ref,
    ),
  schemas: (ref) => ({
    Gizmo: { type: 'object' },
    GizmoList: { type: 'object', properties: { gizmos: { type: 'array', items: { $ref: ref('Gizmo') } } } },
    GizmoFilter: { type: 'object' },
  }),
  schemaFiles: {},
  ...(words === undefined ? {} : { words }),
});

const gizmos = (flags: readonly string[], words: DocumentWords | null = WORDS): DocumentedKind => ({
  name: 'gizmos',
  flags,
  openApi: gizmoPart(flags, words ?? undefined),
});

// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document is walked as plain JSON
type Doc = any;
const one: Doc = openApiDocument([userServices]);
const SERVED = 'Served as static JSON files; every URL ends in `/` and answers `application/json`.';
/** Each example of a response: its name, summary and the body's code and message. */
const examples = (doc: Doc, response: string) =>
  Object.entries(doc.components.responses[response].content['application/json'].examples).map(
    ([name, e]: [string, Doc]) => `${name}: ${e.summary} -> ${e.value.error.code}`,
  );

describe("the OpenAPI document's shared words", () => {
  it("are user services' alone with user services alone", () => {
    expect(one.info.title).toBe('User Services API');
    expect(one.info.description).toMatch(
      /^The user services an operator configured, for clients that filter the services of the licenses API\. Served as static JSON files; .* gets the instance at `\/api\/v1\/configs\/user_services\/\{instance_name\}\/`; the catalog page \(`\/`\) shows each entry with its instance URL\.$/,
    );
    expect(one.components.responses.NotFound.description).toBe('No user service has this instance name.');
    expect(examples(one, 'NotFound')).toEqual(['notFound: No service has this instance name -> not-found']);
    const bad = one.components.responses.BadRequest.content['application/json'].examples;
    expect(bad.invalidFilterValue.value.error.message).toMatch(/for_hg/);
  });

  it('name every kind that gives words, in order, and still validate', async () => {
    const doc: Doc = openApiDocument([userServices, gizmos(['for_a'])]);
    expect(doc.info.title).toBe('User Services and Gizmos API');
    const [purpose, join] = one.info.description.split(` ${SERVED} `);
    expect(purpose).toBe(
      'The user services an operator configured, for clients that filter the services of the licenses API.',
    );
    expect(doc.info.description).toBe(
      `${purpose} The gizmos of a test. ${SERVED} ${join} A gizmo is at \`/api/v1/configs/gizmos/{instance_name}/\`.`,
    );
    expect(doc.components.responses.NotFound.description).toBe('No user service or gizmo has this instance name.');
    // The examples stay on the first kind's URLs.
    expect(doc.components.responses).toEqual({
      ...one.components.responses,
      NotFound: { ...one.components.responses.NotFound, description: doc.components.responses.NotFound.description },
    });
    expect((await new Validator().validate(doc)).valid).toBe(true);
  });

  it('leave out a kind without words, and fall back to neutral ones when no kind gives any', () => {
    const doc: Doc = openApiDocument([userServices, gizmos(['for_a'], null)]);
    expect([doc.info, doc.components.responses]).toEqual([one.info, one.components.responses]);
    const bare: Doc = openApiDocument([gizmos(['for_a'], null)]);
    expect(bare.info.title).toBe('Configuration API');
    expect(bare.info.description).toBe(SERVED);
    expect(bare.components.responses.NotFound.description).toBe('No object has this instance name.');
    expect(examples(bare, 'NotFound')).toEqual(['notFound: No object has this instance name -> not-found']);
  });

  it("make the examples on the first kind's list, instance URL and first flag", () => {
    const doc: Doc = openApiDocument([gizmos(['for_a', 'for_b']), userServices]);
    expect(doc.info.title).toBe('Gizmos and User Services API');
    expect(doc.components.responses.NotFound.description).toBe('No gizmo or user service has this instance name.');
    expect(examples(doc, 'NotFound')).toEqual(['notFound: No gizmo has this instance name -> not-found']);
    const bad = doc.components.responses.BadRequest.content['application/json'].examples;
    expect(Object.keys(bad)).toEqual(['unknownFilter', 'invalidFilterValue', 'notAnObject', 'invalidPath']);
    expect(bad.unknownFilter.value.error.code).toBe('unknown-filter');
    expect(bad.unknownFilter.value.error.message).toMatch(/for_xx/);
    expect(bad.invalidFilterValue.value.error.code).toBe('invalid-filter-value');
    expect(bad.invalidFilterValue.value.error.message).toMatch(/for_a/);
    expect(examples(doc, 'MethodNotAllowed')).toEqual([
      'post: A method other than GET, HEAD or OPTIONS -> method-not-allowed',
    ]);
  });

  it('take a query key that is no flag of the kind, and give no query or body example to a kind without flags', () => {
    const taken: Doc = openApiDocument([gizmos(['for_xx', 'for_xxx'])]);
    const bad = taken.components.responses.BadRequest.content['application/json'].examples;
    expect(bad.unknownFilter.value.error.message).toMatch(/for_xxxx/);
    const flagless: Doc = openApiDocument([gizmos([])]);
    expect(Object.keys(flagless.components.responses.BadRequest.content['application/json'].examples)).toEqual([
      'invalidPath',
    ]);
  });

  it('have no examples when the document describes no kind', () => {
    const none: Doc = openApiDocument([]);
    expect(none.info.title).toBe('Configuration API');
    expect(examples(none, 'NotFound')).toEqual([]);
    expect(examples(none, 'BadRequest')).toEqual([]);
  });
});
