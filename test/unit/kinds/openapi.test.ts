/**
 * The OpenAPI document is generic over kinds: a second kind, defined here only
 * (`widgets`, flags `for_hg` and `for_cc`, its own schemas and one schema
 * file), gives its list with exactly its flags as query parameters, its three
 * filter paths and its instance path, through the same `kindPaths` user
 * services use; the document of both validates, and leaves every user
 * services' path, schema and schema file as the one-kind document has them.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { emitCatalog } from '../../../scripts/core/emit/index.js';
import type { EmittedKind } from '../../../scripts/core/emit/kind.js';
import { userServices } from '../../../scripts/core/kinds/user-services/index.js';
import { USER_SERVICES_SCHEMA_FILES as SCHEMA_FILES } from '../../../scripts/core/kinds/user-services/openapi.js';
import {
  OPENAPI_PATH,
  openApiDocument,
  schemaFiles,
  standaloneSchemas,
} from '../../../scripts/core/openapi/document.js';
import type { DocumentedKind, OpenApiPart } from '../../../scripts/core/openapi/kind.js';
import { kindPaths } from '../../../scripts/core/openapi/kind-paths.js';
import { service } from '../../helpers/page.js';

interface Widget {
  readonly name: string;
  readonly for_hg: boolean;
  readonly for_cc: boolean;
}

const W = '/api/v1/configs/widgets';
const WIDGET_FILE = 'api/v1/schemas/widget.schema.json';

const widgetsOpenApi: OpenApiPart = {
  paths: (ref) =>
    kindPaths(
      { name: 'widgets', flags: ['for_hg', 'for_cc'] },
      {
        operations: 'Widgets',
        operation: 'Widget',
        plural: 'widgets',
        singular: 'widget',
        short: 'widgets',
        flagTitle: (f) => ({ for_hg: 'Hunt Groups', for_cc: 'Call Centers' })[f] ?? f,
        listDescription: 'The widgets, sorted by name.',
        list: { schema: 'WidgetList', example: { widgets: [{ name: 'w1', for_hg: true, for_cc: false }] } },
        filterBody: { schema: 'WidgetFilter', example: { for_cc: true }, description: 'The flags as a JSON body.' },
        instance: {
          schema: 'Widget',
          example: { name: 'w1', for_hg: true, for_cc: false },
          exampleName: 'w1',
          parameter: 'The widget file name without `.yaml`.',
          found: 'The widget.',
        },
      },
      ref,
    ),
  schemas: (ref) => ({
    Widget: {
      type: 'object',
      required: ['name', 'for_hg', 'for_cc'],
      additionalProperties: false,
      properties: { name: { type: 'string' }, for_hg: { type: 'boolean' }, for_cc: { type: 'boolean' } },
    },
    WidgetList: {
      type: 'object',
      required: ['widgets'],
      additionalProperties: false,
      properties: { widgets: { type: 'array', items: { $ref: ref('Widget') } } },
    },
    WidgetFilter: {
      type: 'object',
      additionalProperties: false,
      properties: { for_hg: { type: 'boolean' }, for_cc: { type: 'boolean' } },
    },
  }),
  schemaFiles: { [WIDGET_FILE]: 'WidgetList' },
};

const widgets: DocumentedKind = { name: 'widgets', flags: ['for_hg', 'for_cc'], openApi: widgetsOpenApi };

// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document is walked as plain JSON
type Doc = any;
const one: Doc = openApiDocument([userServices]);
const both: Doc = openApiDocument([userServices, widgets]);
const pick = (record: Record<string, unknown>, keys: readonly string[]) =>
  Object.fromEntries(keys.map((k) => [k, record[k]]));
const widgetPaths = () => Object.keys(both.paths).filter((p) => p.startsWith(`${W}/`));

describe('the OpenAPI document of two kinds', () => {
  it("holds the widgets' list, their three filter paths and their instance path, after user services' own", () => {
    expect(widgetPaths()).toEqual([
      `${W}/`,
      `${W}/filters/for_hg/`,
      `${W}/filters/for_cc/`,
      `${W}/filters/for_hg/for_cc/`,
      `${W}/{instance_name}/`,
    ]);
    const keys = Object.keys(both.paths);
    // The kinds' paths in the kinds' order, then the shared manifest and its signature.
    expect(keys.slice(0, Object.keys(one.paths).length - 2)).toEqual(Object.keys(one.paths).slice(0, -2));
    expect(keys.slice(-2)).toEqual([
      '/api/v1/configs/user_services/_manifest/',
      '/api/v1/configs/user_services/_manifest/signature.json',
    ]);
  });

  it('gives the widgets list exactly their flags as query parameters, and their own operation ids and schemas', () => {
    const list = both.paths[`${W}/`].get;
    expect(list.operationId).toBe('listWidgets');
    expect(list.parameters.map((p: Doc) => [p.name, p.in, p.schema.enum])).toEqual([
      ['for_hg', 'query', ['true', '1', 'false', '0']],
      ['for_cc', 'query', ['true', '1', 'false', '0']],
    ]);
    expect(list.parameters[1].description).toMatch(/^`true` or `1` keeps only the widgets available for Call Centers;/);
    expect(list.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/WidgetFilter');
    expect(list.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/WidgetList');
    expect(widgetPaths().map((p) => both.paths[p].get.operationId)).toEqual([
      'listWidgets',
      'listWidgetsForHg',
      'listWidgetsForCc',
      'listWidgetsForHgAndCc',
      'getWidget',
    ]);
    expect(both.paths[`${W}/filters/for_hg/for_cc/`].get.summary).toBe(
      'List the widgets available for Hunt Groups and Call Centers',
    );
    const instance = both.paths[`${W}/{instance_name}/`].get;
    // No life cycle: no headers, no redirect.
    expect(Object.keys(instance.responses)).toEqual(['200', '400', '404', '405']);
    expect(Object.keys(instance.responses['200'])).toEqual(['description', 'content']);
  });

  it('validates as OpenAPI 3.1, and the widgets example validates against their schema', async () => {
    const result = await new Validator().validate(both);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    const ajv = new Ajv2020({ strict: false });
    ajv.addSchema({ ...both, $id: 'https://example.test/doc.json' });
    const list = ajv.getSchema('https://example.test/doc.json#/components/schemas/WidgetList');
    expect(list?.(both.paths[`${W}/`].get.responses['200'].content['application/json'].example)).toBe(true);
    expect(list?.({ widgets: [{ name: 'w', for_hg: 1, for_cc: false }] })).toBe(false);
  });

  it("leaves user services' paths, schemas and error responses as the one-kind document has them", () => {
    expect(pick(both.paths, Object.keys(one.paths))).toEqual(one.paths);
    const schemas = Object.keys(both.components.schemas);
    expect(schemas).toEqual([...Object.keys(one.components.schemas), 'Widget', 'WidgetList', 'WidgetFilter']);
    const { History: h2, ...rest2 } = both.components.schemas;
    const { History: h1, ...rest1 } = one.components.schemas;
    expect(pick(rest2, Object.keys(rest1))).toEqual(rest1);
    // The history lists every kind's changes: only its entries name the kind.
    expect(h2.properties.changes.items.properties.config_kind.enum).toEqual(['user_services', 'widgets']);
    expect(h1.properties.changes.items.properties.config_kind).toBeUndefined();
    expect(h2.properties.changes.items.required).toEqual(h1.properties.changes.items.required);
    expect(both.components.responses).toEqual(one.components.responses);
    expect(both.info).toEqual(one.info);
  });

  it("publishes the widgets' schema file beside every user services' one, which keep their order and bytes", () => {
    expect(Object.keys(schemaFiles([userServices]))).toEqual(Object.keys(SCHEMA_FILES));
    expect(Object.keys(schemaFiles([userServices, widgets]))).toEqual([...Object.keys(SCHEMA_FILES), WIDGET_FILE]);
    const files = new Map(standaloneSchemas([userServices, widgets]));
    expect(files.get(WIDGET_FILE)).toEqual({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      ...widgetsOpenApi.schemas((n) => `#/$defs/${n}`, []).WidgetList,
      $defs: { Widget: widgetsOpenApi.schemas((n) => `#/$defs/${n}`, []).Widget },
    });
    const alone = new Map(standaloneSchemas([userServices]));
    for (const [path, schema] of alone) {
      if (!path.endsWith('/history.schema.json')) expect([path, files.get(path)]).toEqual([path, schema]);
    }
  });

  it('refuses two kinds that give one schema name, naming it', () => {
    const clash: DocumentedKind = { ...widgets, name: 'gadgets', openApi: { ...widgetsOpenApi } };
    expect(() => openApiDocument([userServices, widgets, clash])).toThrow(
      new Error('two kinds give the response schema "Widget"'),
    );
  });

  it('is what the emit publishes for the kinds it is given; a kind without an OpenAPI part is not described', () => {
    const emitted: EmittedKind<Widget> = { ...widgets, emitSteps: [], apiSteps: [] };
    const catalog = new Map<string, readonly object[]>([
      ['user_services', [service({ instance: 'a', technical_name: 'A' })]],
    ]);
    const options = { pretty: false, page: null };
    const site = emitCatalog(catalog, [userServices, emitted], options);
    expect(JSON.parse(new TextDecoder().decode(site.get(OPENAPI_PATH)))).toEqual(both);
    expect(site.has(WIDGET_FILE)).toBe(true);
    // A kind without an OpenAPI part (another area's test kind) is not described at all.
    const bare: EmittedKind<Widget> = { name: 'widgets', flags: ['for_hg', 'for_cc'], emitSteps: [], apiSteps: [] };
    const plain = emitCatalog(catalog, [userServices, bare], options);
    const plainDoc = JSON.parse(new TextDecoder().decode(plain.get(OPENAPI_PATH)));
    expect(plainDoc).toEqual(one);
  });
});
