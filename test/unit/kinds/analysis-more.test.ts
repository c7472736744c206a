/**
 * More of the analysis generic over kinds, with a second kind defined here
 * alone (`gadgets`, in `_gadgets`): a catalog rule of it that reads a field
 * of user services that no rule of theirs reads (`meta.readsOf`), and a
 * sunset of its own, reported by `check --as-of` beside user services', and
 * the summary that counts the files of each kind read.
 */
import { describe, expect, it } from 'vitest';
import { filesRead } from '../../../scripts/cli/report.js';
import { analyze } from '../../../scripts/core/analysis/analyze.js';
import type { AnalyzedKind, SunsetPlace } from '../../../scripts/core/analysis/kind.js';
import { catalogFields } from '../../../scripts/core/analysis/outline.js';
import { readWords, summaryLine } from '../../../scripts/core/diagnostics/format/summary.js';
import { messageFor } from '../../../scripts/core/diagnostics/messages.js';
import { formatSummary } from '../../../scripts/core/format-source/plan.js';
import { userServices } from '../../../scripts/core/kinds/user-services/index.js';
import { pastSunset, type SunsetKind } from '../../../scripts/core/lifecycle/sunset.js';
import type { Input, InputFile } from '../../../scripts/core/reading/input.js';
import type { Rule } from '../../../scripts/core/rules/rule.js';
import { inputFile } from '../../helpers/core.js';
import { refersTo, scalarAt } from '../../helpers/test-kinds.js';

interface Gadget {
  readonly instance: string;
  readonly label: string | null;
  readonly retire: string | null;
}

/** A gadget's `label` is some user service's display name (borrowing `unknown-field`). */
const checkLabels = refersTo('label', 'user_services', 'display_name');
const gadgetLabels: Rule = {
  meta: {
    id: 'gadget-labels',
    scope: 'catalog',
    codes: ['unknown-field'],
    reads: ['label'],
    readsOf: { user_services: ['display_name'] },
    docs: "A gadget's label is a service's display name.",
  },
  check: checkLabels,
};

const gadgets: AnalyzedKind<Gadget> = {
  name: 'gadgets',
  flags: [],
  folder: '_gadgets',
  fileRules: [],
  catalogRules: [gadgetLabels],
  toValue: (instance, root) => ({
    instance,
    label: scalarAt(root, 'label')?.value ?? null,
    retire: scalarAt(root, 'retire', 'on')?.value ?? null,
  }),
  order: (values) => values,
  encodeValue: (g) => g,
  decodeValue: (raw) => raw as Gadget,
  sunset: { field: 'retire', entry: 'on', day: (g) => g.retire },
};
const SUNSET = gadgets.sunset as SunsetPlace<Gadget>;
/** The kinds as `check --as-of` words them: each with the noun of its objects. */
const SUNSET_KINDS: readonly SunsetKind[] = [userServices, { ...gadgets, diff: { noun: 'gadget' } }];

const BOTH: readonly AnalyzedKind[] = [userServices, gadgets];
const file = (path: string, text: string, configKind?: string): InputFile =>
  inputFile(`services/${path}`, text, configKind);
