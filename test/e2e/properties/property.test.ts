/**
 * Properties of the generator over random valid catalogs (and some broken
 * ones), checked against the model in helpers/catalog-model.ts. Any seed must
 * pass; a failure prints the seed and the smallest catalog that breaks it.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BROADWORKS_SERVICE_NAMES } from '../../../scripts/core/model/broadworks-names.js';
import type { Site } from '../../../scripts/core/model/site.js';
import type { Input } from '../../../scripts/core/reading/input.js';
import { nameKey } from '../../../scripts/core/unicode/fold.js';
import { catalogArb, FLAGS, type ServiceSpec, serviceArb } from '../../helpers/arbitraries.js';
import {
  API,
  byCodePoints,
  expectedSite,
  FLAG_SETS,
  instanceOf,
  json,
  writeService,
} from '../../helpers/catalog-model.js';
import { analyzeInput } from '../../helpers/core.js';
import { mutationArb } from '../../helpers/mutations.js';
import { pageAssets } from '../../helpers/page.js';
import { platformFile } from '../../helpers/platform.js';
import { expectSameSite, inPathOrder } from '../../helpers/site.js';
import { emitSite } from '../../helpers/user-services-kind.js';

// PROPERTY_RUNS=5000 for a longer search; any seed must pass.
const RUNS = Number(process.env.PROPERTY_RUNS ?? 100);
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The catalog as read, with the platform file that declares its made-up technical names (BroadWorks has none of them). */
function inputOf(services: readonly ServiceSpec[]): Input {
  const made = services.map((s) => s.technical_name).filter((name) => !BROADWORKS_SERVICE_NAMES.includes(name));
  const platform = platformFile(...made);
  return {
    dir: 'services',
    files: [
      { kind: 'file', path: 'services/_platform.yaml', bytes: encoder.encode(platform) },
      ...services.map((s) => {
        const file = writeService(s);
        return { kind: 'file' as const, path: `services/${file.name}`, bytes: encoder.encode(file.text) };
      }),
    ],
  };
}

/**
 * The API's own JSON files of a site (other files, such as pages or compressed copies, are not the
 * API's, nor the folders for mirrors, whose names start with `_` as no instance name can).
 */
function apiFiles(site: Site): Map<string, string> {
  return new Map(
    [...site]
      .filter(([p]) => p.startsWith(`${API}/`) && p.endsWith('/index.json') && !p.startsWith(`${API}/_`))
      .map(([p, b]) => [p, decoder.decode(b)]),
  );
}

function build(services: readonly ServiceSpec[], pretty = false): Site {
  const analysis = analyzeInput(inputOf(services));
  expect(analysis.diagnostics).toEqual([]);
  return emitSite(analysis.services, { pretty, page: pageAssets() });
}

const read = (site: Site, path: string) => JSON.parse(decoder.decode(site.get(path)));

