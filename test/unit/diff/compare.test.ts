import { describe, expect, it } from 'vitest';
import { diffSites } from '../../../scripts/core/diff/compare.js';
import { countByClass, type InstanceChange, type OldUrl, verdictOf } from '../../../scripts/core/diff/types.js';
import { userServices } from '../../../scripts/core/kinds/user-services/index.js';
import type { Json } from '../../../scripts/core/model/json.js';
import { utf8 } from '../../../scripts/core/model/site.js';
import { analyzeTexts } from '../../helpers/core.js';
import { pageAssets } from '../../helpers/page.js';
import { emitSite } from '../../helpers/user-services-kind.js';

const LIST = '/api/v1/configs/user_services/';
const F = (flags: string) => `${LIST}filters/${flags}/`;

function siteOf(files: Record<string, string>) {
  const { services, diagnostics } = analyzeTexts(files);
  expect(diagnostics).toEqual([]);
  return emitSite(services, { pretty: false, page: pageAssets() });
}

const diffOf = (base: Record<string, string>, head: Record<string, string>) =>
  diffSites(siteOf(base), siteOf(head), [userServices]);

const gone = (instance: string): InstanceChange['oldUrl'] => ({
  url: `${LIST}${instance}/`,
  status: 404,
  location: null,
});

const change = (c: Partial<InstanceChange> & Pick<InstanceChange, 'kind' | 'instance' | 'class'>): InstanceChange => ({
  renamedFrom: null,
  technicalName: 'X',
  url: `${LIST}${c.instance}/`,
  oldUrl: c.kind === 'removed' || c.kind === 'renamed' ? gone(c.renamedFrom ?? c.instance) : null,
  formerNames: [],
  fields: [],
  enters: [],
  leaves: [],
  ...c,
});

/** Every field of a new service X, as the diff lists them. */
const newX = (flags: Partial<Record<string, boolean>>, more: [string, Json][] = []) =>
  [
    ['technical_name', 'X'],
    ['display_name', 'X'],
    ['description', ''],
    ['no_more_assignable', flags.no_more_assignable ?? false],
    ['for_hg', flags.for_hg ?? false],
    ['for_ivr', flags.for_ivr ?? false],
    ['for_cc', flags.for_cc ?? false],
    ['for_enduser', flags.for_enduser ?? false],
    ['add_data', new Map()],
    ...more,
  ].map(([field, after]) => ({
    field: field as string,
    class: 'additive' as const,
    before: null,
    after: after as Json,
  }));

const DEPRECATED = 'technical_name: X\nno_more_assignable: true\n';
const deprecation = (since: string, sunset: Json = null, replacedBy: string | null = null): Json =>
  new Map<string, Json>([
    ['since', since],
    ['reason', null],
    ['note', null],
    [
      'replaced_by',
      replacedBy === null
        ? null
        : new Map([
            ['instance_name', replacedBy],
            ['url', `../${replacedBy}/`],
          ]),
    ],
    ['sunset', sunset],
  ]);

const unchanged = { 'other.yaml': 'technical_name: Other\nfor_hg: true\n' };