const OLD = 'technical_name: Call Waiting\ndisplay_name: Waiting\nno_more_assignable: true\n';
const SERVICES = [
  file('a.yaml', `${OLD}deprecation:\n  since: 2025-01-01\n  sunset: "2025-06-30"\n`),
  file('b.yaml', 'technical_name: Call Forwarding Always\ndisplay_name: Forwarding\n'),
];
const GADGETS = [
  file('_gadgets/a.yaml', 'label: Waiting\nretire:\n  on: "2025-03-01"\n', 'gadgets'),
  file('_gadgets/c.yaml', 'label: Parking\n', 'gadgets'),
  file('_gadgets/d.yaml', 'label: Forwarding\nretire:\n  on: "2026-01-01"\n', 'gadgets'),
];
const input: Input = { dir: 'services', files: [...SERVICES, ...GADGETS] };
const lines = (ds: readonly Parameters<typeof messageFor>[0][]) =>
  ds.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}: ${messageFor(d)}`);

describe('a catalog rule that reads another kind', () => {
  it("keeps in that kind's outlines what the rule declares it reads of it, with the other kinds given", () => {
    const alone = ['technical_name', 'deprecation', 'no_more_assignable', 'previous_names'];
    expect(catalogFields(userServices, [userServices])).toEqual(alone);
    expect(catalogFields(userServices, BOTH)).toEqual([...alone, 'display_name']);
    expect(catalogFields(gadgets, BOTH)).toEqual(['label', 'retire']);
  });

  it('sees the field it reads of the other kind, and finds the label no service shows', () => {
    const analysis = analyze(input, BOTH);
    expect(
      analysis.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${JSON.stringify(d.args)}`),
    ).toEqual(['services/_gadgets/c.yaml:1:8 unknown-field {"field":"Parking","suggestion":null}']);
    expect(analysis.catalog.get('gadgets')?.map((g) => (g as Gadget).instance)).toEqual(['a', 'd']);
  });

  it("leaves user services' results as they are without it", () => {
    const both = analyze(input, BOTH);
    const one = analyze({ dir: 'services', files: SERVICES }, [userServices]);
    expect(one.catalog.get('user_services')).toEqual(both.catalog.get('user_services'));
    expect(one.diagnostics).toEqual([]);
  });
});

describe('sunsets of two kinds', () => {
  const analysis = analyze(input, BOTH);

  it('are kept by kind and instance name: the same instance name in two kinds does not collide', () => {
    const places = [...analysis.sunsetPlaces].map(([kind, byName]) => [kind, [...byName]]);
    expect(places).toEqual([
      ['user_services', [['a', { day: '2025-06-30', at: { file: 'services/a.yaml', line: 6, column: 11 } }]]],
      [
        'gadgets',
        [
          ['a', { day: '2025-03-01', at: { file: 'services/_gadgets/a.yaml', line: 3, column: 7 } }],
          ['d', { day: '2026-01-01', at: { file: 'services/_gadgets/d.yaml', line: 3, column: 7 } }],
        ],
      ],
    ]);
  });

  it('are each reported by check --as-of once past, in every kind that has one, worded by its kind', () => {
    expect(lines(pastSunset(analysis, '2025-02-28', SUNSET_KINDS))).toEqual([]);
    expect(lines(pastSunset(analysis, '2025-03-01', SUNSET_KINDS))).toEqual([
      'services/_gadgets/a.yaml:3:7 past-sunset: "a" is still published, but its sunset 2025-03-01 is on or before 2025-03-01; remove the gadget (a planned removal), or move retire.on later',
    ]);
    expect(pastSunset(analysis, '2026-01-01', SUNSET_KINDS).map((d) => `${d.file} ${JSON.stringify(d.args)}`)).toEqual([
      'services/a.yaml {"instance":"a","sunset":"2025-06-30","asOf":"2026-01-01"}',
      'services/_gadgets/a.yaml {"instance":"a","sunset":"2025-03-01","asOf":"2026-01-01","noun":"gadget","field":"retire.on"}',
      'services/_gadgets/d.yaml {"instance":"d","sunset":"2026-01-01","asOf":"2026-01-01","noun":"gadget","field":"retire.on"}',
    ]);
  });

  it("carry only the words that are not a service's deprecation.sunset", () => {
    const named = (noun: string, field: string, entry: string) => [
      userServices,
      { ...gadgets, diff: { noun }, sunset: { ...SUNSET, field, entry } },
    ];
    const gadgetArgs = (kinds: readonly SunsetKind[]) =>
      pastSunset(analysis, '2025-03-01', kinds).map((d) => [JSON.stringify(d.args), messageFor(d)]);
    expect(gadgetArgs(named('service', 'retire', 'on'))).toEqual([
      [
        '{"instance":"a","sunset":"2025-03-01","asOf":"2025-03-01","field":"retire.on"}',
        '"a" is still published, but its sunset 2025-03-01 is on or before 2025-03-01; remove the service (a planned removal), or move retire.on later',
      ],
    ]);
    expect(gadgetArgs(named('widget', 'deprecation', 'sunset'))).toEqual([
      [
        '{"instance":"a","sunset":"2025-03-01","asOf":"2025-03-01","noun":"widget"}',
        '"a" is still published, but its sunset 2025-03-01 is on or before 2025-03-01; remove the widget (a planned removal), or move deprecation.sunset later',
      ],
    ]);
  });

  it('refuses kinds that do not include the one a sunset was kept for', () => {
    expect(() => pastSunset(analysis, '2025-03-01', [userServices])).toThrow(
      'no kind gadgets with a sunset among the kinds given',
    );
  });

  it('are those of user services alone without the second kind', () => {
    const one = analyze({ dir: 'services', files: SERVICES }, [userServices]);
    expect([...one.sunsetPlaces.keys()]).toEqual(['user_services']);
    expect(lines(pastSunset(one, '2030-01-01', [userServices]))).toEqual([
      'services/a.yaml:6:11 past-sunset: "a" is still published, but its sunset 2025-06-30 is on or before 2030-01-01; remove the service (a planned removal), or move deprecation.sunset later',
    ]);
  });
});

