/**
 * The diff is generic over kinds of configuration object: a second kind,
 * `widgets`, defined here only (its name, one filter flag, three classified
 * fields, keyed by `name`, without life-cycle files), is read and compared
 * beside user services, and the reports name each change's kind; with user
 * services alone, every output is what it was.
 */
import { describe, expect, it } from 'vitest';
import { always, flagTransition } from '../../../scripts/core/diff/classify.js';
import { diffSites } from '../../../scripts/core/diff/compare.js';
import type { DiffKind } from '../../../scripts/core/diff/kind.js';
import { type DiffFormatName, diffRenderers } from '../../../scripts/core/diff/render/index.js';
import type { SiteDiff } from '../../../scripts/core/diff/types.js';
import type { KindIdentity } from '../../../scripts/core/kinds/kind.js';
import { userServices } from '../../../scripts/core/kinds/user-services/index.js';
import { type Site, utf8 } from '../../../scripts/core/model/site.js';

const widgets: KindIdentity & DiffKind = {
  name: 'widgets',
  flags: ['for_hg'],
  diff: {
    fields: { name: always('breaking'), for_hg: flagTransition, member: always('cosmetic') },
    key: 'name',
    removalAnnouncedBy: null,
    lifecycle: null,
    noun: 'widget',
  },
};

const BOTH = [userServices, widgets];
const US = 'api/v1/configs/user_services';
const W = 'api/v1/configs/widgets';

/** A site of path to the JSON text of each value. */
const siteOf = (files: Record<string, unknown>): Site =>
  new Map(Object.entries(files).map(([path, value]) => [path, utf8(`${JSON.stringify(value)}\n`)]));

const service = (technical_name: string, display_name: string, for_hg: boolean) => ({
  technical_name,
  display_name,
  description: '',
  no_more_assignable: false,
  for_hg,
  for_ivr: false,
  for_cc: false,
  for_enduser: false,
  add_data: {},
});
const entry = (s: ReturnType<typeof service>) => ({
  technical_name: s.technical_name,
  display_name: s.display_name,
  description: s.description,
  no_more_assignable: s.no_more_assignable,
});

/** User services' files: one service, in the list and the for_hg filter. */
function servicesOf(alpha: ReturnType<typeof service>): Record<string, unknown> {
  return {
    [`${US}/index.json`]: { user_services: [entry(alpha)] },
    [`${US}/filters/for_hg/index.json`]: { user_services: alpha.for_hg ? [entry(alpha)] : [] },
    [`${US}/alpha/index.json`]: alpha,
  };
}

type Widget = { instance: string; name: string; for_hg: boolean; member: string };

/** Widgets' files: the list, its one filter, each instance, and a file of its own folder. */
function widgetsOf(list: readonly Widget[], extra: string): Record<string, unknown> {
  const entries = (ws: readonly Widget[]) => ({ widgets: ws.map((w) => ({ name: w.name })) });
  return {
    [`${W}/index.json`]: entries(list),
    [`${W}/filters/for_hg/index.json`]: entries(list.filter((w) => w.for_hg)),
    ...Object.fromEntries(
      list.map((w) => [`${W}/${w.instance}/index.json`, { name: w.name, for_hg: w.for_hg, member: w.member }]),
    ),
    [`${W}/_extra/index.json`]: { extra },
  };
}

const baseServices = servicesOf(service('Alpha', 'Alpha', true));
const headServices = servicesOf(service('Alpha', 'Alpha Two', true));
const baseWidgets = widgetsOf(
  [
    { instance: 'w1', name: 'W1', for_hg: true, member: 'alpha' },
    { instance: 'w2', name: 'W2', for_hg: false, member: 'alpha' },
    { instance: 'w4', name: 'W4', for_hg: false, member: 'alpha' },
    { instance: 'w5', name: 'W5', for_hg: false, member: 'alpha' },
  ],
  'a',
);
const headWidgets = widgetsOf(
  [
    { instance: 'w1', name: 'W1', for_hg: false, member: 'alpha' },
    { instance: 'w2b', name: 'W2', for_hg: false, member: 'alpha' },
    { instance: 'w3', name: 'W3', for_hg: true, member: 'alpha' },
    { instance: 'w5', name: 'W5', for_hg: false, member: 'beta' },
  ],
  'b',
);
const base = siteOf({ ...baseServices, ...baseWidgets, 'index.html': 'same' });
const head = siteOf({ ...headServices, ...headWidgets, 'index.html': 'same' });

const render = (format: DiffFormatName, diff: SiteDiff, kinds = BOTH) =>
  diffRenderers[format](diff, { base: 'main', head: 'services', color: false, kinds });

const NO_COUNTS = { breaking: 0, 'planned-removal': 0, deprecation: 0, undeprecation: 0, additive: 0, cosmetic: 0 };
const WL = `/${W}/`;
const WHG = `/${W}/filters/for_hg/`;

