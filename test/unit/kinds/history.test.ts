/**
 * `_history/` and its feed list the changes of every kind: with one kind they
 * name none (the bytes of a one-kind site), with two (user services and a
 * `widgets` kind defined here only) each entry says its kind as `config_kind`,
 * which the History schema of the two kinds documents, and the feed's titles
 * and lines name it.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { InstanceChange } from '../../../scripts/core/diff/types.js';
import { emitCatalog } from '../../../scripts/core/emit/index.js';
import type { EmittedKind } from '../../../scripts/core/emit/kind.js';
import { feedText, historyBody } from '../../../scripts/core/emit/sync/history.js';
import { userServices } from '../../../scripts/core/kinds/user-services/index.js';
import { feedPath, historyPath } from '../../../scripts/core/model/site.js';
import { standaloneSchemas } from '../../../scripts/core/openapi/document.js';
import type { CatalogHistory } from '../../../scripts/core/sync/history.js';

const widgets = { name: 'widgets', flags: ['for_hg', 'for_cc'] } as const;

const change = (kind: string, instance: string, technicalName: string, over: Partial<InstanceChange> = {}) =>
  ({
    kind: 'added',
    instance,
    renamedFrom: null,
    technicalName,
    url: `/api/v1/configs/${kind}/${instance}/`,
    oldUrl: null,
    formerNames: [],
    class: 'additive',
    fields: [],
    enters: [],
    leaves: [],
    ...over,
  }) satisfies InstanceChange;

const C = 'c'.repeat(40);
const HISTORY: CatalogHistory = {
  limit: 5,
  complete: true,
  updated: 1704164645,
  commits: [
    {
      commit: C,
      time: 1704164645,
      changes: [
        change('user_services', 'a-svc', 'A', {
          kind: 'changed',
          class: 'breaking',
          fields: [{ field: 'for_hg', class: 'breaking', before: true, after: false }],
        }),
        change('widgets', 'w1', 'W1'),
        change('widgets', 'w2', 'W2', { kind: 'removed', class: 'breaking' }),
      ],
    },
  ],
};

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);
const entry = (kind: string | null, rest: string) =>
  `{"commit":"${C}","time":"2024-01-02T03:04:05Z",${kind === null ? '' : `"config_kind":"${kind}",`}${rest}}`;
const A =
  '"instance_name":"a-svc","technical_name":"A","kind":"changed","class":"breaking","renamed_from":null,"fields":["for_hg"]';
const W1 =
  '"instance_name":"w1","technical_name":"W1","kind":"added","class":"additive","renamed_from":null,"fields":[]';
const W2 =
  '"instance_name":"w2","technical_name":"W2","kind":"removed","class":"breaking","renamed_from":null,"fields":[]';

describe('the history of two kinds', () => {
  it('says the kind of each change as config_kind, after time', () => {
    expect(text(historyBody(HISTORY, false, [userServices, widgets]))).toBe(
      `{"api_version":1,"limit":5,"complete":true,"changes":[${entry('user_services', A)},${entry('widgets', W1)},${entry('widgets', W2)}]}\n`,
    );
  });

  it('names no kind with one kind: the bytes of a one-kind site', () => {
    expect(text(historyBody(HISTORY, false, [userServices]))).toBe(
      `{"api_version":1,"limit":5,"complete":true,"changes":[${entry(null, A)},${entry(null, W1)},${entry(null, W2)}]}\n`,
    );
    expect(feedText(HISTORY, [userServices])).toContain(
      `    <title>cccccccccccc: 2 breaking, 1 additive</title>\n    <updated>2024-01-02T03:04:05Z</updated>\n` +
        '    <content type="text">a-svc (A): breaking, changed: for_hg\nw1 (W1): additive, added\nw2 (W2): breaking, removed</content>',
    );
  });

  it("names each kind in the feed's titles, in the kinds' order, and before each instance", () => {
    const feed = feedText(HISTORY, [userServices, widgets]);
    expect(feed).toContain(
      '    <title>cccccccccccc: user_services 1 breaking; widgets 1 breaking, 1 additive</title>\n' +
        '    <updated>2024-01-02T03:04:05Z</updated>\n' +
        '    <content type="text">user_services/a-svc (A): breaking, changed: for_hg\n' +
        'widgets/w1 (W1): additive, added\nwidgets/w2 (W2): breaking, removed</content>',
    );
    const only: CatalogHistory = {
      ...HISTORY,
      commits: [{ commit: C, time: 1704164645, changes: HISTORY.commits[0]?.changes.slice(1) ?? [] }],
    };
    expect(feedText(only, [userServices, widgets])).toContain(
      '<title>cccccccccccc: widgets 1 breaking, 1 additive</title>',
    );
  });

  it('is valid against the History schema of the two kinds, which refuses an unknown kind', () => {
    const documented = { ...widgets, openApi: { paths: () => ({}), schemas: () => ({}), schemaFiles: {} } };
    const schemas = new Map(standaloneSchemas([userServices, documented]));
    const validate = new Ajv2020({ strict: true, validateFormats: false }).compile(
      schemas.get('api/v1/schemas/history.schema.json') as object,
    );
    const body = JSON.parse(text(historyBody(HISTORY, false, [userServices, widgets])));
    expect([validate(body), validate.errors ?? null]).toEqual([true, null]);
    // Not required: an entry without it is valid too; a kind the site does not publish is not.
    expect(validate(JSON.parse(text(historyBody(HISTORY, false, [userServices]))))).toBe(true);
    body.changes[0].config_kind = 'gadgets';
    expect(validate(body)).toBe(false);
    // The one-kind schema knows no config_kind.
    const one = new Ajv2020({ strict: true, validateFormats: false }).compile(
      new Map(standaloneSchemas([userServices])).get('api/v1/schemas/history.schema.json') as object,
    );
    expect(one(JSON.parse(text(historyBody(HISTORY, false, [userServices, widgets]))))).toBe(false);
  });

  it('is what the emit publishes for the kinds of the site', () => {
    const bare: EmittedKind = { ...widgets, emitSteps: [], apiSteps: [] };
    const catalog = new Map<string, readonly object[]>([['user_services', []]]);
    const site = emitCatalog(catalog, [userServices, bare], { pretty: false, page: null, history: HISTORY });
    expect(text(site.get(historyPath()))).toBe(text(historyBody(HISTORY, false, [userServices, widgets])));
    expect(text(site.get(feedPath()))).toBe(feedText(HISTORY, [userServices, widgets]));
  });

  it('refuses a change of a kind the site does not publish: a bug, never silently unnamed', () => {
    const gadgets = { ...HISTORY, commits: [{ commit: C, time: 1, changes: [change('gadgets', 'g', 'G')] }] };
    expect(() => historyBody(gadgets, false, [userServices, widgets])).toThrow(
      new Error('the change at /api/v1/configs/gadgets/g/ is of none of the kinds'),
    );
  });
});
