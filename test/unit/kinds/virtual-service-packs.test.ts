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
import { error } from '../../../scripts/core/diagnostics/diagnostic.js';
import { always, flagTransition } from '../../../scripts/core/diff/classify.js';
import { diffSites } from '../../../scripts/core/diff/compare.js';
import { diffRenderers } from '../../../scripts/core/diff/render/index.js';
import { emitCatalog } from '../../../scripts/core/emit/index.js';
import type { EmitOptions, KindStep } from '../../../scripts/core/emit/step.js';
import { hostingFiles } from '../../../scripts/core/hosting/index.js';
import type { ConfigKind } from '../../../scripts/core/kinds/kind.js';
import { userServices } from '../../../scripts/core/kinds/user-services/index.js';
import { type Json, toJson } from '../../../scripts/core/model/json.js';
import { FLAGS } from '../../../scripts/core/model/service.js';
import { filterPath, filterSets, instancePath, listPath, type Site, utf8 } from '../../../scripts/core/model/site.js';
import { entryOf, type Node } from '../../../scripts/core/reading/tree.js';
import type { Check, ParsedFile, Rule } from '../../../scripts/core/rules/rule.js';
import { lifecycleOf } from '../../../scripts/core/serving/lifecycle.js';
import { servedLists } from '../../../scripts/core/serving/lists.js';
import { resolveRequest } from '../../../scripts/core/serving/request.js';
import { brief } from '../../helpers/core.js';
import { tempDir, writeTree } from '../../helpers/fs.js';

/** A valid pack, as published. */
interface Pack {
  readonly instance: string;
  readonly name: string;
  readonly reference_service: string;
  readonly services: readonly string[];
  readonly for_hg: boolean;
  readonly for_cc: boolean;
  readonly for_ivr: boolean;
  readonly for_enduser: boolean;
}

const valueAt = (root: Node | null, field: string): Json | undefined => {
  const entry = root === null ? undefined : entryOf(root, field);
  return entry === undefined ? undefined : toJson(entry.value);
};
const startOf = (root: Node | null, field: string): number => (root && entryOf(root, field)?.value.start) ?? 0;

/** A pack names itself and its reference service (borrowing the code `missing-field`). */
const checkFields: Check = ({ files }) =>
  files.flatMap((f) =>
    ['name', 'reference_service']
      .filter((field) => f.root !== null && typeof valueAt(f.root, field) !== 'string')
      .map((field) => error('missing-field', f.locate(0), { field })),
  );
const packFields: Rule = {
  meta: { id: 'pack-fields', scope: 'file', codes: ['missing-field'], docs: 'A pack has a name and a reference.' },
  check: checkFields,
};

/** Its reference service and members are user services of the catalog (borrowing `unknown-field`). */
const checkMembers: Check = ({ files, byKind }) => {
  const services = byKind?.get(userServices.name) ?? [];
  const known = new Set(services.map((f: ParsedFile) => valueAt(f.root, 'technical_name')));
  return files.flatMap((f) => {
    const named = [valueAt(f.root, 'reference_service'), ...((valueAt(f.root, 'services') as Json[]) ?? [])];
    return named
      .filter((name) => typeof name === 'string' && !known.has(name))
      .map((name) =>
        error('unknown-field', f.locate(startOf(f.root, 'services')), { field: String(name), suggestion: null }),
      );
  });
};
const packMembers: Rule = {
  meta: {
    id: 'pack-members',
    scope: 'catalog',
    codes: ['unknown-field'],
    reads: ['reference_service', 'services'],
    docs: 'Members are user services.',
  },
  check: checkMembers,
};

const KIND = { name: 'virtual_service_packs', flags: FLAGS };
const json = (value: unknown): Uint8Array => utf8(`${JSON.stringify(value)}\n`);
const entryOfPack = (p: Pack) => ({ name: p.name, reference_service: p.reference_service });

/** The list, its filtered lists and the instances, as user services publish theirs. */
const emitPacks: KindStep<Pack> = ({ objects }) => [
  [listPath(KIND), json({ virtual_service_packs: objects.map(entryOfPack) })],
  ...filterSets(KIND).map((set): [string, Uint8Array] => [
    filterPath(KIND, set),
    json({ virtual_service_packs: objects.filter((p) => set.every((f) => p[f as keyof Pack])).map(entryOfPack) }),
  ]),
  ...objects.map(({ instance, ...fields }): [string, Uint8Array] => [instancePath(KIND, instance), json(fields)]),
];

const packs: ConfigKind<Pack> = {
  ...KIND,
  folder: '_virtual_service_packs',
  fileRules: [packFields],
  catalogRules: [packMembers],
  toValue: (instance, root) => {
    const flag = (f: string) => valueAt(root, f) === true;
    return {
      instance,
      name: valueAt(root, 'name') as string,
      reference_service: valueAt(root, 'reference_service') as string,
      services: ((valueAt(root, 'services') as string[] | undefined) ?? []).map(String),
      for_hg: flag('for_hg'),
      for_cc: flag('for_cc'),
      for_ivr: flag('for_ivr'),
      for_enduser: flag('for_enduser'),
    };
  },
  order: (values) => [...values].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  encodeValue: (p) => p,
  decodeValue: (raw) => raw as Pack,
  emitSteps: [emitPacks],
  apiSteps: [emitPacks],
  diff: {
    fields: {
      name: always('breaking'),
      reference_service: always('breaking'),
      services: always('breaking'),
      for_hg: flagTransition,
      for_cc: flagTransition,
      for_ivr: flagTransition,
      for_enduser: flagTransition,
    },
    key: 'name',
    removalAnnouncedBy: null,
    lifecycle: null,
    noun: 'pack',
  },
};

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
    const changed = [...one].filter(([path, bytes]) => Buffer.compare(bytes, both.get(path) ?? new Uint8Array()) !== 0);
    expect(changed.map(([path]) => path)).toEqual([
      '_headers',
      '_redirects',
      'api/v1/configs/user_services/_manifest/index.json',
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