describe('diffSites', () => {
  it('finds nothing between two builds of the same catalog', () => {
    const files = { ...unchanged, 'x.yaml': 'technical_name: X\nadd_data: {b: 1, "2": 2}\n' };
    expect(diffOf(files, files)).toEqual({ changes: [], otherFiles: [] });
  });

  it.each<[string, Record<string, string>, Record<string, string>, InstanceChange]>([
    [
      'a removal of an assignable service is breaking',
      { 'x.yaml': 'technical_name: X\nfor_hg: true\n' },
      {},
      change({ kind: 'removed', instance: 'x', class: 'breaking', leaves: [LIST, F('for_hg')] }),
    ],
    [
      'a removal of a service marked no_more_assignable is a planned removal',
      { 'x.yaml': 'technical_name: X\nno_more_assignable: true\nfor_ivr: true\n' },
      {},
      change({ kind: 'removed', instance: 'x', class: 'planned-removal', leaves: [LIST, F('for_ivr')] }),
    ],
    [
      'a new service is additive and enters its lists',
      {},
      { 'x.yaml': 'technical_name: X\nfor_cc: true\nfor_ivr: true\n' },
      change({
        kind: 'added',
        instance: 'x',
        class: 'additive',
        fields: newX({ for_cc: true, for_ivr: true }),
        enters: [LIST, F('for_cc'), F('for_cc/for_ivr'), F('for_ivr')],
      }),
    ],
    [
      'a new service shows its deprecation and previous names too',
      {},
      { 'x.yaml': `${DEPRECATED}deprecation: {since: 2025-03-01, sunset: 2025-12-31}\nprevious_names: [x-old]\n` },
      change({
        kind: 'added',
        instance: 'x',
        class: 'additive',
        fields: newX({ no_more_assignable: true }, [
          ['deprecation', deprecation('2025-03-01', '2025-12-31')],
          ['previous_names', ['x-old']],
        ]),
        enters: [LIST],
      }),
    ],
    [
      'a rename that keeps the old name among previous_names is additive: the old URL redirects',
      { 'x.yaml': 'technical_name: X\nfor_hg: true\n' },
      { 'y.yaml': 'technical_name: X\nfor_hg: true\nprevious_names: [x]\n' },
      change({
        kind: 'renamed',
        instance: 'y',
        renamedFrom: 'x',
        class: 'additive',
        oldUrl: { url: `${LIST}x/`, status: 308, location: `${LIST}y/` },
        fields: [{ field: 'previous_names', class: 'additive', before: [], after: ['x'] }],
      }),
    ],
    [
      'a previous name dropped is breaking: its URL answers 404 again',
      { 'x.yaml': 'technical_name: X\nprevious_names: [a, b]\n' },
      { 'x.yaml': 'technical_name: X\nprevious_names: [b, c]\n' },
      change({
        kind: 'changed',
        instance: 'x',
        class: 'breaking',
        fields: [{ field: 'previous_names', class: 'breaking', before: ['a', 'b'], after: ['b', 'c'] }],
        formerNames: [gone('a') as OldUrl],
      }),
    ],
    [
      'a removed service names the URL of each of its previous names, 404 now',
      { 'x.yaml': 'technical_name: X\nprevious_names: [a, b]\n' },
      {},
      change({
        kind: 'removed',
        instance: 'x',
        class: 'breaking',
        formerNames: [gone('a') as OldUrl, gone('b') as OldUrl],
        leaves: [LIST],
      }),
    ],
    [
      'a deprecation with dates and a successor is a deprecation, shown with them',
      { 'x.yaml': 'technical_name: X\n', 'n.yaml': 'technical_name: N\n' },
      { 'x.yaml': `${DEPRECATED}deprecation: {since: 2025-03-01, replaced_by: n}\n`, 'n.yaml': 'technical_name: N\n' },
      change({
        kind: 'changed',
        instance: 'x',
        class: 'deprecation',
        fields: [
          { field: 'no_more_assignable', class: 'deprecation', before: false, after: true },
          { field: 'deprecation', class: 'deprecation', before: null, after: deprecation('2025-03-01', null, 'n') },
        ],
      }),
    ],
    [
      'a sunset moved is a deprecation, though the instance document did not change',
      { 'x.yaml': `${DEPRECATED}deprecation: {since: 2025-03-01, sunset: 2025-12-31}\n` },
      { 'x.yaml': `${DEPRECATED}deprecation: {since: 2025-03-01, sunset: 2026-06-30}\n` },
      change({
        kind: 'changed',
        instance: 'x',
        class: 'deprecation',
        fields: [
          {
            field: 'deprecation',
            class: 'deprecation',
            before: deprecation('2025-03-01', '2025-12-31'),
            after: deprecation('2025-03-01', '2026-06-30'),
          },
        ],
      }),
    ],
    [
      'a deprecation withdrawn from a service still no more assignable is an undeprecation',
      { 'x.yaml': `${DEPRECATED}deprecation: {since: 2025-03-01}\n` },
      { 'x.yaml': DEPRECATED },
      change({
        kind: 'changed',
        instance: 'x',
        class: 'undeprecation',
        fields: [{ field: 'deprecation', class: 'undeprecation', before: deprecation('2025-03-01'), after: null }],
      }),
    ],
    [
      'a new instance name for the same technical name is a breaking rename',
      { 'x.yaml': 'technical_name: X\nfor_hg: true\n' },
      { 'y.yaml': 'technical_name: X\nfor_hg: true\n' },
      change({ kind: 'renamed', instance: 'y', renamedFrom: 'x', class: 'breaking' }),
    ],
    [
      'a rename that changes only the case of the instance name is a rename',
      { 'Voicemail.yaml': 'technical_name: X\n' },
      { 'voicemail.yaml': 'technical_name: X\n' },
      change({ kind: 'renamed', instance: 'voicemail', renamedFrom: 'Voicemail', class: 'breaking' }),
    ],
    [
      'a rename is matched ignoring the case of the technical name, which changes too',
      { 'x.yaml': 'technical_name: X\ndisplay_name: D\n' },
      { 'y.yaml': 'technical_name: x\ndisplay_name: D\n' },
      change({
        kind: 'renamed',
        instance: 'y',
        renamedFrom: 'x',
        technicalName: 'x',
        class: 'breaking',
        fields: [{ field: 'technical_name', class: 'breaking', before: 'X', after: 'x' }],
      }),
    ],
    [
      'a new technical name is breaking (and the display name that defaults to it changes too)',
      { 'x.yaml': 'technical_name: X\n' },
      { 'x.yaml': 'technical_name: X2\n' },
      change({
        kind: 'changed',
        instance: 'x',
        technicalName: 'X2',
        class: 'breaking',
        fields: [
          { field: 'technical_name', class: 'breaking', before: 'X', after: 'X2' },
          { field: 'display_name', class: 'cosmetic', before: 'X', after: 'X2' },
        ],
      }),
    ],
    [
      'a flag turned off is breaking: the service leaves every list that needs the flag',
      { 'x.yaml': 'technical_name: X\nfor_hg: true\nfor_enduser: true\n' },
      { 'x.yaml': 'technical_name: X\nfor_enduser: true\n' },
      change({
        kind: 'changed',
        instance: 'x',
        class: 'breaking',
        fields: [{ field: 'for_hg', class: 'breaking', before: true, after: false }],
        leaves: [F('for_hg'), F('for_hg/for_enduser')],
      }),
    ],
    [
      'a flag turned on is additive',
      { 'x.yaml': 'technical_name: X\nfor_cc: true\n' },
      { 'x.yaml': 'technical_name: X\nfor_cc: true\nfor_enduser: true\n' },
      change({
        kind: 'changed',
        instance: 'x',
        class: 'additive',
        fields: [{ field: 'for_enduser', class: 'additive', before: false, after: true }],
        enters: [F('for_cc/for_enduser'), F('for_enduser')],
      }),
    ],
    [
      'no_more_assignable turned on is a deprecation',
      { 'x.yaml': 'technical_name: X\n' },
      { 'x.yaml': 'technical_name: X\nno_more_assignable: true\n' },
      change({
        kind: 'changed',
        instance: 'x',
        class: 'deprecation',
        fields: [{ field: 'no_more_assignable', class: 'deprecation', before: false, after: true }],
      }),
    ],
    [
      'no_more_assignable turned off is an undeprecation',
      { 'x.yaml': 'technical_name: X\nno_more_assignable: true\n' },
      { 'x.yaml': 'technical_name: X\n' },
      change({
        kind: 'changed',
        instance: 'x',
        class: 'undeprecation',
        fields: [{ field: 'no_more_assignable', class: 'undeprecation', before: true, after: false }],
      }),
    ],
    [
      'display name, description and add_data are cosmetic',
      { 'x.yaml': 'technical_name: X\n' },
      { 'x.yaml': 'technical_name: X\ndisplay_name: Ex\ndescription: Words\nadd_data: {a: [1]}\n' },
      change({
        kind: 'changed',
        instance: 'x',
        class: 'cosmetic',
        fields: [
          { field: 'display_name', class: 'cosmetic', before: 'X', after: 'Ex' },
          { field: 'description', class: 'cosmetic', before: '', after: 'Words' },
          { field: 'add_data', class: 'cosmetic', before: new Map(), after: new Map([['a', [1]]]) },
        ],
      }),
    ],
    [
      'a new key order in add_data is seen, integer-like keys included',
      { 'x.yaml': 'technical_name: X\nadd_data: {b: 1, "2": 2}\n' },
      { 'x.yaml': 'technical_name: X\nadd_data: {"2": 2, b: 1}\n' },
      change({
        kind: 'changed',
        instance: 'x',
        class: 'cosmetic',
        fields: [
          {
            field: 'add_data',
            class: 'cosmetic',
            before: new Map([
              ['b', 1],
              ['2', 2],
            ]),
            after: new Map([
              ['2', 2],
              ['b', 1],
            ]),
          },
        ],
      }),
    ],
  ])('%s', (_, base, head, expected) => {
    // Files outside the API (the catalog page, host files) follow the services; other tests cover them.
    expect(diffOf({ ...unchanged, ...base }, { ...unchanged, ...head }).changes).toEqual([expected]);
  });

  it('names where a previous name taken by another service redirects now; one that became a service is left out', () => {
    const diff = diffOf(
      { 'x.yaml': 'technical_name: X\nprevious_names: [a, b]\n', 'y.yaml': 'technical_name: Y\n' },
      {
        'x.yaml': 'technical_name: X\n',
        'y.yaml': 'technical_name: Y\nprevious_names: [a]\n',
        'b.yaml': 'technical_name: B\n',
      },
    );
    expect(diff.changes.map((c) => [c.instance, c.kind, c.formerNames])).toEqual([
      ['x', 'changed', [{ url: `${LIST}a/`, status: 308, location: `${LIST}y/` }]],
      ['b', 'added', []],
      ['y', 'changed', []],
    ]);
  });

  it('gives an instance the class of its most disruptive change, fields in document order, sorted by class, then instance', () => {
    const diff = diffOf(
      {
        'a.yaml': 'technical_name: A\n',
        'b.yaml': 'technical_name: B\nfor_hg: true\n',
        'c.yaml': 'technical_name: C\n',
      },
      {
        'a.yaml': 'technical_name: A\ndescription: new\n',
        'b.yaml': 'technical_name: B\ndescription: new\nno_more_assignable: true\n',
        'c.yaml': 'technical_name: C\nfor_cc: true\n',
        'd.yaml': 'technical_name: D\n',
      },
    );
    expect(diff.changes.map((c) => `${c.class} ${c.instance} ${c.fields.map((f) => f.class).join(',')}`)).toEqual([
      'breaking b cosmetic,deprecation,breaking',
      'additive c additive',
      'additive d additive,additive,additive,additive,additive,additive,additive,additive,additive',
      'cosmetic a cosmetic',
    ]);
    expect(verdictOf(diff)).toBe('breaking');
    expect(countByClass(diff)).toEqual({
      breaking: 1,
      'planned-removal': 0,
      deprecation: 0,
      undeprecation: 0,
      additive: 2,
      cosmetic: 1,
    });
  });

  it('keeps a removal whose URL now redirects to another service a removal: clients lose the service', () => {
    const diff = diffOf(
      { 'x.yaml': 'technical_name: X\nfor_hg: true\n', 'z.yaml': 'technical_name: Z\n' },
      { 'z.yaml': 'technical_name: Z\nprevious_names: [x]\n' },
    );
    expect(diff.changes).toEqual([
      change({
        kind: 'removed',
        instance: 'x',
        class: 'breaking',
        oldUrl: { url: `${LIST}x/`, status: 308, location: `${LIST}z/` },
        leaves: [LIST, F('for_hg')],
      }),
      change({
        kind: 'changed',
        instance: 'z',
        technicalName: 'Z',
        class: 'additive',
        fields: [{ field: 'previous_names', class: 'additive', before: [], after: ['x'] }],
      }),
    ]);
  });

  it('reads a previous-name copy of an instance as no instance, and lists it with the other files', () => {
    const diff = diffOf({ 'x.yaml': 'technical_name: X\n' }, { 'y.yaml': 'technical_name: X\nprevious_names: [x]\n' });
    expect(diff.changes.map((c) => [c.kind, c.instance, c.renamedFrom, c.class])).toEqual([
      ['renamed', 'y', 'x', 'additive'],
    ]);
    expect(diff.otherFiles.filter((f) => f.path.includes('/x/'))).toEqual([
      { path: 'api/v1/configs/user_services/x/index.json', change: 'added' },
    ]);
  });

  it('keys lists by technical name, so two services that swap names both break', () => {
    const diff = diffOf(
      { 'a.yaml': 'technical_name: A\nfor_hg: true\n', 'b.yaml': 'technical_name: B\n' },
      { 'a.yaml': 'technical_name: B\n', 'b.yaml': 'technical_name: A\nfor_hg: true\n' },
    );
    expect(diff.changes.map((c) => [c.instance, c.class, c.enters, c.leaves])).toEqual([
      ['a', 'breaking', [], [F('for_hg')]],
      ['b', 'breaking', [F('for_hg')], []],
    ]);
  });

  it('reports files that are neither instances nor lists by path', () => {
    const base = siteOf(unchanged);
    const extra = (entries: [string, string][]) =>
      new Map([...base, ...entries.map(([p, t]) => [p, utf8(t)] as const)]);
    const diff = diffSites(
      extra([
        ['gone.txt', 'a'],
        ['same.txt', 'b'],
        ['api/v1/configs/user_services/openapi.json', '{}'],
      ]),
      extra([
        ['new.txt', 'a'],
        ['same.txt', 'b'],
        ['api/v1/configs/user_services/openapi.json', '{"a":1}'],
      ]),
      [userServices],
    );
    expect(diff).toEqual({
      changes: [],
      otherFiles: [
        { path: 'api/v1/configs/user_services/openapi.json', change: 'changed' },
        { path: 'gone.txt', change: 'removed' },
        { path: 'new.txt', change: 'added' },
      ],
    });
  });
});