describe('for any valid catalog', () => {
  it('the list holds each service once, sorted by technical_name in code-point order', () => {
    fc.assert(
      fc.property(catalogArb(), (services) => {
        const list = read(build(services), `${API}/index.json`).user_services as Record<string, unknown>[];
        const names = services.map((s) => s.technical_name).sort(byCodePoints);
        expect(list.map((e) => e.technical_name)).toEqual(names);
        for (const entry of list) {
          const spec = services.find((s) => s.technical_name === entry.technical_name) as ServiceSpec;
          expect(Object.keys(entry)).toEqual(['technical_name', 'display_name', 'description', 'no_more_assignable']);
          expect(entry.display_name).toBe(spec.display_name ?? spec.technical_name);
          expect(entry.description).toBe(spec.description ?? '');
          expect(entry.no_more_assignable).toBe(spec.no_more_assignable ?? false);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('each of the 15 filter files holds exactly the services whose named flags are all true', () => {
    fc.assert(
      fc.property(catalogArb(), (services) => {
        const site = build(services);
        const filterPaths = [...site.keys()].filter(
          (p) => p.startsWith(`${API}/filters/`) && p.endsWith('/index.json'),
        );
        expect(filterPaths).toHaveLength(15);
        for (const flags of FLAG_SETS) {
          const listed = read(site, `${API}/filters/${flags.join('/')}/index.json`).user_services.map(
            (e: { technical_name: string }) => e.technical_name,
          );
          const wanted = services.filter((s) => flags.every((f) => s[f] === true));
          expect(new Set(listed)).toEqual(new Set(wanted.map((s) => s.technical_name)));
          expect(listed).toHaveLength(wanted.length);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('each instance file round-trips the source values with defaults applied, in the contract key order', () => {
    fc.assert(
      fc.property(catalogArb(6), fc.boolean(), (services, pretty) => {
        const site = build(services, pretty);
        for (const s of services) {
          const path = `${API}/${s.instance}/index.json`;
          const parsed = read(site, path);
          expect(Object.keys(parsed)).toEqual([
            'technical_name',
            'display_name',
            'description',
            'no_more_assignable',
            'for_hg',
            'for_ivr',
            'for_cc',
            'for_enduser',
            'add_data',
          ]);
          for (const flag of [...FLAGS, 'no_more_assignable'] as const) expect(parsed[flag]).toBe(s[flag] ?? false);
          // The exact bytes: values as written, add_data's keys in their order (integer-like ones included).
          expect(decoder.decode(site.get(path))).toBe(json(instanceOf(s), pretty));
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('the whole API is exactly the one the model computes, and nothing else under its root', () => {
    fc.assert(
      fc.property(catalogArb(), fc.boolean(), (services, pretty) => {
        expectSameSite(apiFiles(build(services, pretty)), inPathOrder(expectedSite(services, pretty)));
      }),
      { numRuns: RUNS },
    );
  });

  it('emitting does not depend on the order the files are read in', () => {
    fc.assert(
      fc.property(
        catalogArb().chain((services) =>
          fc.tuple(fc.constant(services), fc.shuffledSubarray(services, { minLength: services.length })),
        ),
        ([services, shuffled]) => {
          const a = build(services);
          const b = build(shuffled);
          expect([...b.keys()]).toEqual([...a.keys()]);
          for (const [path, bytes] of a) expect(Buffer.compare(b.get(path) as Uint8Array, bytes), path).toBe(0);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('adding then removing a service restores the exact previous site', () => {
    fc.assert(
      fc.property(catalogArb(), serviceArb, (services, extra) => {
        const clash = (s: ServiceSpec) =>
          s.instance.toLowerCase() === extra.instance.toLowerCase() ||
          nameKey(s.technical_name) === nameKey(extra.technical_name);
        fc.pre(!services.some(clash));
        const before = build(services);
        const added = build([...services, extra]);
        expect(added.has(`${API}/${extra.instance}/index.json`)).toBe(true);
        expectSameSite(apiFiles(added), inPathOrder(expectedSite([...services, extra])));
        const after = build(services);
        expect([...after.keys()]).toEqual([...before.keys()]);
        for (const [path, bytes] of before) expect(Buffer.compare(after.get(path) as Uint8Array, bytes), path).toBe(0);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('for a catalog with one broken file', () => {
  it('the expected diagnostic appears at the line and column of the change, and only that file is held back', () => {
    fc.assert(
      fc.property(catalogArb(6), mutationArb, fc.nat(), (services, mutation, pick) => {
        const target = services[pick % services.length] as ServiceSpec;
        const input = inputOf(services);
        const broken = mutation.apply(target);
        const path = `services/${target.instance}${target.extension}`;
        const files = input.files.map((f) => (f.path === path ? { ...f, bytes: encoder.encode(broken.text) } : f));
        const analysis = analyzeInput({ ...input, files });
        const found = analysis.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`);
        expect(found).toContain(`${path}:${broken.line}:${broken.column} ${broken.code}`);
        expect(analysis.diagnostics.every((d) => d.file === path)).toBe(true);
        expect(analysis.services.map((s) => s.instance).sort()).toEqual(
          services
            .filter((s) => s !== target)
            .map((s) => s.instance)
            .sort(),
        );
      }),
      { numRuns: RUNS },
    );
  });
});
