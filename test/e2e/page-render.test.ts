import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { callMemo } from '../../scripts/core/emit/memo.js';
import { META_CSP } from '../../scripts/core/emit/page/csp.js';
import { escapeHtml } from '../../scripts/core/emit/page/escape.js';
import { pageFiles, pageHtml } from '../../scripts/core/emit/page/step.js';
import { userServicesIdentity } from '../../scripts/core/kinds/user-services/identity.js';
import { userServices } from '../../scripts/core/kinds/user-services/index.js';
import { listPath } from '../../scripts/core/model/site.js';
import { OPENAPI_PATH, schemaFiles } from '../../scripts/core/openapi/document.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { FIXTURE_COUNT, FIXTURE_SERVICES, fixtureServices } from '../helpers/fixture-catalog.js';
import { readTree, tempDir } from '../helpers/fs.js';
import { installPageAssets, pageAssets, service } from '../helpers/page.js';
import { emitSite } from '../helpers/user-services-kind.js';

/** The schema files of a site of user services alone. */
const SCHEMA_FILES = schemaFiles([userServices]);
const OPTIONS = { scriptHref: 'assets/catalog.js', styleHref: 'assets/catalog.css', schemaFiles: SCHEMA_FILES };
const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);
const count = (html: string, needle: string) => html.split(needle).length - 1;
const renderPage = (services: Parameters<typeof pageHtml>[1], options: Parameters<typeof pageHtml>[2]) =>
  text(pageHtml(callMemo(), services, options));
const rowIds = (html: string) => [...html.matchAll(/<tr id="service-([^"]*)"/g)].map((m) => m[1]);

const HOSTILE = service({
  instance: 'x" onmouseover="alert(1)',
  technical_name: '<img src=x onerror=alert(1)>',
  display_name: `</script><script>alert("name")</script>`,
  description: `"'><svg onload=alert(2)> & more`,
  for_hg: true,
});

