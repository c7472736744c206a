/**
 * The fixture catalog built by the bundled command line into a temporary
 * folder, and the table of URLs every host must answer with the bytes of
 * that build: the same table for nginx and Caddy.
 */
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { CACHE_SHORT, NOT_FOUND_PATH } from '../../scripts/core/hosting/policy.js';
import { userServicesIdentity } from '../../scripts/core/kinds/user-services/identity.js';
import { FLAGS } from '../../scripts/core/model/service.js';
import { filterPath, filterSets, listPath, listRoot } from '../../scripts/core/model/site.js';
import { lifecycleOf } from '../../scripts/core/serving/lifecycle.js';
import { runCli } from './cli.js';
import { copyFixtureCatalog } from './fixture-catalog.js';
import { readTree, tempDir } from './fs.js';
import { git } from './git.js';
import { rawRequest } from './raw-http.js';
import { testKey } from './signing.js';
import { USER_SERVICES_ONLY } from './user-services-kind.js';

const API_ROOT = listRoot(userServicesIdentity);
export interface BuiltSite {
  /** The temporary folder holding services/, dist and hosting. */
  readonly work: string;
  readonly dist: string;
  readonly hosting: string;
  /** The published files, by path. */
  readonly site: Map<string, Buffer>;
  readonly hostingFiles: Map<string, Buffer>;
}

export function buildFixtureCatalog(): BuiltSite {
  const work = tempDir('user-services-hosted-');
  // Servers that drop privileges read the site as another user.
  chmodSync(work, 0o755);
  copyFixtureCatalog(work);
  // Committed, so that the site has its history and feed, and signed, so that it has the manifest's signature.
  git(work, 'init', '-q');
  git(work, 'add', '-A');
  git(work, 'commit', '-q', '-m', 'catalog');
  const run = runCli(['build', '--history', '5', '--signing-key', testKey().privateFile], { cwd: work });
  if (run.status !== 0) throw new Error(`build failed: ${run.stderr}`);
  const dist = join(work, 'dist');
  const hosting = join(work, 'hosting');
  return { work, dist, hosting, site: readTree(dist), hostingFiles: readTree(hosting) };
}

export interface UrlCase {
  readonly url: string;
  readonly status: number;
  /** The site file whose bytes answer. */
  readonly file: string;
}

const API = `/${API_ROOT}/`;

/** The list, each filter by path and by query string (`true`; `1` in reverse order with the other flags false or 0), each instance, one unknown instance. */
export function urlTable(site: ReadonlyMap<string, Uint8Array>): UrlCase[] {
  const ok = (url: string, file: string): UrlCase => ({ url, status: 200, file });
  const cases = [
    ok(API, listPath(userServicesIdentity)),
    ok(`${API}?for_hg=false&for_cc=0&for_ivr=false&for_enduser=0`, listPath(userServicesIdentity)),
  ];
  for (const set of filterSets(userServicesIdentity)) {
    const others = FLAGS.filter((f) => !set.includes(f)).map((f, i) => `${f}=${i % 2 === 0 ? 'false' : '0'}`);
    cases.push(
      ok(`${API}filters/${set.join('/')}/`, filterPath(userServicesIdentity, set)),
      ok(`${API}?${set.map((f) => `${f}=true`).join('&')}`, filterPath(userServicesIdentity, set)),
      ok(
        `${API}?${[...set.map((f) => `${f}=1`).reverse(), ...others].join('&')}`,
        filterPath(userServicesIdentity, set),
      ),
    );
  }
  // The copies at previous names are no URLs of their own: every host but GitHub Pages redirects them.
  const copies = new Set([...lifecycleOf(site, USER_SERVICES_ONLY).redirects.keys()].map((url) => url.slice(1)));
  const instances = [...site.keys()].filter(
    (p) => p.startsWith(API.slice(1)) && /^[^/]+\/index\.json$/.test(p.slice(API.length - 1)) && !copies.has(p),
  );
  for (const file of instances) cases.push(ok(`/${file.slice(0, -'index.json'.length)}`, file));
  cases.push({ url: `${API}no-such-service/`, status: 404, file: NOT_FOUND_PATH });
  return cases;
}

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(', ') : value);
const DECODERS = { gzip: gunzipSync, br: brotliDecompressSync } as const;
const EXTENSIONS = { gzip: 'gz', br: 'br' } as const;

/**
 * Requests every case, plainly and with each encoding, and returns what is
 * wrong: status, type, CORS, nosniff, cache policy, and the bytes (decoded
 * when the server sent a precompressed copy; `served` says which encodings
 * the server can send).
 */
export async function checkUrls(
  origin: string,
  site: ReadonlyMap<string, Uint8Array>,
  cases: readonly UrlCase[],
  served: readonly (keyof typeof DECODERS)[],
): Promise<string[]> {
  const problems: string[] = [];
  for (const c of cases) {
    const bytes = site.get(c.file) as Uint8Array;
    const plain = await rawRequest(origin + c.url);
    const seen = {
      status: plain.status,
      type: header(plain.headers['content-type']),
      cors: header(plain.headers['access-control-allow-origin']),
      nosniff: header(plain.headers['x-content-type-options']),
      cache: header(plain.headers['cache-control']),
      encoding: header(plain.headers['content-encoding']),
    };
    const want = { status: c.status, type: 'application/json', cors: '*', nosniff: 'nosniff', cache: CACHE_SHORT };
    if (JSON.stringify(seen) !== JSON.stringify({ ...want, encoding: undefined })) {
      problems.push(`${c.url}: ${JSON.stringify(seen)}`);
    }
    if (Buffer.compare(plain.body, bytes) !== 0) problems.push(`${c.url}: not the bytes of ${c.file}`);
    for (const encoding of ['gzip', 'br'] as const) {
      const r = await rawRequest(origin + c.url, { 'Accept-Encoding': encoding });
      const copy = served.includes(encoding) && site.has(`${c.file}.${EXTENSIONS[encoding]}`);
      const sent = header(r.headers['content-encoding']);
      const body = sent === encoding ? DECODERS[encoding](r.body) : r.body;
      if (r.status !== c.status || sent !== (copy ? encoding : undefined) || Buffer.compare(body, bytes) !== 0) {
        problems.push(`${c.url} (${encoding}): status ${r.status}, encoding ${sent}, ${body.length} bytes`);
      }
    }
  }
  return problems;
}