/** A change as the JSON format writes it, the fields not given at their usual values. */
const changeJson = (instance: string, root: string, c: Record<string, unknown>) => ({
  instance,
  kind: 'changed',
  class: 'cosmetic',
  renamedFrom: null,
  technicalName: '',
  url: `/${root}/${instance}/`,
  oldUrl: null,
  formerNames: [],
  fields: [],
  enters: [],
  leaves: [],
  ...c,
});
const gone = (instance: string) => ({ url: `/${W}/${instance}/`, status: 404, location: null });

const alphaJson = changeJson('alpha', US, {
  technicalName: 'Alpha',
  fields: [{ field: 'display_name', class: 'cosmetic', before: 'Alpha', after: 'Alpha Two' }],
});

const widgetChangesJson = [
  changeJson('w1', W, {
    class: 'breaking',
    technicalName: 'W1',
    fields: [{ field: 'for_hg', class: 'breaking', before: true, after: false }],
    leaves: [WHG],
  }),
  changeJson('w2b', W, {
    kind: 'renamed',
    class: 'breaking',
    renamedFrom: 'w2',
    technicalName: 'W2',
    oldUrl: gone('w2'),
  }),
  changeJson('w4', W, { kind: 'removed', class: 'breaking', technicalName: 'W4', oldUrl: gone('w4'), leaves: [WL] }),
  changeJson('w3', W, {
    kind: 'added',
    class: 'additive',
    technicalName: 'W3',
    fields: [
      { field: 'name', class: 'additive', before: null, after: 'W3' },
      { field: 'for_hg', class: 'additive', before: null, after: true },
      { field: 'member', class: 'additive', before: null, after: 'alpha' },
    ],
    enters: [WL, WHG],
  }),
  changeJson('w5', W, {
    technicalName: 'W5',
    fields: [{ field: 'member', class: 'cosmetic', before: 'alpha', after: 'beta' }],
  }),
];

const jsonText = (body: unknown) => `${JSON.stringify(body, null, 2)}\n`;
const EXTRA = { path: `${W}/_extra/index.json`, change: 'changed' };

