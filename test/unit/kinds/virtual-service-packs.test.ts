/**
 * A second kind of configuration object, whole, defined in this file alone:
 * APIO's virtual service packs (the four filters of user services, a
 * `reference_service`, and member `services` that must be user services of the
 * catalog). Its model, rules, emit steps and diff part are written here; every
 * shared part of the tool (the reader, the analysis with its cross-kind catalog
 * rule, the emit, serving, the hosts' files and the diff) takes it as given,
 * and the user services beside it are published as without it.
 */
import { describe, expect, it } from 'vitest';
import { readServices } from '../../../scripts/adapters/read-services.js';
import { analyze } from '../../../scripts/core/analysis/analyze.js';
import { diffSites } from '../../../scripts/core/diff/compare.js';
import { diffRenderers } from '../../../scripts/core/diff/render/index.js';
import { emitCatalog } from '../../../scripts/core/emit/index.js';
import type { EmitOptions } from '../../../scripts/core/emit/step.js';
import { hostingFiles } from '../../../scripts/core/hosting/index.js';
import type { ConfigKind } from '../../../scripts/core/kinds/kind.js';
import { userServices } from '../../../scripts/core/kinds/user-services/index.js';
import { filterPath, instancePath, listPath, type Site, utf8 } from '../../../scripts/core/model/site.js';
import { lifecycleOf } from '../../../scripts/core/serving/lifecycle.js';
import { servedLists } from '../../../scripts/core/serving/lists.js';
import { resolveRequest } from '../../../scripts/core/serving/request.js';
import { brief } from '../../helpers/core.js';
import { tempDir, writeTree } from '../../helpers/fs.js';
import { KIND, packs } from '../../helpers/virtual-service-packs.js';

const KINDS = [userServices, packs];
const SERVICES = {
  'call-waiting.yaml': 'technical_name: Call Waiting\nfor_hg: true\n',
  'dnd.yaml': 'technical_name: Do Not Disturb\nfor_hg: true\nfor_cc: true\n',
};
const PACK = 'name: Basic\nreference_service: Call Waiting\nservices: [Call Waiting, Do Not Disturb]\nfor_hg: true\n';
const OPTIONS: EmitOptions = { pretty: false, page: null };

/** The analysis of a services folder holding `files` (a path with `/` in a sub-folder), with `kinds`. */
async function analyzed(files: Record<string, string>, kinds: readonly ConfigKind[] = KINDS) {
  const dir = tempDir('user-services-packs-');
  writeTree(dir, files);
  return analyze(await readServices(dir, dir, kinds), kinds);
}

const text = (site: Site, path: string): string => new TextDecoder().decode(site.get(path));

