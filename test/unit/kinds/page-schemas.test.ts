/**
 * The catalog page (user services' step) links the standalone schema files of
 * every kind the site publishes (`schemaFiles` of the site's kinds): a kind
 * defined here alone (`gizmos`, with one schema file) is linked after user
 * services' own, which keep their order; a kind without an OpenAPI part adds
 * no link, and user services alone link as before.
 */
import { describe, expect, it } from 'vitest';
import { emitCatalog } from '../../../scripts/core/emit/index.js';
import type { EmittedKind } from '../../../scripts/core/emit/kind.js';
import { userServices } from '../../../scripts/core/kinds/user-services/index.js';
import { USER_SERVICES_SCHEMA_FILES } from '../../../scripts/core/kinds/user-services/openapi.js';
import type { OpenApiPart } from '../../../scripts/core/openapi/kind.js';
import { pageAssets, service } from '../../helpers/page.js';

const GIZMO_FILE = 'api/v1/schemas/gizmo-list.schema.json';
const gizmosOpenApi: OpenApiPart = {
  paths: () => ({}),
  schemas: () => ({ GizmoList: { type: 'object' } }),
  schemaFiles: { [GIZMO_FILE]: 'GizmoList' },
};
const bare: EmittedKind = { name: 'gizmos', flags: [], emitSteps: [], apiSteps: [] };
const gizmos: EmittedKind & { openApi: OpenApiPart } = { ...bare, openApi: gizmosOpenApi };

const catalog = new Map<string, readonly object[]>([
  ['user_services', [service({ instance: 'a', technical_name: 'A' })]],
  ['gizmos', []],
]);

/** The schema links of the page of a site of `kinds`: each link's path and text. */
function schemaLinks(kinds: readonly EmittedKind[]): string[] {
  const site = emitCatalog(catalog, kinds, { pretty: false, page: pageAssets() });
  const html = new TextDecoder().decode(site.get('index.html'));
  const sentence = /and the JSON Schemas of the (.*?)\.<\/p>/s.exec(html)?.[1] ?? '';
  return [...sentence.matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)].map((m) => `${m[1]} ${m[2]}`);
}

describe("the catalog page's schema links", () => {
  const alone = schemaLinks([userServices]);

  it("are user services' and the shared ones with user services alone, in their order", () => {
    expect(alone.map((l) => l.split(' ')[0])).toEqual(Object.keys(USER_SERVICES_SCHEMA_FILES));
    expect(alone.slice(0, 3)).toEqual([
      'api/v1/schemas/user-service-list.schema.json list',
      'api/v1/schemas/user-service.schema.json instance',
      'api/v1/schemas/error.schema.json error body',
    ]);
  });

  it("add each other kind's schema files after them, named by their schema", () => {
    expect(schemaLinks([userServices, gizmos])).toEqual([...alone, `${GIZMO_FILE} GizmoList`]);
  });

  it('add none for a kind without an OpenAPI part', () => {
    expect(schemaLinks([userServices, bare])).toEqual(alone);
  });
});