describe('the diff over user services and a second kind', () => {
  const diff = diffSites(base, head, BOTH);

  it('compares each kind with its own fields, key and lists, and says in text which kind a change is of', () => {
    expect(render('text', diff)).toBe(
      [
        'API diff main -> services: Breaking API change',
        '1 service changed: 1 cosmetic; 5 widgets changed: 3 breaking, 1 additive, 1 cosmetic',
        '',
        'user_services:',
        '[cosmetic] alpha: changed',
        '    display_name: "Alpha" -> "Alpha Two" (cosmetic)',
        '',
        'widgets:',
        '[breaking] w1: changed',
        '    for_hg: true -> false (breaking)',
        `    leaves ${WHG}`,
        `[breaking] w2b: renamed from w2; /${W}/w2/ answers 404`,
        '    name "W2"',
        `[breaking] w4: removed while still assignable; /${W}/w4/ answers 404`,
        '    name "W4"',
        `    leaves ${WL}`,
        `[additive] w3: new widget at /${W}/w3/`,
        '    name: "W3"',
        '    for_hg: true',
        '    member: "alpha"',
        `    enters ${WL}`,
        `    enters ${WHG}`,
        '[cosmetic] w5: changed',
        '    member: "alpha" -> "beta" (cosmetic)',
        '',
        'Other files of the site:',
        `  changed ${W}/_extra/index.json`,
        '',
      ].join('\n'),
    );
  });

  it('keeps user services where JSON has them and puts the other kind under a key of its own', () => {
    expect(render('json', diff)).toBe(
      jsonText({
        version: 1,
        base: 'main',
        head: 'services',
        verdict: 'breaking',
        counts: { ...NO_COUNTS, cosmetic: 1 },
        changes: [alphaJson],
        otherFiles: [EXTRA],
        kinds: {
          widgets: {
            verdict: 'breaking',
            counts: { ...NO_COUNTS, breaking: 3, additive: 1, cosmetic: 1 },
            changes: widgetChangesJson,
          },
        },
      }),
    );
  });

  it('adds a column for the kind to the Markdown table and names it in the details', () => {
    const lines = render('markdown', diff).split('\n');
    expect(lines.slice(0, 11)).toEqual([
      '❌ **Breaking API change** from `main` to `services` (1 service changed: 1 cosmetic; 5 widgets changed: 3 breaking, 1 additive, 1 cosmetic).',
      '<!-- user-services-diff -->',
      '',
      '| Class | Kind | Instance | Change | Lists |',
      '|---|---|---|---|---|',
      '| ✏️ cosmetic | `user_services` | `alpha` | `display_name` changed | — |',
      '| ❌ breaking | `widgets` | `w1` | `for_hg` true → false | leaves 1 list |',
      `| ❌ breaking | \`widgets\` | \`w2b\` | renamed from \`w2\`; \`/${W}/w2/\` answers 404 | — |`,
      `| ❌ breaking | \`widgets\` | \`w4\` | removed while still assignable; \`/${W}/w4/\` answers 404 | leaves 1 list |`,
      `| ➕ additive | \`widgets\` | \`w3\` | new widget at \`/${W}/w3/\` | enters 2 lists |`,
      '| ✏️ cosmetic | `widgets` | `w5` | `member` changed | — |',
    ]);
    expect(lines.filter((l) => l.startsWith('**`'))).toEqual([
      '**`alpha`** of `user_services` (cosmetic): changed',
      '**`w1`** of `widgets` (breaking): changed',
      `**\`w2b\`** of \`widgets\` (breaking): renamed from \`w2\`; \`/${W}/w2/\` answers 404`,
      `**\`w4\`** of \`widgets\` (breaking): removed while still assignable; \`/${W}/w4/\` answers 404`,
      `**\`w3\`** of \`widgets\` (additive): new widget at \`/${W}/w3/\``,
      '**`w5`** of `widgets` (cosmetic): changed',
    ]);
  });

  it("leaves user services' changes as they are without the other kind", () => {
    const alone = diffSites(siteOf(baseServices), siteOf(headServices), [userServices]);
    expect(diff.changes.filter((c) => c.url.startsWith(`/${US}/`))).toEqual(alone.changes);
    expect(alone.otherFiles).toEqual([]);
  });

  it("reads a site without a kind's folder as an empty catalog of that kind, both ways", () => {
    const older = siteOf(baseServices);
    const added = diffSites(older, siteOf({ ...baseServices, ...baseWidgets }), BOTH);
    expect(added.changes.map((c) => [c.url, c.kind, c.class])).toEqual([
      [`/${W}/w1/`, 'added', 'additive'],
      [`/${W}/w2/`, 'added', 'additive'],
      [`/${W}/w4/`, 'added', 'additive'],
      [`/${W}/w5/`, 'added', 'additive'],
    ]);
    expect(added.otherFiles).toEqual([{ path: `${W}/_extra/index.json`, change: 'added' }]);
    const removed = diffSites(siteOf({ ...baseServices, ...baseWidgets }), older, BOTH);
    expect(removed.changes.map((c) => [c.instance, c.kind, c.class, c.leaves])).toEqual([
      ['w1', 'removed', 'breaking', [WL, WHG]],
      ['w2', 'removed', 'breaking', [WL]],
      ['w4', 'removed', 'breaking', [WL]],
      ['w5', 'removed', 'breaking', [WL]],
    ]);
    expect(diffSites(older, older, BOTH)).toEqual({ changes: [], otherFiles: [] });
  });

  it('names the kind only when more than one was compared, even when one kind alone changed', () => {
    const only = diffSites(siteOf(baseServices), siteOf(headServices), BOTH);
    expect(render('text', only)).toBe(
      [
        'API diff main -> services: Cosmetic API change',
        '1 service changed: 1 cosmetic',
        '',
        'user_services:',
        '[cosmetic] alpha: changed',
        '    display_name: "Alpha" -> "Alpha Two" (cosmetic)',
        '',
      ].join('\n'),
    );
    expect(JSON.parse(render('json', only)).kinds).toEqual({
      widgets: { verdict: null, counts: NO_COUNTS, changes: [] },
    });
  });
});

describe('the diff over user services alone', () => {
  const diff = diffSites(base, head, [userServices]);

  it("prints what it printed before there were kinds, the other kind's files among the other files", () => {
    const others = [
      ['changed', `${W}/_extra/index.json`],
      ['changed', `${W}/filters/for_hg/index.json`],
      ['changed', `${W}/index.json`],
      ['changed', `${W}/w1/index.json`],
      ['removed', `${W}/w2/index.json`],
      ['added', `${W}/w2b/index.json`],
      ['added', `${W}/w3/index.json`],
      ['removed', `${W}/w4/index.json`],
      ['changed', `${W}/w5/index.json`],
    ];
    expect(render('text', diff, [userServices])).toBe(
      [
        'API diff main -> services: Cosmetic API change',
        '1 service changed: 1 cosmetic',
        '',
        '[cosmetic] alpha: changed',
        '    display_name: "Alpha" -> "Alpha Two" (cosmetic)',
        '',
        'Other files of the site:',
        ...others.map(([change, path]) => `  ${change} ${path}`),
        '',
      ].join('\n'),
    );
    expect(render('json', diff, [userServices])).toBe(
      jsonText({
        version: 1,
        base: 'main',
        head: 'services',
        verdict: 'cosmetic',
        counts: { ...NO_COUNTS, cosmetic: 1 },
        changes: [alphaJson],
        otherFiles: others.map(([change, path]) => ({ path, change })),
      }),
    );
    expect(render('markdown', diff, [userServices]).split('\n').slice(3, 6)).toEqual([
      '| Class | Instance | Change | Lists |',
      '|---|---|---|---|',
      '| ✏️ cosmetic | `alpha` | `display_name` changed | — |',
    ]);
  });
});
