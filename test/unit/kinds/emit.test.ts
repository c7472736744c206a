/**
 * The emit is generic over kinds: a second kind, defined here only
 * (`widgets`: its objects, its table of pieces in the memo, and three steps:
 * its list, a page, and a step that reads the user services of the catalog),
 * is emitted beside user services without any change to the emit, the memo or
 * the shared steps, and leaves the user services' files as a one-kind emit
 * writes them.
 */
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { KeptEmitMemo } from '../../../scripts/app/emit-memo.js';
import { type JoinedSlot, joinedFile } from '../../../scripts/core/emit/fragments.js';
import { emitCatalog, emitCatalogApiFiles } from '../../../scripts/core/emit/index.js';
import type { EmittedKind } from '../../../scripts/core/emit/kind.js';
import type { Piece, PieceTable } from '../../../scripts/core/emit/memo.js';
import type { EmitOptions, KindStep } from '../../../scripts/core/emit/step.js';
import { type Catalog, objectsOf } from '../../../scripts/core/kinds/catalog.js';
import { userServices } from '../../../scripts/core/kinds/user-services/index.js';
import type { Service } from '../../../scripts/core/model/service.js';
import { manifestPath, type Site } from '../../../scripts/core/model/site.js';
import { CONTENT_SECURITY_POLICY } from '../../../scripts/core/serving/headers.js';
import { pageAssets, service } from '../../helpers/page.js';
import { emitSite } from '../../helpers/user-services-kind.js';

interface Widget {
  readonly name: string;
  readonly for_hg: boolean;
  readonly for_cc: boolean;
}

interface WidgetPieces {
  readonly object: Widget;
  entry: Piece | undefined;
  entryPretty: Piece | undefined;
}

const WIDGET_PIECES: PieceTable<Widget, WidgetPieces> = {
  name: 'widgets',
  newRecord: (object) => ({ object, entry: undefined, entryPretty: undefined }),
};

/** How many list entries the widgets' step rendered (the others were copied from the memo). */
let rendered = 0;
const entryText = (w: Widget, pretty: boolean): string => {
  rendered++;
  return JSON.stringify({ name: w.name, for_hg: w.for_hg, for_cc: w.for_cc }, null, pretty ? 2 : undefined);
};

const LIST = 'api/v1/configs/widgets/index.json';
const MEMBERS = 'api/v1/configs/widgets/_members/index.json';
const PAGE = 'widgets/index.html';

const emitWidgetList: KindStep<Widget> = ({ objects, options, memo }) => {
  const slot: JoinedSlot<Widget, 'entry' | 'entryPretty'> = {
    table: WIDGET_PIECES,
    slot: options.pretty ? 'entryPretty' : 'entry',
  };
  const frame = { head: '{"widgets":[', separator: ',', tail: ']}\n' };
  return [[LIST, joinedFile(memo, slot, objects, (w) => entryText(w, options.pretty), frame)]];
};

/** A cross-kind step: each widget's user services, those with every flag the widget has. */
const emitMembers: KindStep<Widget> = ({ objects, catalog }) => {
  const services = objectsOf<Service>(catalog, userServices);
  const members = objects.map((w) => [
    w.name,
    services.filter((s) => (!w.for_hg || s.for_hg) && (!w.for_cc || s.for_cc)).map((s) => s.technical_name),
  ]);
  return [[MEMBERS, new TextEncoder().encode(`${JSON.stringify(Object.fromEntries(members))}\n`)]];
};

const emitWidgetPage: KindStep<Widget> = ({ objects }) => [
  [PAGE, new TextEncoder().encode(`<!doctype html><title>Widgets</title><p>${objects.length} widgets</p>\n`)],
];

const widgets: EmittedKind<Widget> = {
  name: 'widgets',
  flags: ['for_hg', 'for_cc'],
  emitSteps: [emitWidgetList, emitMembers, emitWidgetPage],
  apiSteps: [emitWidgetList],
};

