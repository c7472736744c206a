/**
 * APIO's virtual service packs as a kind of configuration object, defined for
 * tests alone (`test/unit/kinds/virtual-service-packs.test.ts`): the four
 * filters of user services, a `reference_service`, and member `services` that
 * must be user services of the catalog. Its model, rules (borrowing existing
 * codes), emit steps, diff part and OpenAPI part are all here: no shared
 * module of the tool knows it.
 */
import { error } from '../../scripts/core/diagnostics/diagnostic.js';
import { always, flagTransition } from '../../scripts/core/diff/classify.js';
import type { KindStep } from '../../scripts/core/emit/step.js';
import type { ConfigKind } from '../../scripts/core/kinds/kind.js';
import { userServices } from '../../scripts/core/kinds/user-services/index.js';
import { type Json, toJson } from '../../scripts/core/model/json.js';
import { FLAGS } from '../../scripts/core/model/service.js';
import { filterPath, filterSets, instancePath, listPath, utf8 } from '../../scripts/core/model/site.js';
import { kindPaths } from '../../scripts/core/openapi/kind-paths.js';
import { entryOf, type Node } from '../../scripts/core/reading/tree.js';
import type { Check, ParsedFile, Rule } from '../../scripts/core/rules/rule.js';

/** A valid pack, as published. */
export interface Pack {
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

/** The packs' identity: their URLs' segment and list key, and the user services' four flags. */
export const KIND = { name: 'virtual_service_packs', flags: FLAGS };
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

/** The packs kind, whole. */
export const packs: ConfigKind<Pack> = {
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
  openApi: {
    paths: (ref) =>
      kindPaths(
        KIND,
        {
          operations: 'VirtualServicePacks',
          operation: 'VirtualServicePack',
          plural: 'virtual service packs',
          singular: 'virtual service pack',
          short: 'packs',
          flagTitle: (f) => f,
          listDescription: 'The packs, sorted by name.',
          list: { schema: 'PackList', example: { virtual_service_packs: [] } },
          filterBody: { schema: 'PackFilter', example: { for_hg: true }, description: 'The flags as a JSON body.' },
          instance: { schema: 'Pack', example: {}, exampleName: 'basic', parameter: 'The pack.', found: 'The pack.' },
        },
        ref,
      ),
    schemas: (ref) => ({
      Pack: { type: 'object' },
      PackList: {
        type: 'object',
        properties: { virtual_service_packs: { type: 'array', items: { $ref: ref('Pack') } } },
      },
      PackFilter: { type: 'object' },
    }),
    schemaFiles: { 'api/v1/schemas/virtual-service-packs.schema.json': 'PackList' },
  },
};