describe('a kind of virtual service packs, defined in a test alone', () => {
  it('is read from its sub-folder and judged by its rules, members against the user services', async () => {
    const a = await analyzed({
      ...SERVICES,
      '_virtual_service_packs/basic.yaml': PACK,
      '_virtual_service_packs/broken.yaml': 'name: Broken\nreference_service: Call Waiting\nservices: [Call Park]\n',
      '_virtual_service_packs/nameless.yaml': 'reference_service: Call Waiting\n',
    });
    expect(brief(a.diagnostics)).toEqual([
      '_virtual_service_packs/broken.yaml:3:11 unknown-field',
      '_virtual_service_packs/nameless.yaml:1:1 missing-field',
    ]);
    expect(a.catalog.get(packs.name)).toEqual([
      {
        instance: 'basic',
        name: 'Basic',
        reference_service: 'Call Waiting',
        services: ['Call Waiting', 'Do Not Disturb'],
        for_hg: true,
        for_cc: false,
        for_ivr: false,
        for_enduser: false,
      },
    ]);
  });

  it("is published beside the user services, whose files stay a one-kind build's", async () => {
    const both = emitCatalog(
      (await analyzed({ ...SERVICES, '_virtual_service_packs/basic.yaml': PACK })).catalog,
      KINDS,
      OPTIONS,
    );
    const one = emitCatalog((await analyzed(SERVICES, [userServices])).catalog, [userServices], OPTIONS);
    expect(text(both, listPath(KIND))).toBe(
      '{"virtual_service_packs":[{"name":"Basic","reference_service":"Call Waiting"}]}\n',
    );
    expect(text(both, filterPath(KIND, ['for_cc']))).toBe('{"virtual_service_packs":[]}\n');
    expect(JSON.parse(text(both, instancePath(KIND, 'basic')))).toMatchObject({
      services: ['Call Waiting', 'Do Not Disturb'],
    });
    const doc = JSON.parse(text(both, 'api/v1/openapi.json')) as { paths: Record<string, unknown> };
    const documented = Object.keys(doc.paths).filter((url) => url.includes('/virtual_service_packs/'));
    expect([documented.length, documented[0], documented.at(-1)]).toEqual([
      17,
      '/api/v1/configs/virtual_service_packs/',
      '/api/v1/configs/virtual_service_packs/{instance_name}/',
    ]);
    expect(both.has('api/v1/schemas/virtual-service-packs.schema.json')).toBe(true);
    const changed = [...one].filter(([path, bytes]) => Buffer.compare(bytes, both.get(path) ?? new Uint8Array()) !== 0);
    // The shared files that list every file, serve every list or describe the whole API, and `_history/`'s
    // schema, which names every kind its entries may belong to.
    expect(changed.map(([path]) => path)).toEqual([
      '_headers',
      '_redirects',
      'api/v1/configs/user_services/_manifest/index.json',
      'api/v1/openapi.json',
      'api/v1/schemas/history.schema.json',
    ]);
  });

  it('is served with its own filters, from the query or the JSON body, and by every host', async () => {
    const site = emitCatalog(
      (await analyzed({ ...SERVICES, '_virtual_service_packs/basic.yaml': PACK })).catalog,
      KINDS,
      OPTIONS,
    );
    const lists = servedLists(KINDS);
    const get = (target: string, body = '') =>
      resolveRequest({ method: 'GET', target, body: utf8(body) }, site, lists, lifecycleOf(site, KINDS));
    const hg = { kind: 'file', path: filterPath(KIND, ['for_hg']), headers: [] };
    expect(get('/api/v1/configs/virtual_service_packs/?for_hg=true')).toEqual(hg);
    expect(get('/api/v1/configs/virtual_service_packs/', '{"for_hg": true}')).toEqual(hg);
    expect(get('/api/v1/configs/virtual_service_packs/basic/')).toEqual({
      kind: 'file',
      path: instancePath(KIND, 'basic'),
      headers: [],
    });
    // Every host's file made from the kinds serves the packs' list (the server files include them).
    const hosts = hostingFiles(KINDS, lifecycleOf(site, KINDS));
    const serving = [...hosts].filter(([path]) =>
      new TextDecoder().decode(hosts.get(path)).includes('virtual_service_packs'),
    );
    expect(serving.map(([path]) => path)).toEqual([
      'caddy/user-services.caddy',
      'cloudfront/viewer-request.js',
      'nginx/user-services.conf',
      's3/upload.sh',
    ]);
  });

  it('is compared by the diff with its own fields, under a key of its own in JSON', async () => {
    const site = async (pack: string) =>
      emitCatalog((await analyzed({ ...SERVICES, '_virtual_service_packs/basic.yaml': pack })).catalog, KINDS, OPTIONS);
    const diff = diffSites(await site(PACK), await site(PACK.replace('for_hg: true', 'for_cc: true')), KINDS);
    const out = JSON.parse(diffRenderers.json(diff, { base: 'main', head: 'services', color: false, kinds: KINDS }));
    expect(out.changes).toEqual([]);
    expect(out.kinds.virtual_service_packs.verdict).toBe('breaking');
    expect(
      out.kinds.virtual_service_packs.changes.map(
        (c: { instance: string; fields: { field: string; class: string }[] }) => [
          c.instance,
          c.fields.map((f) => `${f.field}: ${f.class}`),
        ],
      ),
    ).toEqual([['basic', ['for_hg: breaking', 'for_cc: additive']]]);
  });
});
