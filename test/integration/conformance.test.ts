/**
 * The conformance table against every host runtime, one start of each per
 * run, every row against it: the preview server, nginx and Caddy with the
 * generated files. Each host's documented differences are asserted exactly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CACHE_SHORT } from '../../scripts/core/hosting/policy.js';
import { ERROR_NEVER_KEPT, type HostProfile, runConformance } from '../helpers/conformance.js';
import { HOST_DIFFERENCES } from '../helpers/host-differences.js';
import { CADDY, NGINX, startCaddy, startNginx } from '../helpers/host-servers.js';
import { type BuiltSite, buildFixtureCatalog } from '../helpers/hosted-site.js';
import { programAvailable, type Running } from '../helpers/program.js';
import { LISTENING, type ServeProcess, startServe } from '../helpers/serve.js';

let built: BuiltSite;
beforeAll(() => {
  built = buildFixtureCatalog();
});

const profile = (name: keyof typeof HOST_DIFFERENCES, cache: string): HostProfile => ({
  name,
  cache,
  errorCache: ERROR_NEVER_KEPT,
  differences: HOST_DIFFERENCES[name],
});

describe('the preview server', () => {
  let serve: ServeProcess;
  let origin = '';
  beforeAll(async () => {
    serve = startServe(['--port', '0'], built.work);
    [, origin = ''] = await serve.waitFor(LISTENING);
  });
  afterAll(async () => {
    serve.child.kill('SIGTERM');
    await serve.exited;
  });

  it('gives the spec answer to every row', async () => {
    expect(await runConformance(origin, built.site, profile('serve', 'no-cache'))).toEqual([]);
  });
});

describe.runIf(programAvailable(NGINX))('nginx with the generated include', () => {
  let server: Running;
  beforeAll(async () => {
    server = await startNginx(built);
  });
  afterAll(() => server?.stop());

  it('gives the spec answer to every row, or its documented difference', async () => {
    expect(await runConformance(server.origin, built.site, profile('nginx', CACHE_SHORT))).toEqual([]);
  });
});

describe.runIf(programAvailable(CADDY))('Caddy with the generated import', () => {
  let server: Running;
  beforeAll(async () => {
    server = await startCaddy(built);
  });
  afterAll(() => server?.stop());

  it('gives the spec answer to every row, or its documented difference', async () => {
    expect(await runConformance(server.origin, built.site, profile('Caddy', CACHE_SHORT))).toEqual([]);
  });
});
