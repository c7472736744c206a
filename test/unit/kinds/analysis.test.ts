/**
 * The analysis is generic over kinds of configuration object: a second kind,
 * defined here alone (`widgets`, in the `_widgets` sub-folder, with a file
 * rule of its own and a catalog rule that checks its members against user
 * services), is read, judged, valued, sorted and cached beside user services,
 * and user services' own results stay what they are without it.
 */
import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { readServices } from '../../../scripts/adapters/read-services.js';
import { statServices } from '../../../scripts/adapters/stat-services.js';
import { analyze, analyzeTexts } from '../../../scripts/core/analysis/analyze.js';
import { decodeResult, encodeResult } from '../../../scripts/core/analysis/file-result-codec.js';
import type { AnalyzedKind } from '../../../scripts/core/analysis/kind.js';
import { catalogFields } from '../../../scripts/core/analysis/outline.js';
import { error } from '../../../scripts/core/diagnostics/diagnostic.js';
import { userServices } from '../../../scripts/core/kinds/user-services/index.js';
import type { Service } from '../../../scripts/core/model/service.js';
import type { Input, InputFile } from '../../../scripts/core/reading/input.js';
import { keyName, type Node } from '../../../scripts/core/reading/tree.js';
import type { Check, Rule } from '../../../scripts/core/rules/rule.js';
import { brief, inputFile } from '../../helpers/core.js';
import { tempDir, writeTree } from '../../helpers/fs.js';
import { refersTo, scalarAt } from '../../helpers/test-kinds.js';

interface Widget {
  readonly instance: string;
  readonly name: string;
  readonly member: string | null;
}

const textAt = (root: Node | null, field: string) => scalarAt(root, field);

/** A widget file needs a `name` string (an existing code: the test's rule borrows `missing-field`). */
const checkName: Check = ({ files }) =>
  files.flatMap((f) =>
    f.root === null || textAt(f.root, 'name') !== undefined
      ? []
      : [error('missing-field', f.locate(0), { field: 'name' })],
  );
const widgetName: Rule = {
  meta: { id: 'widget-name', scope: 'file', codes: ['missing-field'], docs: 'A widget has a name.' },
  check: checkName,
};

/** Each widget's `member` is a user service's technical name (borrowing `unknown-field`). */
const checkMembers = refersTo('member', 'user_services', 'technical_name');
const widgetMembers: Rule = {
  meta: { id: 'widget-members', scope: 'catalog', codes: ['unknown-field'], reads: ['member'], docs: 'Members exist.' },
  check: checkMembers,
};

const widgets: AnalyzedKind<Widget> = {
  name: 'widgets',
  flags: ['for_hg', 'for_cc'],
  folder: '_widgets',
  fileRules: [widgetName],
  catalogRules: [widgetMembers],
  toValue: (instance, root) => ({
    instance,
    name: textAt(root, 'name')?.value ?? '',
    member: textAt(root, 'member')?.value ?? null,
  }),
  order: (values) => [...values].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  encodeValue: (w) => [w.instance, w.name, w.member],
  decodeValue: (raw) => {
    if (!Array.isArray(raw) || raw.length !== 3) throw new Error('not an encoded widget');
    const [instance, name, member] = raw as [string, string, string | null];
    return { instance, name, member };
  },
};

const KINDS2: readonly AnalyzedKind[] = [userServices, widgets];
const file = (path: string, text: string, configKind?: string): InputFile =>
  inputFile(`services/${path}`, text, configKind);

const SERVICES = [
  file('a.yaml', 'technical_name: Call Waiting\n'),
  file('b.yaml', 'technical_name: Call Forwarding Always\n'),
];
const WIDGETS = [
  file('_widgets/a.yaml', 'name: Zeta\nmember: Call Waiting\n', 'widgets'),
  file('_widgets/b.yaml', 'name: Alpha\nmember: Call Waiting\n', 'widgets'),
  file('_widgets/c.yaml', 'name: Gone\nmember: Three-Way Call\n', 'widgets'),
  file('_widgets/d.yaml', 'member: Call Forwarding Always\n', 'widgets'),
  file('_widgets/B.yml', 'name: Again\n', 'widgets'),
];
const input: Input = { dir: 'services', files: [...SERVICES, ...WIDGETS] };