describe('escapeHtml', () => {
  it('escapes the five characters that matter in text and in quoted attributes', () => {
    expect(escapeHtml(`<a href="x">'&amp;'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;amp;&#39;&lt;/a&gt;');
  });

  it('leaves other text alone', () => {
    expect(escapeHtml('Call Forwarding Always – ✓ /api/')).toBe('Call Forwarding Always – ✓ /api/');
  });
});

describe('renderPage', () => {
  const html = renderPage([HOSTILE], OPTIONS);

  it('renders hostile names and descriptions as text', () => {
    expect(html).toContain(
      '<bdi class="name">&lt;/script&gt;&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;</bdi>',
    );
    expect(html).toContain('<code class="technical"><bdi>&lt;img src=x onerror=alert(1)&gt;</bdi></code>');
    expect(html).toContain('<bdi>&quot;&#39;&gt;&lt;svg onload=alert(2)&gt; &amp; more</bdi>');
    expect(count(html, '<script')).toBe(1);
    expect(count(html, '<img')).toBe(0);
    expect(count(html, '<svg')).toBe(0);
    // Attribute values are double-quoted: what is left outside the quotes is the attributes themselves.
    const tags = [...html.matchAll(/<[a-z][^>]*>/g)].map((m) => m[0].replace(/"[^"]*"/g, '""'));
    expect(tags.filter((tag) => /\son\w+=/.test(tag))).toEqual([]);
  });

  it('escapes values in attributes, and encodes them in links', () => {
    expect(html).toContain('<tr id="service-x&quot; onmouseover=&quot;alert(1)" data-flags="for_hg">');
    expect(html).toContain(
      '<a class="api instance" href="api/v1/configs/user_services/x%22%20onmouseover%3D%22alert(1)/index.json"><code>x&quot; onmouseover=&quot;alert(1)/</code></a>',
    );
  });

  it('links each service to its index.json, showing its instance name; the URL prefix is said once', () => {
    const page = renderPage([service({ instance: 'voicemail', technical_name: 'Voice Messaging User' })], OPTIONS);
    expect(page).toContain(
      '<td class="url"><a class="api instance" href="api/v1/configs/user_services/voicemail/index.json"><code>voicemail/</code></a></td></tr>',
    );
    expect(count(page, '/api/v1/configs/user_services/')).toBe(1);
    expect(page).toContain('<code>/api/v1/configs/user_services/<var>instance</var>/</code> for each service.');
  });

  it('heads each row with the technical name, and the display name beneath only when it differs', () => {
    const same = renderPage([service({ instance: 'a', technical_name: 'Call Waiting' })], OPTIONS);
    expect(same).toContain(
      '<th scope="row" class="service"><code class="technical"><bdi>Call Waiting</bdi></code></th><td class="description"></td>',
    );
    expect(count(same, 'class="name"')).toBe(0);
    const other = renderPage(
      [
        service({
          instance: 'b',
          technical_name: 'Call Waiting',
          display_name: 'Call waiting (beta)',
          description: 'x',
        }),
      ],
      OPTIONS,
    );
    expect(other).toContain(
      '<th scope="row" class="service"><code class="technical"><bdi>Call Waiting</bdi></code><bdi class="name">Call waiting (beta)</bdi></th><td class="description"><bdi>x</bdi></td>',
    );
  });

  it('marks flags and services no more assignable, and says nothing of the others', () => {
    const page = renderPage(
      [
        service({ instance: 'old', technical_name: 'Old', for_cc: true, for_enduser: true, no_more_assignable: true }),
        service({ instance: 'new', technical_name: 'New' }),
      ],
      OPTIONS,
    );
    expect(page).toContain('<tr id="service-old" data-flags="for_cc for_enduser" data-nma>');
    expect(page).toContain(
      '<code class="technical"><bdi>Old</bdi></code><span class="badge">No more assignable</span></th>',
    );
    expect(page).toContain(
      '<tr id="service-new" data-flags=""><th scope="row" class="service"><code class="technical"><bdi>New</bdi></code></th>',
    );
    expect(count(page, 'No more assignable</span>')).toBe(1);
    expect(count(page, '>Assignable<')).toBe(0);
    expect(count(page, '<span class="sr-only">yes</span>')).toBe(2);
    expect(count(page, '<span class="sr-only">no</span>')).toBe(6);
    expect(page).not.toContain('<th scope="col">Status</th>');
  });

  it("shows a deprecation's dates, reason, successor and note, and a service's previous names, escaped", () => {
    const page = renderPage(
      [
        service({
          instance: 'old',
          technical_name: 'Old',
          no_more_assignable: true,
          deprecation: {
            since: '2025-03-01',
            reason: 'replaced',
            note: 'Use <New> & co',
            replaced_by: 'new',
            sunset: '2025-12-31',
          },
        }),
        service({ instance: 'new', technical_name: 'New', previous_names: ['new-v1', 'New_2'] }),
      ],
      OPTIONS,
    );
    expect(page).toContain(
      '<span class="badge">No more assignable</span><span class="deprecation">since <time datetime="2025-03-01">2025-03-01</time> · replaced · replaced by <a class="api successor" href="api/v1/configs/user_services/new/index.json"><code>new/</code></a> · sunset <time datetime="2025-12-31">2025-12-31</time></span><span class="note"><bdi>Use &lt;New&gt; &amp; co</bdi></span></th>',
    );
    expect(page).toContain(
      '<code>new/</code></a><span class="previous">formerly <code>new-v1/</code>, <code>New_2/</code></span></td></tr>',
    );
    expect(count(page, 'class="deprecation"')).toBe(1);
    expect(count(page, 'class="previous"')).toBe(1);
  });

  it('links the OpenAPI description, the JSON Schema of each body and the files for mirrors, relative to the page', () => {
    const links = [...html.matchAll(/<a href="(api\/v1\/[^"]*)">([^<]*)<\/a>/g)].map((m) => [m[1], m[2]]);
    expect(links).toEqual([
      [OPENAPI_PATH, 'OpenAPI description'],
      ['api/v1/schemas/user-service-list.schema.json', 'list'],
      ['api/v1/schemas/user-service.schema.json', 'instance'],
      ['api/v1/schemas/error.schema.json', 'error body'],
      ['api/v1/schemas/list-filter.schema.json', 'filter body'],
      ['api/v1/schemas/full.schema.json', 'full dump'],
      ['api/v1/schemas/index.schema.json', 'index'],
      ['api/v1/schemas/history.schema.json', 'history'],
      ['api/v1/schemas/manifest.schema.json', 'manifest'],
      ['api/v1/schemas/signature.schema.json', 'signature'],
      ['api/v1/schemas/deprecations.schema.json', 'deprecations'],
      ['api/v1/schemas/renames.schema.json', 'renames'],
      // Without a history (this page's site has none), no feed.
      ['api/v1/configs/user_services/_full/index.json', 'every service in one document'],
      ['api/v1/configs/user_services/_index/index.json', 'SHA-256 of each instance'],
      ['api/v1/configs/user_services/_deprecations/index.json', 'deprecations'],
      ['api/v1/configs/user_services/_renames/index.json', 'previous names'],
      ['api/v1/configs/user_services/_manifest/index.json', 'manifest of every file'],
    ]);
    expect(links.slice(1, 12).map(([path]) => path)).toEqual(Object.keys(SCHEMA_FILES));
  });

  it('loads only its own script and stylesheet, under a policy without inline code', () => {
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${escapeHtml(META_CSP)}">`);
    expect(META_CSP).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'",
    );
    expect([...html.matchAll(/<script[^>]*><\/script>/g)].map((m) => m[0])).toEqual([
      '<script src="assets/catalog.js" defer></script>',
    ]);
    expect(html).toContain('<link rel="stylesheet" href="assets/catalog.css">');
    expect(html).not.toContain('<style');
    expect(html).not.toContain(' style=');
  });

  it('renders a catalog without services as an empty table', () => {
    const page = renderPage([], OPTIONS);
    expect(page).toContain('<span id="count" role="status">0 services</span>');
    expect(page).toContain('<tbody>\n\n</tbody>');
    expect(rowIds(page)).toEqual([]);
  });

  it('renders each row once, one a line, in the order given', () => {
    const names = ['b', 'a', 'c'];
    const page = renderPage(
      names.map((n) => service({ instance: n, technical_name: n.toUpperCase() })),
      OPTIONS,
    );
    expect(rowIds(page)).toEqual(names);
    const body = page.slice(page.indexOf('<tbody>\n') + 8, page.indexOf('\n</tbody>'));
    expect(body.split('\n').map((line) => /^<tr id="service-([^"]*)"[^\n]*<\/tr>$/.exec(line)?.[1])).toEqual(names);
  });

  it('keeps the filters hidden until the script shows them', () => {
    expect(html).toMatch(/<div id="controls" [^>]* hidden>/);
  });
});