const SERVICES: readonly Service[] = [
  service({ instance: 'a', technical_name: 'A', for_hg: true }),
  service({ instance: 'b', technical_name: 'B', for_hg: true, for_cc: true, no_more_assignable: true }),
];
const WIDGETS: readonly Widget[] = [
  { name: 'w1', for_hg: true, for_cc: false },
  { name: 'w2', for_hg: true, for_cc: true },
];

const catalogOf = (services: readonly Service[], ws: readonly Widget[]): Catalog =>
  new Map<string, readonly object[]>([
    ['user_services', services],
    ['widgets', ws],
  ]);
const BOTH = [userServices, widgets];
const text = (bytes: Uint8Array | undefined): string => new TextDecoder().decode(bytes);
/** The paths of `a` whose bytes `b` does not hold. */
const differing = (a: Site, b: Site): string[] =>
  [...a].filter(([path, bytes]) => Buffer.compare(bytes, b.get(path) ?? new Uint8Array()) !== 0).map(([p]) => p);
const sameBytes = (a: Site, b: Site): boolean =>
  a.size === b.size && [...a].every(([path, bytes]) => Buffer.compare(bytes, b.get(path) ?? new Uint8Array()) === 0);

describe('an emit of a catalog of two kinds', () => {
  const options: EmitOptions = { pretty: false, page: pageAssets() };
  const one = emitSite(SERVICES, options);
  const both = emitCatalog(catalogOf(SERVICES, WIDGETS), BOTH, options);

  it("adds exactly the widgets' files, and leaves every user services' file as a one-kind emit writes it", () => {
    expect(sameBytes(emitCatalog(new Map([['user_services', SERVICES]]), [userServices], options), one)).toBe(true);
    expect([...both.keys()].filter((path) => !one.has(path))).toEqual([
      MEMBERS,
      LIST,
      // Netlify's error bodies of the widgets' list (its filters' 400s).
      'api/v1/errors/widgets/invalid-filter-value.json',
      'api/v1/errors/widgets/unknown-filter.json',
      PAGE,
    ]);
    expect(text(both.get(LIST))).toBe(
      '{"widgets":[{"name":"w1","for_hg":true,"for_cc":false},{"name":"w2","for_hg":true,"for_cc":true}]}\n',
    );
    expect(text(both.get(MEMBERS))).toBe('{"w1":["A","B"],"w2":["B"]}\n');
    expect(text(both.get(PAGE))).toBe('<!doctype html><title>Widgets</title><p>2 widgets</p>\n');
    // Only the shared files that list every file or serve every list: the host rules and the manifest.
    expect(differing(one, both)).toEqual(['_headers', '_redirects', manifestPath()]);
  });

  it("runs the shared steps after every kind: the manifest and the host rules list the widgets' files", () => {
    const manifest = JSON.parse(text(both.get(manifestPath()))) as { files: { path: string; size: number }[] };
    expect(manifest.files.map((f) => f.path)).toEqual([...both.keys()].filter((p) => p !== manifestPath()));
    expect(manifest.files.find((f) => f.path === LIST)?.size).toBe(both.get(LIST)?.length);
    const csp = `  Content-Security-Policy: ${CONTENT_SECURITY_POLICY}\n`;
    const root = `/\n${csp}/index.html\n${csp}`;
    const json = '/api/v1/configs/user_services/*\n  Content-Type: application/json\n';
    expect(text(both.get('_headers'))).toBe(
      text(one.get('_headers'))
        .replace(json, `${json}/api/v1/configs/widgets/*\n  Content-Type: application/json\n`)
        .replace(root, `${root}/widgets/\n${csp}/${PAGE}\n${csp}`),
    );
  });

  it("gives the same files whatever the order of the kinds, but for the host rules, which follow the kinds' order", () => {
    const reversed = emitCatalog(catalogOf(SERVICES, WIDGETS), [widgets, userServices], options);
    // Netlify's error bodies of the first kind's list lie in `api/v1/errors/`, the others' in a folder of their own.
    const errors = (kind: string) =>
      ['invalid-filter-value', 'unknown-filter'].map((c) => `api/v1/errors/${kind}/${c}.json`);
    expect([...reversed.keys()].filter((path) => !both.has(path))).toEqual(errors('user_services'));
    expect([...both.keys()].filter((path) => !reversed.has(path))).toEqual(errors('widgets'));
    expect(differing(both, reversed)).toEqual([
      '_headers',
      '_redirects',
      'api/v1/configs/user_services/_manifest/index.json',
      // It names the flags the list reads; the invalid value's body names none.
      'api/v1/errors/unknown-filter.json',
      ...errors('widgets'),
    ]);
  });

  it("compresses the widgets' files with the others, and lists no copy in the manifest", () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ name: `widget-${i}`, for_hg: i % 2 === 0, for_cc: false }));
    const compressed = { pretty: false, page: null, compress: true } as const;
    const site = emitCatalog(catalogOf(SERVICES, many), BOTH, compressed);
    expect(text(gunzipSync(site.get(`${LIST}.gz`) as Uint8Array))).toBe(text(site.get(LIST)));
    expect(site.has(`${LIST}.br`)).toBe(true);
    expect(text(site.get(manifestPath()))).not.toContain(`${LIST}.gz`);
    const alone = emitSite(SERVICES, compressed);
    expect([...alone.keys()].filter((path) => !site.has(path))).toEqual([]);
    expect(differing(alone, site)).toEqual(['_headers', '_redirects', manifestPath()]);
  });

  it("emits only each kind's API steps for diff", () => {
    const api = emitCatalogApiFiles(catalogOf(SERVICES, WIDGETS), BOTH);
    const servicesOnly = emitCatalogApiFiles(new Map([['user_services', SERVICES]]), [userServices]);
    expect([...api.keys()]).toEqual([...servicesOnly.keys(), LIST].sort());
    expect(text(api.get(LIST))).toBe(text(both.get(LIST)));
    expect(sameBytes(new Map([...api].filter(([p]) => p !== LIST)), servicesOnly)).toBe(true);
  });

  it('refuses, as a bug, two steps writing one path', () => {
    const clash: EmittedKind<Widget> = {
      ...widgets,
      emitSteps: [() => [['api/v1/configs/user_services/index.json', new Uint8Array()]]],
    };
    expect(() => emitCatalog(catalogOf(SERVICES, WIDGETS), [userServices, clash], options)).toThrow(
      'emit: two steps wrote api/v1/configs/user_services/index.json',
    );
  });
});

