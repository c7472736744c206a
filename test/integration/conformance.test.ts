/**
 * The conformance table against every host runtime, one start of each per
 * run, every row against it: the preview server, nginx and Caddy with the
 * generated files, Cloudflare's runtime (`wrangler pages dev`) and Netlify's
 * (`netlify dev --offline`) on the built folder as published, and S3 + CloudFront
 * (the generated functions run as CloudFront runs them, before a local bucket). Each host's
 * documented differences are asserted exactly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CACHE_REVALIDATE, CACHE_SHORT } from '../../scripts/core/hosting/policy.js';
import { startCloudFrontS3 } from '../helpers/cloudfront-s3.js';
import { ERROR_NEVER_KEPT, type HostProfile, runConformance } from '../helpers/conformance.js';
import { HOST_DIFFERENCES } from '../helpers/host-differences.js';
import { type HostRuntime, hostRuntimesAvailable, startHostRuntime } from '../helpers/host-runtimes.js';
import { CADDY, NGINX, startCaddy, startNginx } from '../helpers/host-servers.js';
import { type BuiltSite, buildFixtureCatalog } from '../helpers/hosted-site.js';
import { programAvailable, type Running } from '../helpers/program.js';
import { LISTENING, type ServeProcess, startServe } from '../helpers/serve.js';

let built: BuiltSite;
beforeAll(() => {
  built = buildFixtureCatalog();
});

const profile = (
  name: keyof typeof HOST_DIFFERENCES,
  cache: string,
  errorCache: readonly (string | undefined)[] = ERROR_NEVER_KEPT,
): HostProfile => ({ name, cache, errorCache, differences: HOST_DIFFERENCES[name] });

/**
 * Netlify's local runtime replaces the Cache-Control of static files with its own `public,
 * max-age=0` (Netlify's CDN sends `_headers`' own), and its rewrites to the JSON 400 bodies
 * carry the list URL's headers: `max-age=0`, so a cache must ask again each time.
 */
const NETLIFY_DEV_CACHE = 'public, max-age=0';
const CACHES: Record<HostRuntime, [string, readonly (string | undefined)[]]> = {
  wrangler: [CACHE_REVALIDATE, ERROR_NEVER_KEPT],
  netlify: [NETLIFY_DEV_CACHE, [...ERROR_NEVER_KEPT, NETLIFY_DEV_CACHE, CACHE_REVALIDATE]],
};

describe('the preview server', () => {
  let serve: ServeProcess;
  let origin = '';
  beforeAll(async () => {
    // With the history the build published (buildFixtureCatalog: --history 5).
    serve = startServe(['--port', '0', '--history', '5'], built.work);
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

describe('S3 + CloudFront: the generated functions in front of the objects s3/upload.sh uploads', () => {
  let server: Running;
  beforeAll(async () => {
    server = await startCloudFrontS3(built.site);
  });
  afterAll(() => server?.stop());

  it('gives the spec answer to every row, or its documented difference', async () => {
    expect(await runConformance(server.origin, built.site, profile('S3 + CloudFront', CACHE_SHORT))).toEqual([]);
  });
});

const RUNTIMES: readonly [string, HostRuntime, keyof typeof HOST_DIFFERENCES][] = [
  ['Cloudflare Pages (wrangler pages dev) with the generated Worker', 'wrangler', 'Cloudflare Pages'],
  ['Netlify (netlify dev --offline) with _headers and _redirects', 'netlify', 'Netlify'],
];

describe.runIf(hostRuntimesAvailable()).each(RUNTIMES)('%s', (_title, kind, name) => {
  let server: Running;
  beforeAll(async () => {
    server = await startHostRuntime(kind, built.dist, built.work);
  }, 120_000);
  afterAll(() => server?.stop(), 30_000);

  it('gives the spec answer to every row, or its documented difference', async () => {
    expect(await runConformance(server.origin, built.site, profile(name, ...CACHES[kind]))).toEqual([]);
  }, 120_000);
});
