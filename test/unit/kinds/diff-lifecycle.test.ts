/**
 * A kind with life-cycle files of its own (`_deprecations/`, `_renames/` under
 * its root) and a field that announces a removal, defined here only: the diff
 * reads its planned removals, redirects, previous-name copies and successors
 * at its own URLs. Its sites have no user services folder: an empty catalog.
 */
import { describe, expect, it } from 'vitest';
import { always, previousNamesTransition } from '../../../scripts/core/diff/classify.js';
import { diffSites } from '../../../scripts/core/diff/compare.js';
import type { DiffKind } from '../../../scripts/core/diff/kind.js';
import { diffRenderers } from '../../../scripts/core/diff/render/index.js';
import type { KindIdentity } from '../../../scripts/core/kinds/kind.js';
import { userServices } from '../../../scripts/core/kinds/user-services/index.js';
import { type Site, utf8 } from '../../../scripts/core/model/site.js';

/** A site of path to the JSON text of each value. */
const siteOf = (files: Record<string, unknown>): Site =>
  new Map(Object.entries(files).map(([path, value]) => [path, utf8(`${JSON.stringify(value)}\n`)]));

/** A kind with life-cycle files of its own, and a field that announces a removal. */
const gadgets: KindIdentity & DiffKind = {
  name: 'gadgets',
  flags: [],
  diff: {
    fields: {
      name: always('breaking'),
      retired: (_, after) => (after === true ? 'deprecation' : 'undeprecation'),
      deprecation: (_, after) => (after === null ? 'undeprecation' : 'deprecation'),
      previous_names: previousNamesTransition,
    },
    key: 'name',
    removalAnnouncedBy: 'retired',
    lifecycle: { deprecations: '_deprecations/index.json', renames: '_renames/index.json' },
    noun: 'gadget',
  },
};
const G = 'api/v1/configs/gadgets';

function gadgetsOf(list: readonly [string, string, boolean][], deprecated: unknown[], renames: unknown[]) {
  return {
    [`${G}/index.json`]: { gadgets: list.map(([, name]) => ({ name })) },
    ...Object.fromEntries(list.map(([instance, name, retired]) => [`${G}/${instance}/index.json`, { name, retired }])),
    [`${G}/_deprecations/index.json`]: { api_version: 1, gadgets: deprecated },
    [`${G}/_renames/index.json`]: { api_version: 1, renames },
  };
}

describe('a kind with life-cycle files of its own', () => {
  const deprecation = (instance: string, replacedBy: string) => ({
    instance_name: instance,
    since: '2025-01-01',
    reason: null,
    note: null,
    replaced_by: { instance_name: replacedBy, url: `../${replacedBy}/` },
    sunset: null,
  });
  const before = gadgetsOf(
    [
      ['g1', 'G1', false],
      ['g2', 'G2', true],
      ['g3', 'G3', false],
    ],
    [deprecation('g2', 'g1')],
    [],
  );
  // GitHub Pages' copy of the instance at its previous name: no instance of its own.
  const after = {
    [`${G}/g1/index.json`]: { name: 'G1', retired: false },
    ...gadgetsOf(
      [
        ['g1b', 'G1', false],
        ['g3', 'G3', true],
      ],
      [deprecation('g3', 'g1b')],
      [{ previous_name: 'g1', instance_name: 'g1b' }],
    ),
  };

  it('reads them under its root: planned removals, redirects and successors at its own URLs', () => {
    const diff = diffSites(siteOf(before), siteOf(after), [userServices, gadgets]);
    const text = diffRenderers.text(diff, {
      base: 'main',
      head: 'services',
      color: false,
      kinds: [userServices, gadgets],
    });
    expect(text).toBe(
      [
        'API diff main -> services: Planned removal, nothing breaking',
        '3 gadgets changed: 1 planned removal, 1 deprecation, 1 additive',
        '',
        'gadgets:',
        `[planned removal] g2: removed after being marked retired; /${G}/g2/ answers 404`,
        '    name "G2"',
        `    leaves /${G}/`,
        '[deprecation] g3: changed',
        '    retired: false -> true (deprecation)',
        `    deprecation: none -> since 2025-01-01, replaced by g1b (/${G}/g1b/) (deprecation)`,
        `[additive] g1b: renamed from g1; /${G}/g1/ redirects (308) to /${G}/g1b/`,
        '    name "G1"',
        '    previous_names: [] -> ["g1"] (additive)',
        '',
        'Other files of the site:',
        `  changed ${G}/_deprecations/index.json`,
        `  changed ${G}/_renames/index.json`,
        `  added ${G}/g1/index.json`,
        '',
      ].join('\n'),
    );
  });
});
