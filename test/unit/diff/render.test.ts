import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIFF_FORMAT_NAMES, type DiffFormatName, diffRenderers } from '../../../scripts/core/diff/render/index.js';
import { code, DIFF_MARKER } from '../../../scripts/core/diff/render/markdown.js';
import type { InstanceChange, SiteDiff } from '../../../scripts/core/diff/types.js';
import { userServices } from '../../../scripts/core/kinds/user-services/index.js';
import { DIFF_FIXTURES, fixtureDiff } from '../../helpers/diff.js';

const context = { base: 'HEAD', head: 'services', color: false, kinds: [userServices] };
const render = (format: DiffFormatName, diff: SiteDiff, ctx = context) => diffRenderers[format](diff, ctx);
const golden = (name: string) => readFileSync(join(DIFF_FIXTURES, name), 'utf8');
const nothing: SiteDiff = { changes: [], otherFiles: [] };
const onlyOthers: SiteDiff = {
  changes: [],
  otherFiles: [
    { path: 'index.html', change: 'changed' },
    { path: 'robots.txt', change: 'added' },
  ],
};

describe('diff formats', () => {
  it('are text, markdown and json', () => {
    expect(DIFF_FORMAT_NAMES).toEqual(['text', 'markdown', 'json']);
  });

  // The fixtures hold one change of every class; the expected files were read line by line against the rules.
  it.each([
    ['text', 'expected.txt'],
    ['markdown', 'expected.md'],
    ['json', 'expected.json'],
  ] as const)('%s renders every class of change exactly', (format, file) => {
    expect(render(format, { ...fixtureDiff(), otherFiles: [] })).toBe(golden(file));
  });

  it('say plainly when nothing changed', () => {
    expect(render('text', nothing)).toBe('API diff HEAD -> services: No change to the published API\n');
    expect(render('markdown', nothing)).toBe(
      `✅ **No change to the published API** from \`HEAD\` to \`services\`.\n${DIFF_MARKER}\n`,
    );
    expect(render('json', nothing)).toBe(
      `${JSON.stringify(
        {
          version: 1,
          base: 'HEAD',
          head: 'services',
          verdict: null,
          counts: { breaking: 0, 'planned-removal': 0, deprecation: 0, undeprecation: 0, additive: 0, cosmetic: 0 },
          changes: [],
          otherFiles: [],
        },
        null,
        2,
      )}\n`,
    );
  });

  it('list the other files of the site apart from the API, without a class', () => {
    expect(render('text', onlyOthers)).toBe(
      [
        'API diff HEAD -> services: No change to the published API',
        '',
        'Other files of the site:',
        '  changed index.html',
        '  added robots.txt',
        '',
      ].join('\n'),
    );
    expect(render('markdown', onlyOthers)).toBe(
      [
        '✅ **No change to the published API** from `HEAD` to `services`.',
        DIFF_MARKER,
        '',
        'No instance changed; 2 other files of the site did.',
        '',
        '<details><summary>Details</summary>',
        '',
        '**Other files of the site**',
        '- changed `index.html`',
        '- added `robots.txt`',
        '',
        '</details>',
        '',
      ].join('\n'),
    );
    expect(JSON.parse(render('json', onlyOthers)).otherFiles).toEqual([
      { path: 'index.html', change: 'changed' },
      { path: 'robots.txt', change: 'added' },
    ]);
  });

  it('colour the verdict and the class labels of the text format on a terminal', () => {
    const lines = render('text', fixtureDiff(), { ...context, color: true }).split('\n');
    expect(lines[0]).toBe('API diff HEAD -> services: \u001b[31mBreaking API change\u001b[0m');
    expect(lines[3]).toBe(
      '\u001b[31m[breaking]\u001b[0m alpha: removed while still assignable; /api/v1/configs/user_services/alpha/ answers 404',
    );
    expect(lines).toContain('\u001b[32m[additive]\u001b[0m kappa: new service at /api/v1/configs/user_services/kappa/');
  });

  it('leave the details out of a markdown comment that GitHub would refuse as too long', () => {
    const long = 'x'.repeat(1000);
    const changes: InstanceChange[] = Array.from({ length: 40 }, (_, i) => ({
      kind: 'changed',
      instance: `s${i}`,
      renamedFrom: null,
      formerNames: [],
      technicalName: `S${i}`,
      url: `/api/v1/configs/user_services/s${i}/`,
      oldUrl: null,
      class: 'cosmetic',
      fields: [{ field: 'description', class: 'cosmetic', before: long, after: `${long}y` }],
      enters: [],
      leaves: [],
    }));
    const out = render('markdown', { changes, otherFiles: [] });
    expect(out.length).toBeLessThan(60_000);
    expect(out).not.toContain('<details>');
    expect(out.split('\n').slice(-3)).toEqual([
      '',
      '_The details are too long for a comment; run `user-services diff --base HEAD` to see them._',
      '',
    ]);
    expect(out.split('\n')[0]).toBe(
      '✏️ **Cosmetic API change** from `HEAD` to `services` (40 services changed: 40 cosmetic).',
    );
  });
});

describe('markdown code spans', () => {
  it.each([
    ['plain', '`plain`'],
    ['a `tick`', '`` a `tick` ``'],
    ['`start', '`` `start ``'],
    ['two `` ticks', '```two `` ticks```'],
  ])('%j -> %s', (text, expected) => {
    expect(code(text)).toBe(expected);
  });
});
