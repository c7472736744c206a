/**
 * A site of two kinds through the real nginx and Caddy, with the host files
 * generated for both: user services (the fixture catalog) beside a `widgets`
 * kind of this file only (flags for_hg and for_cc), whose files are written
 * here. Each host answers each list's filters as the request semantics do
 * (`resolveRequest` over both kinds): the same file, or the same error code.
 */
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitCatalog } from '../../scripts/core/emit/index.js';
import type { KindStep } from '../../scripts/core/emit/step.js';
import { hostingFiles } from '../../scripts/core/hosting/index.js';
import type { KindIdentity } from '../../scripts/core/kinds/kind.js';
import { userServicesIdentity } from '../../scripts/core/kinds/user-services/identity.js';
import { userServices } from '../../scripts/core/kinds/user-services/index.js';
import { filterPath, filterSets, instancePath, listPath } from '../../scripts/core/model/site.js';
import { lifecycleOf } from '../../scripts/core/serving/lifecycle.js';
import { servedLists } from '../../scripts/core/serving/lists.js';
import { resolveRequest } from '../../scripts/core/serving/request.js';
import { fixtureServices } from '../helpers/fixture-catalog.js';
import { tempDir, writeTree } from '../helpers/fs.js';
import { CADDY, NGINX, startCaddy, startNginx } from '../helpers/host-servers.js';
import type { BuiltSite } from '../helpers/hosted-site.js';
import { programAvailable, type Running } from '../helpers/program.js';

const widgets: KindIdentity = { name: 'widgets', flags: ['for_hg', 'for_cc'] };
const KINDS = [userServicesIdentity, widgets];
const W = '/api/v1/configs/widgets';
const U = '/api/v1/configs/user_services';

const TARGETS = [
  `${W}/`,
  `${W}/?for_cc=true`,
  `${W}/index.json?for_hg=1&for_cc=1`,
  `${W}/?for_hg=0&for_cc=1`,
  `${W}/?for_ivr=true`,
  `${W}/?FOR_HG=true`,
  `${W}/?for_hg=yes`,
  `${W}/?for_cc=1&for_cc=1`,
  `${W}/blue/`,
  `${W}/blue/?for_ivr=1`,
  `${W}/nope/`,
  `${U}/?for_ivr=true&for_hg=1`,
  `${U}/index.json?for_enduser=1`,
  `${U}/?for_xx=1`,
];

/** The widgets' list, filters and one instance, each file naming its own path. */
const widgetFiles: KindStep<object> = () =>
  [listPath(widgets), ...filterSets(widgets).map((f) => filterPath(widgets, f)), instancePath(widgets, 'blue')].map(
    (path) => [path, new TextEncoder().encode(`{"file":"${path}"}\n`)],
  );

/** The fixture catalog's site with the widgets' list, filters and one instance beside it, and the host files of both. */
async function buildTwoKinds(): Promise<BuiltSite> {
  const catalog = new Map([[userServices.name, await fixtureServices()]]);
  const emitted = [userServices, { ...widgets, emitSteps: [widgetFiles], apiSteps: [] }];
  const site = emitCatalog(catalog, emitted, { pretty: false, page: null });
  const work = tempDir('user-services-two-kinds-');
  chmodSync(work, 0o755);
  const hosting = hostingFiles(KINDS, lifecycleOf(site, KINDS));
  const [dist, hostingDir] = [join(work, 'dist'), join(work, 'hosting')];
  writeTree(dist, Object.fromEntries(site));
  writeTree(hostingDir, Object.fromEntries(hosting));
  const buffers = (files: ReadonlyMap<string, Uint8Array>) => new Map([...files].map(([p, b]) => [p, Buffer.from(b)]));
  return { work, dist, hosting: hostingDir, site: buffers(site), hostingFiles: buffers(hosting) };
}

/** What the request semantics answer `target` with: the status, and the file's bytes or the error's code. */
function expected(built: BuiltSite, target: string): [number, string] {
  const lists = servedLists(KINDS);
  const r = resolveRequest({ method: 'GET', target, body: new Uint8Array() }, built.site, lists);
  if (r.kind === 'file') return [200, (built.site.get(r.path) as Buffer).toString()];
  if (r.kind === 'error') return [r.error.status, r.error.code];
  throw new Error(`unexpected answer to ${target}: ${r.kind}`);
}

/** What a host answers `target` with, as `expected` gives it. */
async function answered(origin: string, target: string): Promise<[number, string]> {
  const response = await fetch(`${origin}${target}`, { redirect: 'manual' });
  const text = await response.text();
  if (response.status === 200) return [200, text];
  return [response.status, (JSON.parse(text) as { error: { code: string } }).error.code];
}

const HOSTS = [
  ['nginx', NGINX, (built: BuiltSite) => startNginx(built, 'nginx-two-kinds')],
  ['Caddy', CADDY, (built: BuiltSite) => startCaddy(built, 'caddy-two-kinds')],
] as const;

for (const [name, program, start] of HOSTS) {
  describe.runIf(programAvailable(program))(`${name} with the host files of two kinds`, () => {
    let built: BuiltSite;
    let server: Running;

    beforeAll(async () => {
      built = await buildTwoKinds();
      server = await start(built);
    });

    afterAll(() => server?.stop());

    it("answers each kind's list with the filters of that kind, as the request semantics do", async () => {
      const expectations = TARGETS.map((t) => [t, ...expected(built, t)]);
      expect(expectations.slice(0, 4).map(([, , body]) => body)).toEqual([
        `{"file":"api/v1/configs/widgets/index.json"}\n`,
        `{"file":"api/v1/configs/widgets/filters/for_cc/index.json"}\n`,
        `{"file":"api/v1/configs/widgets/filters/for_hg/for_cc/index.json"}\n`,
        `{"file":"api/v1/configs/widgets/filters/for_cc/index.json"}\n`,
      ]);
      const answers = await Promise.all(TARGETS.map(async (t) => [t, ...(await answered(server.origin, t))]));
      expect(answers).toEqual(expectations);
    });

    it('labels the widgets files JSON and redirects their folder URLs to the final slash', async () => {
      const file = await fetch(`${server.origin}${W}/blue/`);
      expect([file.status, file.headers.get('content-type')]).toEqual([200, 'application/json']);
      const moved = await fetch(`${server.origin}${W}/blue?x=1`, { redirect: 'manual' });
      expect([moved.status, moved.headers.get('location')]).toEqual([308, `${W}/blue/?x=1`]);
    });
  });
}