describe("a kept memo and the widgets' pieces", () => {
  it('gives the same bytes again, rendering only the widgets it has not seen', () => {
    const options: EmitOptions = { pretty: false, page: null };
    const memo = new KeptEmitMemo();
    const fresh = emitCatalog(catalogOf(SERVICES, WIDGETS), BOTH, options);
    rendered = 0;
    const first = emitCatalog(catalogOf(SERVICES, WIDGETS), BOTH, options, memo);
    expect(rendered).toBe(2);
    const second = emitCatalog(catalogOf(SERVICES, WIDGETS), BOTH, options, memo);
    expect(rendered).toBe(2);
    expect(sameBytes(first, fresh)).toBe(true);
    expect(sameBytes(second, fresh)).toBe(true);
    // A changed widget is a new object: only it is rendered, and the site is a fresh emit's.
    const changed = [WIDGETS[0] as Widget, { name: 'w2', for_hg: false, for_cc: true }];
    const third = emitCatalog(catalogOf(SERVICES, changed), BOTH, options, memo);
    expect(rendered).toBe(3);
    expect(sameBytes(third, emitCatalog(catalogOf(SERVICES, changed), BOTH, options))).toBe(true);
    expect(text(third.get(LIST))).toBe(
      '{"widgets":[{"name":"w1","for_hg":true,"for_cc":false},{"name":"w2","for_hg":false,"for_cc":true}]}\n',
    );
    // Indented, the widgets' other slot: rendered once, then kept beside the compact one.
    rendered = 0;
    emitCatalog(catalogOf(SERVICES, changed), BOTH, { pretty: true, page: null }, memo);
    expect(rendered).toBe(2);
    emitCatalog(catalogOf(SERVICES, changed), BOTH, { pretty: true, page: null }, memo);
    expect(rendered).toBe(2);
  });
});
