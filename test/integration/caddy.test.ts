/**
 * Debian's Caddy on loopback, serving a built site with the generated import
 * unchanged: the wrapper only sets what an administrator's Caddyfile would
 * (global options for a sandbox, address, root) and imports the file as built.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CADDY_FILE, CADDY_IMPORT } from '../../scripts/core/hosting/caddy.js';
import { hostingFiles } from '../../scripts/core/hosting/index.js';
import { lifecycleOf } from '../../scripts/core/serving/lifecycle.js';
import { FIXTURE_COUNT, FIXTURE_LARGE_INSTANCE } from '../helpers/fixture-catalog.js';
import { itBehavesLikeAHost } from '../helpers/host-behaviour.js';
import { CADDY, caddyWrapper } from '../helpers/host-servers.js';
import { type BuiltSite, buildFixtureCatalog, checkUrls, urlTable } from '../helpers/hosted-site.js';
import { freePort, programAvailable, type Running, runProgram, startServer } from '../helpers/program.js';

describe.runIf(programAvailable(CADDY))('Caddy with the generated configuration', () => {
  let built: BuiltSite;
  let server: Running;
  let prefix: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    built = buildFixtureCatalog();
    prefix = join(built.work, 'caddy');
    mkdirSync(prefix);
    env = { HOME: prefix, XDG_CONFIG_HOME: prefix, XDG_DATA_HOME: prefix };
    const port = await freePort();
    writeFileSync(join(prefix, 'Caddyfile'), caddyWrapper(prefix, port, built.dist, join(built.hosting, CADDY_IMPORT)));
    const args = ['run', '--config', join(prefix, 'Caddyfile'), '--adapter', 'caddyfile'];
    server = await startServer(CADDY, args, port, env);
  });

  afterAll(() => server?.stop());

  it('is given the import exactly as the build wrote it', () => {
    expect(built.hostingFiles.get(CADDY_IMPORT)).toEqual(
      Buffer.from(hostingFiles(lifecycleOf(built.site)).get(CADDY_IMPORT) as Uint8Array),
    );
  });

  it('answers every URL of the site with its status, JSON type, CORS, cache policy and exact bytes; br and gzip decode to them', async () => {
    const cases = urlTable(built.site);
    // The list twice, each filter three ways, each instance, the six folders for mirrors (_full/,
    // _index/, _deprecations/, _renames/, _history/, _manifest/), one unknown instance.
    expect(cases).toHaveLength(2 + 15 * 3 + FIXTURE_COUNT + 6 + 1);
    // The list, the filters, the one large instance, _full/, _index/ and _history/ have copies (sent
    // compressed); the other instances and the 404 body are under 1 KiB, and the manifest is made after them.
    const compressed = cases.filter((c) => built.site.has(`${c.file}.gz`) && built.site.has(`${c.file}.br`));
    expect(compressed).toHaveLength(2 + 15 * 3 + 1 + 3);
    expect(compressed.filter((c) => c.url.endsWith(`/${FIXTURE_LARGE_INSTANCE}/`))).toHaveLength(1);
    expect(await checkUrls(server.origin, built.site, cases, ['gzip', 'br'])).toEqual([]);
  });

  itBehavesLikeAHost(() => ({ origin: server.origin, page: built.site.get('index.html') as Buffer }), {
    htmlType: 'text/html; charset=utf-8',
  });

  it('accepts the complete example Caddyfile, once its import is where it says', () => {
    const installed = '/etc/caddy/user-services.caddy';
    const example = (built.hostingFiles.get(CADDY_FILE) as Buffer).toString();
    expect(example).toContain(`import ${installed}\n`);
    const path = join(prefix, 'Example');
    writeFileSync(path, example.replace(`import ${installed}\n`, `import ${join(built.hosting, CADDY_IMPORT)}\n`));
    const result = runProgram(CADDY, ['adapt', '--config', path, '--adapter', 'caddyfile']);
    expect([result.status, result.output]).toEqual([0, expect.stringContaining('"file_server"')]);
  });
});
