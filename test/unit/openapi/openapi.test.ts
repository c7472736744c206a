import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { USER_SERVICES_SCHEMA_FILES as SCHEMA_FILES } from '../../../scripts/core/kinds/user-services/openapi.js';
import type { Service } from '../../../scripts/core/model/service.js';
import type { Site } from '../../../scripts/core/model/site.js';
import { INSTANCE_NAME_SCHEMA, OPENAPI_PATH } from '../../../scripts/core/openapi/document.js';
import { errorBody, HTTP_ERROR_CODES, httpError } from '../../../scripts/core/serving/http-error.js';
import { analyzeTexts } from '../../helpers/core.js';
import { pageAssets } from '../../helpers/page.js';
import { SAMPLE_CATALOG } from '../../helpers/sample-catalog.js';
import { emitSite } from '../../helpers/user-services-kind.js';

const API = 'api/v1/configs/user_services';

/** The files that keep clients in sync, by URL, with their response schema (none: not JSON). */
const SYNC_URLS: Record<string, string | null> = {
  [`/${API}/_full/`]: 'FullList',
  [`/${API}/_index/`]: 'HashIndex',
  [`/${API}/_history/`]: 'History',
  [`/${API}.atom`]: null,
  [`/${API}/_deprecations/`]: 'Deprecations',
  [`/${API}/_renames/`]: 'Renames',
  [`/${API}/_manifest/`]: 'Manifest',
  [`/${API}/_manifest/signature.json`]: 'Signature',
};
/** Published by every build (the others need git or a signing key). */
const ALWAYS = [
  `/${API}/_full/`,
  `/${API}/_index/`,
  `/${API}/_deprecations/`,
  `/${API}/_renames/`,
  `/${API}/_manifest/`,
];
const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);
const parse = (bytes: Uint8Array | undefined) => JSON.parse(text(bytes));

// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document is walked as plain JSON
type Doc = any;

let services: readonly Service[];
let site: Site;
let doc: Doc;

beforeAll(() => {
  const analysis = analyzeTexts(SAMPLE_CATALOG);
  expect(analysis.diagnostics).toEqual([]);
  services = analysis.services;
  site = emitSite(services, { pretty: false, page: pageAssets() });
  doc = parse(site.get(OPENAPI_PATH));
});

/** The OpenAPI path item that describes a URL: a literal path first, then a template. */
function operationFor(url: string): Doc {
  const paths = doc.paths as Record<string, Doc>;
  if (paths[url] !== undefined) return paths[url].get;
  const match = Object.keys(paths).find((p) => {
    const pattern = p.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '([^/]+)');
    return new RegExp(`^${pattern}$`).test(url);
  });
  if (match === undefined) throw new Error(`no OpenAPI path describes ${url}`);
  return paths[match].get;
}

const schemaNameOf = (response: Doc): string => response.content['application/json'].schema.$ref.split('/').pop();