describe('the page of the fixture catalog', () => {
  beforeAll(installPageAssets);

  it('has one row per service, in the order of the list', async () => {
    const site = emitSite(await fixtureServices(), { pretty: false, page: pageAssets() });
    const list = JSON.parse(text(site.get(listPath(userServicesIdentity)))) as {
      user_services: { technical_name: string }[];
    };
    const html = text(site.get('index.html'));
    const names = [...html.matchAll(/<code class="technical"><bdi>([^<]*)<\/bdi>/g)].map((m) => m[1]);
    expect(names).toEqual(list.user_services.map((s) => escapeHtml(s.technical_name)));
    expect(names).toHaveLength(FIXTURE_COUNT);
    expect(rowIds(html)).toHaveLength(FIXTURE_COUNT);
    expect(html).toContain(`<span id="count" role="status">${FIXTURE_COUNT} services</span>`);
  });

  it('names its assets by content and links them', async () => {
    const files = pageFiles(callMemo(), await fixtureServices(), pageAssets(), SCHEMA_FILES);
    const paths = files.map(([path]) => path);
    expect(paths[0]).toBe('index.html');
    expect(paths[1]).toMatch(/^assets\/catalog\.[0-9a-f]{12}\.js$/);
    expect(paths[2]).toMatch(/^assets\/catalog\.[0-9a-f]{12}\.css$/);
    const html = text(files[0]?.[1]);
    expect(html).toContain(`<script src="${paths[1]}" defer></script>`);
    expect(html).toContain(`<link rel="stylesheet" href="${paths[2]}">`);
    expect(text(files[1]?.[1])).toBe(pageAssets().script);
    expect(text(files[2]?.[1])).toBe(pageAssets().style);
  });

  it('is the same bytes every time', async () => {
    const services = await fixtureServices();
    const [a, b] = [
      emitSite(services, { pretty: false, page: pageAssets() }),
      emitSite([...services], { pretty: false, page: pageAssets() }),
    ];
    const pageOf = (site: typeof a) =>
      [...site].filter(([path]) => path === 'index.html' || /^assets\/catalog\.[0-9a-f]{12}\.(js|css)$/.test(path));
    expect(pageOf(a).map(([path]) => path)).toHaveLength(3);
    expect(pageOf(b)).toEqual(pageOf(a));
  });

  it('is what the bundled command line publishes', async () => {
    const out = join(tempDir(), 'site');
    const run = runCli(['build', '--services', FIXTURE_SERVICES, '--out', out], { cwd: ROOT });
    expect(run.status).toBe(0);
    const built = readTree(out);
    for (const [path, bytes] of pageFiles(callMemo(), await fixtureServices(), pageAssets(), SCHEMA_FILES)) {
      expect(text(built.get(path))).toBe(text(bytes));
    }
  });
});