describe('the analysis of two kinds', () => {
  const analysis = analyze(input, KINDS2);

  it('gives each kind its valid objects in its own order', () => {
    const services = analysis.catalog.get('user_services') as readonly Service[];
    expect(services.map((s) => `${s.instance} ${s.technical_name}`)).toEqual([
      'b Call Forwarding Always',
      'a Call Waiting',
    ]);
    expect(analysis.catalog.get('widgets')).toEqual([{ instance: 'a', name: 'Zeta', member: 'Call Waiting' }]);
    expect([...analysis.catalog.keys()]).toEqual(['user_services', 'widgets']);
    expect(analysis.fileCount).toBe(7);
  });

  it("runs each kind's rules on its files alone, the shared ones on all, and names unique within a kind", () => {
    expect(brief(analysis.diagnostics)).toEqual([
      'services/_widgets/B.yml:1:1 duplicate-instance-name',
      'services/_widgets/b.yaml:1:1 duplicate-instance-name',
      'services/_widgets/c.yaml:2:9 unknown-field',
      'services/_widgets/d.yaml:1:1 missing-field',
    ]);
    const unknown = analysis.diagnostics.find((d) => d.code === 'unknown-field');
    expect(unknown?.args).toEqual({ field: 'Three-Way Call', suggestion: null });
    const missing = analysis.diagnostics.find((d) => d.code === 'missing-field');
    expect(missing?.args).toEqual({ field: 'name' });
  });

  it("keeps in each kind's outlines the fields its catalog rules read", () => {
    expect(catalogFields(widgets, KINDS2)).toEqual(['member']);
    const [service, widget] = analyzeTexts([SERVICES[0] as InputFile, WIDGETS[0] as InputFile], 'services', KINDS2);
    const keys = (n: Node | null | undefined) => (n?.kind === 'map' ? n.entries.map((e) => keyName(e.key)) : null);
    expect(keys(service?.outline.root)).toEqual(['technical_name']);
    expect(keys(widget?.outline.root)).toEqual(['member']);
    expect([service?.configKind, widget?.configKind]).toEqual(['user_services', 'widgets']);
  });

  it("leaves user services' results as they are without the second kind", () => {
    const alone = analyze({ dir: 'services', files: SERVICES }, [userServices]);
    expect(alone.catalog.get('user_services')).toEqual(analysis.catalog.get('user_services'));
    expect(alone.diagnostics).toEqual([]);
    const broken = [file('x.yaml', 'name: Not a service\n')];
    const both = analyze({ dir: 'services', files: [...SERVICES, ...broken] }, KINDS2);
    const one = analyze({ dir: 'services', files: [...SERVICES, ...broken] }, [userServices]);
    expect(brief(both.diagnostics)).toEqual(brief(one.diagnostics));
    expect(brief(one.diagnostics)).toEqual(['services/x.yaml:1:1 missing-field', 'services/x.yaml:1:1 unknown-field']);
  });

  it('keeps the results of both kinds through the cache codec, and refuses a kind not given', () => {
    const results = analyzeTexts(input.files, 'services', KINDS2);
    const stored = results.map((r) => JSON.parse(JSON.stringify(encodeResult(r, KINDS2))));
    expect(stored.map((s) => decodeResult(s, KINDS2)).map((r, i) => r === results[i])).not.toContain(true);
    expect(stored.map((s) => decodeResult(s, KINDS2))).toEqual(results);
    expect(stored[2]?.[5]).toEqual(['a', 'Zeta', 'Call Waiting']);
    expect(() => decodeResult(stored[2], [userServices])).toThrow('no kind widgets');
    expect(() => encodeResult(results[2] as (typeof results)[number], [userServices])).toThrow('no kind widgets');
  });
});

describe('the reading of two kinds', () => {
  const tree = {
    'services/a.yaml': 'technical_name: Call Waiting\n',
    'services/_widgets/w.yaml': 'name: W\nmember: Call Waiting\n',
    'services/_widgets/_platform.yaml': 'extra_service_names: []\n',
    'services/_widgets/notes.txt': 'x\n',
    'services/_other/x.yaml': 'name: X\n',
  };

  it("reads a kind's sub-folder, and reports it as an ignored entry when no kind has it", async () => {
    const work = writeTree(tempDir('user-services-kinds-'), tree);
    const dir = join(work, 'services');
    const both = await readServices(dir, work, KINDS2);
    expect(both.files.map((f) => `${f.path} ${f.configKind ?? '-'}`)).toEqual([
      'services/a.yaml -',
      'services/_widgets/w.yaml widgets',
    ]);
    expect(both.ignored).toEqual([
      { path: 'services/_other', type: 'directory' },
      { path: 'services/_widgets/_platform.yaml', type: 'file' },
      { path: 'services/_widgets/notes.txt', type: 'file' },
    ]);
    const one = await readServices(dir, work, [userServices]);
    expect(one.files.map((f) => f.path)).toEqual(['services/a.yaml']);
    expect(one.ignored?.map((e) => `${e.path} ${e.type}`)).toEqual([
      'services/_other directory',
      'services/_widgets directory',
    ]);
    const analysis = analyze(both, KINDS2);
    expect(analysis.catalog.get('widgets')).toEqual([{ instance: 'w', name: 'W', member: 'Call Waiting' }]);
    expect(brief(analysis.diagnostics)).toEqual([
      'services/_other:1:1 not-a-service-file',
      'services/_widgets/_platform.yaml:1:1 not-a-service-file',
      'services/_widgets/notes.txt:1:1 not-a-service-file',
    ]);
  });

  it('tells a change in a sub-folder from the listing taken without reading', async () => {
    const work = writeTree(tempDir('user-services-kinds-'), tree);
    const dir = join(work, 'services');
    const old = new Date('2020-01-01T00:00:00Z');
    for (const path of Object.keys(tree)) utimesSync(join(work, path), old, old);
    // Change times cannot be set: wait until they are too old to be racy (see statServices).
    await sleep(120);
    const before = statServices(dir, work);
    expect(before).toMatch(/^[0-9a-f]{40}$/);
    writeFileSync(join(dir, '_widgets/w.yaml'), 'name: V\nmember: Call Waiting\n');
    utimesSync(join(dir, '_widgets/w.yaml'), old, old);
    await sleep(120);
    const after = statServices(dir, work);
    expect(after).toMatch(/^[0-9a-f]{40}$/);
    expect(after).not.toBe(before);
    // What no reader reads there counts by name and type alone: its bytes change nothing, a new entry does.
    writeFileSync(join(dir, '_widgets/notes.txt'), 'other words, another size\n');
    await sleep(120);
    expect(statServices(dir, work)).toBe(after);
    writeFileSync(join(dir, '_widgets/more.txt'), '');
    utimesSync(join(dir, '_widgets'), old, old);
    await sleep(120);
    expect(statServices(dir, work)).not.toBe(after);
  });
});