/** The URLs of the API files of a site: folder URLs, as clients request them. */
const apiUrls = (s: Site) =>
  [...s.keys()].filter((p) => p.startsWith(`${API}/`)).map((p) => `/${p.replace(/index\.json$/, '')}`);

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1 for a real validator', async () => {
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('is refused by the same validator once broken, so the check above can fail', async () => {
    const broken = structuredClone(doc);
    delete broken.paths[`/${API}/`].get.responses;
    broken.paths[`/${API}/{instance_name}/`].get.parameters[0].in = 'body';
    const result = await new Validator().validate(broken);
    expect(result.valid).toBe(false);
  });

  it('describes exactly the list, the 15 filter paths, the instance template and the files that keep clients in sync', () => {
    const literal = Object.keys(doc.paths).filter((p) => !p.includes('{') && !(p in SYNC_URLS));
    expect(literal).toHaveLength(16);
    expect(Object.keys(doc.paths).filter((p) => p in SYNC_URLS)).toEqual(Object.keys(SYNC_URLS));
    for (const url of literal) expect(site.has(`${url.slice(1)}index.json`)).toBe(true);
    expect(Object.keys(doc.paths).filter((p) => p.includes('{'))).toEqual([`/${API}/{instance_name}/`]);
    expect(Object.keys(doc.paths)).toContain(`/${API}/filters/for_hg/for_cc/for_ivr/for_enduser/`);
  });

  it('describes every URL of the API a catalog publishes, with the right response schema', () => {
    const urls = apiUrls(site);
    expect(urls).toHaveLength(1 + 15 + services.length + ALWAYS.length);
    for (const url of urls) {
      const schema = schemaNameOf(operationFor(url).responses['200']);
      const isInstance = url.split('/').length === 7 && !url.includes('/filters/') && !(url in SYNC_URLS);
      const expected = SYNC_URLS[url] ?? (isInstance ? 'UserService' : 'UserServiceList');
      expect([url, schema]).toEqual([url, expected]);
    }
  });

  it('documents the four query flags and the JSON body on the list, the 400 and the 404', () => {
    const list = operationFor(`/${API}/`);
    expect(list.parameters.map((p: Doc) => [p.name, p.in, p.schema.enum])).toEqual(
      ['for_hg', 'for_cc', 'for_ivr', 'for_enduser'].map((f) => [f, 'query', ['true', '1', 'false', '0']]),
    );
    expect(list.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/ListFilter');
    expect(list.responses['400'].$ref).toBe('#/components/responses/BadRequest');
    expect(operationFor(`/${API}/x/`).responses['404'].$ref).toBe('#/components/responses/NotFound');
    expect(schemaNameOf(doc.components.responses.NotFound)).toBe('Error');
    const ids = Object.values(doc.paths).map((item: Doc) => item.get.operationId);
    expect(new Set(ids).size).toBe(17 + Object.keys(SYNC_URLS).length);
    expect(ids).toContain('listUserServicesForHgAndCcAndIvrAndEnduser');
  });

  it('has the same bytes whatever the catalog, and indents only with --pretty', () => {
    const other = emitSite(analyzeTexts({ 'x.yaml': 'technical_name: X\n' }).services, {
      pretty: false,
      page: pageAssets(),
    });
    for (const path of [OPENAPI_PATH, ...Object.keys(SCHEMA_FILES)]) {
      expect(text(other.get(path))).toBe(text(site.get(path)));
      expect(text(site.get(path))).toMatch(/^\{"[^\n]*\}\n$/);
    }
    const pretty = emitSite(services, { pretty: true, page: pageAssets() });
    expect(text(pretty.get(OPENAPI_PATH))).toBe(`${JSON.stringify(doc, null, 2)}\n`);
  });

  it('takes field descriptions and limits from the service schema', () => {
    const instance = doc.components.schemas.UserService;
    expect(instance.required).toEqual([
      'technical_name',
      'display_name',
      'description',
      'no_more_assignable',
      'for_hg',
      'for_ivr',
      'for_cc',
      'for_enduser',
      'add_data',
    ]);
    expect(instance.properties.description).toEqual({
      title: 'Description',
      description: 'A description of the user service, at most 1024 characters. Defaults to the empty string.',
      type: 'string',
      maxLength: 1024,
    });
    expect(instance.properties.technical_name.$ref).toBe('#/components/schemas/Name');
    expect(doc.components.schemas.Name.maxLength).toBe(80);
  });
});

describe('the OpenAPI document for client generators', () => {
  // Made on first use: the document exists once beforeAll has run.
  let ajv: Ajv2020 | undefined;
  const schemaOf = (name: string) => {
    if (ajv === undefined) {
      ajv = new Ajv2020({ strict: false, allErrors: true });
      ajv.addSchema({ ...doc, $id: 'https://example.test/doc.json' });
    }
    return ajv.getSchema(`https://example.test/doc.json#/components/schemas/${name}`);
  };
  const operations = (): [string, Doc][] =>
    Object.entries(doc.paths).map(([url, item]: [string, Doc]) => [url, item.get]);
  const resolve = (response: Doc) =>
    response.$ref === undefined ? response : doc.components.responses[response.$ref.split('/').pop()];

  it('types add_data as an object of any keys with any values', () => {
    expect(doc.components.schemas.UserService.properties.add_data).toEqual({
      title: 'Additional data',
      description: 'A free JSON object for future use, published as written. Defaults to {}.',
      type: 'object',
      additionalProperties: true,
    });
  });

  it('documents the redirect of a previous instance name and the headers of a deprecated instance', () => {
    const op = operationFor(`/${API}/{instance_name}/`);
    expect(Object.keys(op.responses)).toEqual(['200', '308', '400', '404', '405']);
    expect(Object.keys(op.responses['308'].headers)).toEqual(['Location']);
    expect(Object.keys(op.responses['200'].headers)).toEqual(['Deprecation', 'Sunset', 'Link']);
    expect(new RegExp(op.responses['200'].headers.Deprecation.schema.pattern).test('@1740787200')).toBe(true);
  });

  it('documents on every operation the error responses the server gives, each with the error schema', () => {
    const errors = Object.fromEntries(
      operations().map(([url, op]) => [url, Object.keys(op.responses).filter((status) => status >= '400')]),
    );
    for (const [url, statuses] of Object.entries(errors)) {
      // The history, its feed and the signature are published by some builds only: a 404 is an answer.
      const optional = url in SYNC_URLS && !ALWAYS.includes(url);
      const expected =
        url === `/${API}/`
          ? ['400', '405']
          : url.includes('{')
            ? ['400', '404', '405']
            : optional
              ? ['404', '405']
              : ['405'];
      expect([url, statuses]).toEqual([url, expected]);
      for (const status of statuses) {
        expect(schemaNameOf(resolve(operationFor(url).responses[status]))).toBe('Error');
      }
    }
    expect(doc.components.responses.MethodNotAllowed.headers.Allow.schema.const).toBe('GET, HEAD, OPTIONS');
  });

  it('gives error examples that are what the request semantics answer, each valid against the error schema', () => {
    const examples = Object.entries(doc.components.responses).flatMap(([name, r]: [string, Doc]) =>
      Object.entries(r.content['application/json'].examples).map(([id, e]: [string, Doc]) => [name, id, e.value]),
    );
    expect(examples.map(([name, id, value]) => [name, id, value.error.status, value.error.code])).toEqual([
      ['NotFound', 'notFound', 404, 'not-found'],
      ['BadRequest', 'unknownFilter', 400, 'unknown-filter'],
      ['BadRequest', 'invalidFilterValue', 400, 'invalid-filter-value'],
      ['BadRequest', 'notAnObject', 400, 'not-an-object'],
      ['BadRequest', 'invalidPath', 400, 'invalid-path'],
      ['MethodNotAllowed', 'post', 405, 'method-not-allowed'],
    ]);
    expect(examples[0]?.[2]).toEqual(parse(errorBody(httpError('not-found', `nothing is published at /${API}/nope/`))));
    for (const [, id, value] of examples) expect([id, schemaOf('Error')?.(value)]).toEqual([id, true]);
  });

  it('gives an example for the path parameter and for each body, valid against its schema', () => {
    const instance = operationFor(`/${API}/{instance_name}/`);
    expect(instance.parameters[0].example).toBe('basic-call-logs');
    expect(new Ajv2020({ strict: true }).validate(INSTANCE_NAME_SCHEMA, instance.parameters[0].example)).toBe(true);
    for (const [url, op] of operations()) {
      if (SYNC_URLS[url] === null) continue;
      const media = op.responses['200'].content['application/json'];
      const name = media.schema.$ref.split('/').pop();
      expect([url, schemaOf(name)?.(media.example)]).toEqual([url, true]);
    }
    expect(instance.responses['200'].content['application/json'].example.technical_name).toBe('Basic Call Logs');
    const body = operationFor(`/${API}/`).requestBody.content['application/json'];
    expect([body.example, schemaOf('ListFilter')?.(body.example)]).toEqual([{ for_hg: true }, true]);
  });

  it('names its server relative to the document, so a site in a sub-folder works too', () => {
    expect(doc.servers.map((s: Doc) => s.url)).toEqual(['../..']);
    // The document is at /api/v1/openapi.json: two levels up is the site's root, wherever that is.
    expect(new URL(doc.servers[0].url, `https://x.test/project/${OPENAPI_PATH}`).href).toBe('https://x.test/project/');
    expect(doc.security).toEqual([]);
  });

  it('says how a list entry joins its instance, since the list carries no instance name', () => {
    expect(doc.info.description).toContain(
      'A list entry does not carry its instance name (the spec fixes its keys), so its instance URL cannot be derived from it',
    );
    expect(doc.info.description).toContain(`\`/${API}/{instance_name}/\``);
    expect(Object.keys(doc.components.schemas.UserServiceSummary.properties)).toEqual([
      'technical_name',
      'display_name',
      'description',
      'no_more_assignable',
    ]);
  });
});

describe('the response schemas', () => {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  const validatorOf = (name: string) => {
    const path = Object.entries(SCHEMA_FILES).find(([, n]) => n === name)?.[0] ?? '';
    return ajv.compile(parse(site.get(path)));
  };

  it('validate every response file of a catalog, standalone and from the OpenAPI document', () => {
    const components = new Ajv2020({ strict: false, allErrors: true });
    components.addSchema({ ...doc, $id: 'https://example.test/openapi.json' });
    let checked = 0;
    for (const url of apiUrls(site)) {
      const name = schemaNameOf(operationFor(url).responses['200']);
      const body = parse(site.get(`${url.slice(1)}index.json`));
      const standalone = validatorOf(name);
      expect([url, standalone(body), standalone.errors ?? null]).toEqual([url, true, null]);
      const fromDoc = components.getSchema(`https://example.test/openapi.json#/components/schemas/${name}`);
      expect([url, fromDoc?.(body)]).toEqual([url, true]);
      checked++;
    }
    expect(checked).toBe(1 + 15 + Object.keys(SAMPLE_CATALOG).length + ALWAYS.length);
  });

  it('validate every error body the server can send', () => {
    const validate = validatorOf('Error');
    for (const code of HTTP_ERROR_CODES) {
      expect([code, validate(parse(errorBody(httpError(code, `a message for ${code}`))))]).toEqual([code, true]);
    }
    expect(validate({ error: { status: 404, code: 'lost', message: 'x' } })).toBe(false);
  });

  it('refuse bodies that break the contract', () => {
    const instance = validatorOf('UserService');
    const good = parse(site.get(`${API}/voicemail/index.json`));
    expect(instance(good)).toBe(true);
    expect(instance({ ...good, extra: 1 })).toBe(false);
    expect(instance({ ...good, for_hg: 'true' })).toBe(false);
    const { add_data: _, ...missing } = good;
    expect(instance(missing)).toBe(false);
    expect(instance({ ...good, technical_name: ' padded' })).toBe(false);
    const list = validatorOf('UserServiceList');
    expect(list({ user_services: [{ ...good }] })).toBe(false);
    expect(list({ user_services: [] })).toBe(true);
    const filter = validatorOf('ListFilter');
    expect(filter({ for_hg: true, for_cc: false })).toBe(true);
    expect(filter({ for_hg: 1 })).toBe(false);
    expect(filter({ limit: 1 })).toBe(false);
  });

  it('describe instance names as the contract does', () => {
    const name = new Ajv2020({ strict: true }).compile(INSTANCE_NAME_SCHEMA);
    for (const s of services) expect([s.instance, name(s.instance)]).toEqual([s.instance, true]);
    for (const ok of [
      'a',
      'A.b',
      'x_1-2',
      'a'.repeat(100),
      'filters2',
      'filters.x',
      'indexes',
      'index-x',
      '0',
      'a-',
      'a_',
    ])
      expect([ok, name(ok)]).toEqual([ok, true]);
    for (const bad of [
      'filters',
      'INDEX',
      'Filters',
      'index.json',
      'INDEX.JSON',
      'index.json.gz',
      'Index.x',
      'a.',
      '.a',
      '-a',
      'a'.repeat(101),
      'a/b',
      'é',
      '',
      'a\n',
      1,
    ]) {
      expect([bad, name(bad)]).toEqual([bad, false]);
    }
  });
});
