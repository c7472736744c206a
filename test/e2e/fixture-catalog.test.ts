/**
 * The fixture catalog holds what the behaviour tests rely on (see
 * helpers/fixture-catalog.ts), so that a test built on it still tests what it
 * says; and it passes what any catalog must.
 */
import { describe, expect, it } from 'vitest';
import { COMPRESS_MIN_BYTES } from '../../scripts/core/emit/compress.js';
import { itHoldsForAnyCatalog } from '../helpers/any-catalog.js';
import type { Obj, ServiceSpec, Value } from '../helpers/arbitraries.js';
import { readSpecs, serviceFileNames } from '../helpers/catalog-files.js';
import { API, byCodePoints, expectedSite, FLAG_SETS } from '../helpers/catalog-model.js';
import {
  FIXTURE_COUNT,
  FIXTURE_LARGE_INSTANCE,
  FIXTURE_NO_MORE_ASSIGNABLE,
  FIXTURE_SERVICES,
} from '../helpers/fixture-catalog.js';

const specs: ServiceSpec[] = readSpecs(FIXTURE_SERVICES);
const isObj = (v: Value | undefined): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const keysOf = (o: Obj) => o.entries.map(([k]) => k);
const texts = (pick: (s: ServiceSpec) => (string | undefined)[]) => specs.flatMap(pick).filter((t) => t !== undefined);

describe('the fixture catalog', () => {
  it('holds its count of services, one in a .yml file, some of them no more assignable', () => {
    expect(serviceFileNames(FIXTURE_SERVICES)).toHaveLength(FIXTURE_COUNT);
    expect(specs.filter((s) => s.extension === '.yml').length).toBeGreaterThan(0);
    expect(specs.filter((s) => s.no_more_assignable === true)).toHaveLength(FIXTURE_NO_MORE_ASSIGNABLE);
    expect(FIXTURE_NO_MORE_ASSIGNABLE).toBeGreaterThan(0);
  });

  it('makes each of the 15 filters non-empty, different from every other filter and from the list', () => {
    const members = FLAG_SETS.map((flags) =>
      specs
        .filter((s) => flags.every((f) => s[f] === true))
        .map((s) => s.instance)
        .sort(),
    );
    for (const m of members) expect(m.length).toBeGreaterThan(0);
    const distinct = new Set([...members, specs.map((s) => s.instance).sort()].map((m) => m.join(' ')));
    expect(distinct.size).toBe(16);
  });

  it('has add_data nested in maps and lists, with keys out of alphabetical order and integer-like keys', () => {
    const nested = specs.filter((s) => s.add_data?.entries.some(([, v]) => isObj(v) && v.entries.length > 0));
    expect(nested.length).toBeGreaterThan(0);
    const keys = (o: Obj): string[][] => [keysOf(o), ...o.entries.flatMap(([, v]) => (isObj(v) ? keys(v) : []))];
    const orders = nested.flatMap((s) => keys(s.add_data as Obj));
    expect(orders.some((k) => k.join() !== [...k].sort().join())).toBe(true);
    expect(orders.flat().filter((k) => /^\d+$/.test(k)).length).toBeGreaterThan(1);
    expect(nested.some((s) => s.add_data?.entries.some(([, v]) => Array.isArray(v)))).toBe(true);
  });

  it('has names and descriptions beyond ASCII, and every character HTML escapes', () => {
    const names = texts((s) => [s.technical_name, s.display_name]);
    const descriptions = texts((s) => [s.description]);
    for (const group of [names, descriptions]) expect(group.some((t) => /[^\x20-\x7e]/.test(t))).toBe(true);
    for (const c of ['<', '>', '&', '"', "'"])
      expect([...names, ...descriptions].some((t) => t.includes(c))).toBe(true);
  });

  it('has technical names whose code-point order is not the locale order', () => {
    const names = specs.map((s) => s.technical_name);
    const byLocale = [...names].sort((a, b) => a.localeCompare(b, 'en'));
    expect([...names].sort(byCodePoints)).not.toEqual(byLocale);
  });

  it('has an instance name that is not its technical name in lower case with dashes', () => {
    expect(specs.filter((s) => !/^[a-z0-9-]+$/.test(s.instance)).map((s) => s.instance)).toEqual(['BLF_v2']);
  });

  it('has the list, every filter and one instance of 1 KiB or more, and every other instance below', () => {
    const site = expectedSite(specs);
    const large = [...site].filter(([, text]) => Buffer.byteLength(text) >= COMPRESS_MIN_BYTES).map(([p]) => p);
    const lists = [`${API}/index.json`, ...FLAG_SETS.map((flags) => `${API}/filters/${flags.join('/')}/index.json`)];
    expect(large.sort()).toEqual([...lists, `${API}/${FIXTURE_LARGE_INSTANCE}/index.json`].sort());
  });
});

describe('the fixture catalog, as any catalog', () => {
  itHoldsForAnyCatalog(() => FIXTURE_SERVICES);
});
