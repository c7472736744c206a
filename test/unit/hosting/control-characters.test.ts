/**
 * Every generated host file is text: no control character (Unicode general
 * category Cc) but the line feed, and the tab where the format indents with it
 * (Caddy's). Raw NUL or DEL bytes make grep call a file binary and diff skip it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CADDY_FILE, CADDY_IMPORT, caddyImport } from '../../../scripts/core/hosting/caddy.js';
import { CLOUDFRONT_REQUEST, viewerRequestFunction } from '../../../scripts/core/hosting/cloudfront.js';
import { hostingFiles } from '../../../scripts/core/hosting/index.js';
import { userServicesIdentity } from '../../../scripts/core/kinds/user-services/identity.js';
import { HOST_ONLY_FILES, HOST_ONLY_PATHS, type Site } from '../../../scripts/core/model/site.js';
import { lifecycleOf, renameRedirects } from '../../../scripts/core/serving/lifecycle.js';
import { buildCloudflareWorker, escapeControls } from '../../../scripts/worker/build-worker.mjs';
import { fixtureServices } from '../../helpers/fixture-catalog.js';
import { installPageAssets, pageAssets } from '../../helpers/page.js';
import { emitSite, USER_SERVICES_ONLY } from '../../helpers/user-services-kind.js';

/** Files whose format indents with tabs. */
const TABS_ALLOWED = new Set([CADDY_IMPORT, CADDY_FILE]);

/** Each control character of `text` but LF (and TAB when `tabs`), as `line:col U+XXXX`. */
function controls(text: string, tabs: boolean): string[] {
  const found: string[] = [];
  text.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(/\p{Cc}/gu)) {
      if (tabs && m[0] === '\t') continue;
      const code = (m[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
      found.push(`${i + 1}:${(m.index ?? 0) + 1} U+${code}`);
    }
  });
  return found;
}

let site: Site;
beforeAll(async () => {
  installPageAssets();
  site = emitSite(await fixtureServices(), { pretty: false, page: pageAssets() });
});

describe('generated host files', () => {
  it('hold no control character but LF, and TAB in the Caddy files', () => {
    const files = [...hostingFiles(USER_SERVICES_ONLY, lifecycleOf(site, USER_SERVICES_ONLY))].map(
      ([path, bytes]): [string, string] => [path, new TextDecoder().decode(bytes)],
    );
    expect(files.map(([path]) => path)).toContain(CADDY_IMPORT);
    expect(files.map(([path, text]) => [path, controls(text, TABS_ALLOWED.has(path))])).toEqual(
      files.map(([path]) => [path, []]),
    );
  });

  it("hold none in the site's files for hosts: _headers, _redirects, .nojekyll and the Worker", () => {
    const worker = buildCloudflareWorker();
    const files: [string, string][] = [
      ...HOST_ONLY_PATHS.filter((p) => p !== HOST_ONLY_FILES.worker).map((p): [string, string] => [
        p,
        new TextDecoder().decode(site.get(p)),
      ]),
      [HOST_ONLY_FILES.worker, worker],
    ];
    expect(files.map(([path, text]) => [path, controls(text, false)])).toEqual(files.map(([path]) => [path, []]));
    // The Worker bundles the name rules, whose patterns name the control characters.
    expect(worker).toContain('[\\0-\\x1f\\x7f-');
  });

  it('write the NUL and non-ASCII refusals of Caddy as regular-expression escapes', () => {
    const lines = caddyImport(USER_SERVICES_ONLY)
      .split('\n')
      .filter((l) => /^@user_services_(?:nul|no_file) /.test(l));
    expect(lines).toEqual([
      '@user_services_nul path_regexp \\x00',
      '@user_services_no_file path_regexp (?:^|/)[^/]{101}|[^\\x00-\\x7f]',
    ]);
  });

  it('escape the DEL and C1 characters JSON leaves as they are in the CloudFront functions', () => {
    const lifecycle = { redirects: new Map([['/a\x7f\x85/', '/b/']]), headers: new Map() };
    const text = viewerRequestFunction(USER_SERVICES_ONLY, lifecycle);
    expect(controls(text, false)).toEqual([]);
    expect(text).toContain('var RENAMED_URLS = {"/a\\u007f\\u0085/":"/b/"};');
    const named = viewerRequestFunction(USER_SERVICES_ONLY, {
      redirects: new Map(renameRedirects(userServicesIdentity, 'a\x7f', 'b')),
      headers: new Map(),
    });
    expect(controls(named, false)).toEqual([]);
    expect(named).toContain('var RENAMED = {"a\\u007f":"b"};');
    expect(CLOUDFRONT_REQUEST).toBe('cloudfront/viewer-request.js');
  });
});

describe('escapeControls', () => {
  const evaluate = async (source: string) =>
    (await import(`data:text/javascript,${encodeURIComponent(source)}`)) as Record<string, unknown>;

  it('writes each control character but LF as \\xNN, keeping what strings, templates and patterns mean', async () => {
    const source =
      'export const s = "a\x01b\x7fc\x85\td";\nexport const t = `x\x1fy`;\nexport const r = /[\x00-\x1f]/.source;\n' +
      'export const e = "\\\x02";\n';
    const escaped = escapeControls(source);
    expect(escaped).toBe(
      'export const s = "a\\x01b\\x7fc\\x85\\x09d";\nexport const t = `x\\x1fy`;\nexport const r = /[\\x00-\\x1f]/.source;\n' +
        'export const e = "\\x02";\n',
    );
    const [before, after] = [await evaluate(source), await evaluate(escaped)];
    expect([after.s, after.t, after.e]).toEqual([before.s, before.t, before.e]);
    expect(new RegExp(after.r as string).test('\x1f')).toBe(true);
    expect(escapeControls('const a = "\\\\";\n')).toBe('const a = "\\\\";\n');
  });
});
