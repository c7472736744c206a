/**
 * Properties of builds on disk, through the command line run in process: the
 * published files are the model's, `check` and `build` agree, and a build after
 * adding then removing a service writes the previous bytes.
 */
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { nameKey } from '../../../scripts/core/unicode/fold.js';
import { catalogArb, type ServiceSpec, serviceArb } from '../../helpers/arbitraries.js';
import { API, expectedSite, writeService } from '../../helpers/catalog-model.js';
import { readTree, tempDir } from '../../helpers/fs.js';
import { runInProcess } from '../../helpers/in-process.js';
import { type Mutation, mutationArb } from '../../helpers/mutations.js';
import { expectSameSite, inPathOrder } from '../../helpers/site.js';

/** Each property runs 15 to 25 builds of a catalog: on a loaded machine more than the default 30 s. */
const PROPERTY_TIMEOUT_MS = 120_000;

describe('on disk, through the command line in-process', () => {
  const root = tempDir('user-services-property-');
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  let run = 0;

  const cli = runInProcess;

  function writeCatalog(dir: string, services: readonly ServiceSpec[], broken?: { spec: ServiceSpec; m: Mutation }) {
    rmSync(join(dir, 'services'), { recursive: true, force: true });
    mkdirSync(join(dir, 'services'), { recursive: true });
    for (const s of services) {
      const text = broken?.spec === s ? broken.m.apply(s).text : writeService(s).text;
      writeFileSync(join(dir, 'services', `${s.instance}${s.extension}`), text);
    }
  }

  it(
    'check and build report the same diagnostics and exit status',
    async () => {
      await fc.assert(
        fc.asyncProperty(catalogArb(5), fc.option(mutationArb, { nil: undefined }), async (services, m) => {
          const dir = join(root, `agree-${run++}`);
          writeCatalog(dir, services, m === undefined ? undefined : { spec: services[0] as ServiceSpec, m });
          const check = await cli(['check', '--format', 'json'], dir);
          const built = await cli(['build', '--format', 'json'], dir);
          expect(built.status).toBe(check.status);
          expect(check.status).toBe(m === undefined ? 0 : 1);
          const [c, b] = [JSON.parse(check.stdout), JSON.parse(built.stdout)];
          expect(b.diagnostics).toEqual(c.diagnostics);
          expect(b.summary.services).toBe(c.summary.services);
          if (m === undefined) expectSameSite(apiFilesOnDisk(join(dir, 'dist')), inPathOrder(expectedSite(services)));
        }),
        { numRuns: 25 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'a build after adding then removing a service writes the previous bytes, and untouched files keep their time',
    async () => {
      await fc.assert(
        fc.asyncProperty(catalogArb(5), serviceArb, async (services, extra) => {
          fc.pre(!services.some((s) => s.instance.toLowerCase() === extra.instance.toLowerCase()));
          fc.pre(!services.some((s) => nameKey(s.technical_name) === nameKey(extra.technical_name)));
          const dir = join(root, `add-remove-${run++}`);
          const dist = join(dir, 'dist');
          writeCatalog(dir, services);
          expect((await cli(['build'], dir)).status).toBe(0);
          const first = readTree(dist);
          const instanceTimes = services.map((s) => statSync(join(dist, API, s.instance, 'index.json')).mtimeMs);
          writeCatalog(dir, [...services, extra]);
          expect((await cli(['build'], dir)).status).toBe(0);
          expect(readTree(dist).has(`${API}/${extra.instance}/index.json`)).toBe(true);
          writeCatalog(dir, services);
          expect((await cli(['build'], dir)).status).toBe(0);
          expectSameSite(apiFilesOnDisk(dist), textOf(first));
          expect(services.map((s) => statSync(join(dist, API, s.instance, 'index.json')).mtimeMs)).toEqual(
            instanceTimes,
          );
        }),
        { numRuns: 15 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

// The folders for mirrors (`_full/`, ...) are not the model's: their names start with `_`.
const isApi = ([p]: [string, unknown]) =>
  p.startsWith(`${API}/`) && p.endsWith('/index.json') && !p.startsWith(`${API}/_`);

function textOf(tree: Map<string, Buffer>): Map<string, string> {
  return new Map([...tree].filter(isApi).map(([p, b]): [string, string] => [p, b.toString()]));
}

const apiFilesOnDisk = (dist: string) => textOf(readTree(dist));