describe('the summary of a run that reads two kinds', () => {
  const nouns = async () => [
    { name: 'user_services', diff: { noun: 'service' } },
    { name: 'gadgets', diff: { noun: 'gadget' } },
  ];

  it("counts each kind's files, and names each kind that has some by its noun", async () => {
    const analysis = analyze(input, BOTH);
    expect(analysis.filesByKind).toEqual({ user_services: 2, gadgets: 3 });
    const read = await filesRead(analysis, nouns);
    expect(read).toEqual({
      services: 5,
      read: [
        { noun: 'service', count: 2 },
        { noun: 'gadget', count: 3 },
      ],
    });
    const summary = { command: 'check', ...read, errors: 1, warnings: 0, seconds: 0.5 };
    expect(summaryLine(summary)).toBe('check: 2 services and 3 gadgets read, 1 error in 0.50 s');
    expect(formatSummary({ check: true, ...read, changed: 1, errors: 0, seconds: 0 })).toBe(
      'fmt: 2 services and 3 gadgets read, 1 would be reformatted in 0.00 s',
    );
    const gadgetsOnly = analyze({ dir: 'services', files: GADGETS.slice(0, 1) }, BOTH);
    expect(summaryLine({ ...summary, ...(await filesRead(gadgetsOnly, nouns)) })).toBe(
      'check: 1 gadget read, 1 error in 0.50 s',
    );
    const none = analyze({ dir: 'services', files: [] }, BOTH);
    expect(summaryLine({ ...summary, ...(await filesRead(none, nouns)) })).toBe(
      'check: 0 services read, 1 error in 0.50 s',
    );
    expect(
      readWords(
        4,
        [1, 2, 1].map((count, i) => ({ noun: ['service', 'gadget', 'widget'][i] as string, count })),
      ),
    ).toBe('1 service, 2 gadgets and 1 widget read');
  });

  it("keeps today's words for user services alone, without asking for the kinds", async () => {
    const one = analyze({ dir: 'services', files: SERVICES }, [userServices]);
    expect(one.filesByKind).toEqual({ user_services: 2 });
    const read = await filesRead(one, () => Promise.reject(new Error('kinds asked for')));
    expect(read).toEqual({ services: 2 });
    expect(summaryLine({ command: 'build', ...read, errors: 0, warnings: 0, seconds: 1 })).toBe(
      'build: 2 services read in 1.00 s',
    );
  });
});
