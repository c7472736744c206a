import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userServicesIdentity } from '../../scripts/core/kinds/user-services/identity.js';
import { FLAGS } from '../../scripts/core/model/service.js';
import { filterPath, filterSets, listPath } from '../../scripts/core/model/site.js';
import { CONTENT_SECURITY_POLICY } from '../../scripts/core/serving/headers.js';
import { chromiumAvailable, launchChromium } from '../helpers/browser.js';
import {
  instanceNames,
  type ListEntry,
  names,
  readList,
  searched,
  seriousViolations,
  setFlags,
  visibleNames,
} from '../helpers/catalog-page.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { FIXTURE_COUNT, FIXTURE_NO_MORE_ASSIGNABLE, FIXTURE_SERVICES } from '../helpers/fixture-catalog.js';
import { tempDir, writeTree } from '../helpers/fs.js';
import { platformFile } from '../helpers/platform.js';
import { type StaticServer, serveStatic } from '../helpers/static-server.js';

const HOSTILE_NAME = '<img src=x onerror=alert(1)>';
const HOSTILE_DISPLAY = '</script><script>alert(2)</script>';
const HOSTILE_DESCRIPTION = `"><svg onload=alert(3)> it's <iframe src="javascript:alert(4)"></iframe>`;
const HOSTILE_CATALOG = {
  'hostile.yaml': `technical_name: ${JSON.stringify(HOSTILE_NAME)}\ndisplay_name: ${JSON.stringify(HOSTILE_DISPLAY)}\ndescription: ${JSON.stringify(HOSTILE_DESCRIPTION)}\nfor_hg: true\n`,
  'quotes.yaml': `technical_name: ${JSON.stringify(`Quote " and ' & <b>bold</b>`)}\n`,
  // Names the platform declares, so that the build warns of nothing.
  '_platform.yaml': platformFile(HOSTILE_NAME, `Quote " and ' & <b>bold</b>`),
};

/** Builds a catalog with the bundled command line into a fresh folder; the folder of the site. */
function buildSite(services: string): string {
  const out = join(tempDir('user-services-page-'), 'site');
  const run = runCli(['build', '--services', services, '--out', out], { cwd: ROOT });
  expect(run.stderr).toMatch(/^build: \d+ services read, \d+ files written/);
  expect(run.status).toBe(0);
  return out;
}

describe.skipIf(!chromiumAvailable())('the catalog page in Chromium', () => {
  let browser: Browser;
  let site: string;
  let server: StaticServer;
  let all: ListEntry[];
  let instances: Map<string, string>;

  beforeAll(async () => {
    site = buildSite(FIXTURE_SERVICES);
    all = readList(site, listPath(userServicesIdentity));
    instances = instanceNames(site);
    // Served with the policy hosts send, on top of the page's own <meta>.
    server = await serveStatic(site, { 'Content-Security-Policy': CONTENT_SECURITY_POLICY });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A page at a URL of the site, recording console errors, policy violations and dialogs. */
  async function open(query = '', options: BrowserContextOptions = {}, origin = server.origin) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('dialog', async (d) => {
      problems.push(`dialog: ${d.message()}`);
      await d.dismiss();
    });
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) => console.error(`csp: ${e.violatedDirective}`)),
    );
    await page.goto(`${origin}/${query}`);
    return { page, problems, close: () => context.close() };
  }

  // The page's own location: Playwright learns of replaceState only asynchronously.
  const searchOf = (page: Page) => page.evaluate(() => location.search);
  const filterFileOf = async (page: Page) => ({
    href: await page.getAttribute('#filter-url', 'href'),
    shown: await page.textContent('#filter-url'),
  });
  const fetchList = (page: Page, href: string): Promise<ListEntry[]> =>
    page.evaluate(async (url) => (await (await fetch(url)).json()).user_services, href);

  it('shows every service of the catalog, in the order of the list, and links the OpenAPI description', async () => {
    const { page, problems, close } = await open();
    expect(await visibleNames(page)).toEqual(names(all));
    expect(all).toHaveLength(FIXTURE_COUNT);
    expect(await page.textContent('#count')).toBe(`${FIXTURE_COUNT} services`);
    expect(await page.isVisible('#controls')).toBe(true);
    const openapi = await page.getAttribute('.developers a', 'href');
    expect(openapi).toBe('api/v1/openapi.json');
    expect(await page.evaluate(async (url) => (await (await fetch(url)).json()).openapi, openapi ?? '')).toBe('3.1.0');
    expect(await page.getAttribute('#service-call-forwarding-always .url a', 'href')).toBe(
      'api/v1/configs/user_services/call-forwarding-always/index.json',
    );
    expect(await page.textContent('#service-call-forwarding-always .url a')).toBe('call-forwarding-always/');
    // What is in bold is what the rows are ordered by: the technical name; the display name, when other, is not.
    const weights = await page.$$eval('#services tbody .service', (cells) =>
      cells.map((cell) => [
        getComputedStyle(cell.querySelector('.technical') as Element).fontWeight,
        cell.querySelector('.name') === null
          ? null
          : getComputedStyle(cell.querySelector('.name') as Element).fontWeight,
      ]),
    );
    expect(new Set(weights.map(([technical]) => technical))).toEqual(new Set(['600']));
    const renamed = all.filter((e) => e.display_name !== e.technical_name);
    expect(renamed.length).toBeGreaterThan(0);
    expect(weights.filter(([, name]) => name !== null).map(([, name]) => name)).toEqual(renamed.map(() => '400'));
    expect(await page.textContent('#services')).not.toMatch(/(^|[^e] )Assignable/);
    expect(problems).toEqual([]);
    await close();
  });

  it('gives, for each of the 15 sets of flags, exactly the services of its static filter file', async () => {
    const { page, problems, close } = await open();
    for (const flags of filterSets({ flags: FLAGS })) {
      await setFlags(page, flags);
      const expected = names(readList(site, filterPath(userServicesIdentity, flags)));
      expect(await visibleNames(page), flags.join('+')).toEqual(expected);
      const folder = `api/v1/configs/user_services/filters/${flags.join('/')}`;
      expect(await filterFileOf(page)).toEqual({ href: `${folder}/index.json`, shown: `/${folder}/` });
      expect(names(await fetchList(page, `${folder}/index.json`))).toEqual(expected);
      expect(await page.textContent('#count')).toBe(
        expected.length === FIXTURE_COUNT
          ? `${FIXTURE_COUNT} services`
          : `Showing ${expected.length} of ${FIXTURE_COUNT} services`,
      );
    }
    await setFlags(page, []);
    expect(await visibleNames(page)).toEqual(names(all));
    expect(await filterFileOf(page)).toEqual({
      href: 'api/v1/configs/user_services/index.json',
      shown: '/api/v1/configs/user_services/',
    });
    expect(problems).toEqual([]);
    await close();
  });

  it('searches technical names, display names, instance names and descriptions, combined with the flags', async () => {
    const { page, close } = await open();
    // The fixture has matches for each query but the last: in names, in descriptions, across case, and
    // in an instance name alone (`BLF_v2`, whose names and description hold no "blf").
    for (const query of ['call', 'CALL forwarding', 'hunt', 'withheld', 'blf_V2', 'nothing matches this']) {
      await page.fill('#search', query);
      const expected = names(searched(all, query, instances));
      expect(expected.length > 0, query).toBe(query !== 'nothing matches this');
      expect(await visibleNames(page), query).toEqual(expected);
    }
    expect(await page.isVisible('#empty')).toBe(true);
    await page.fill('#search', 'blf');
    expect(await visibleNames(page)).toEqual(['Busy Lamp Field']);
    await page.fill('#search', 'call');
    await setFlags(page, ['for_hg', 'for_ivr']);
    const expected = names(
      searched(readList(site, filterPath(userServicesIdentity, ['for_hg', 'for_ivr'])), 'call', instances),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(await visibleNames(page)).toEqual(expected);
    expect(await page.isVisible('#empty')).toBe(false);
    await close();
  });

  it('hides the services no more assignable on request', async () => {
    const { page, close } = await open();
    await page.check('#hide-nma');
    const expected = names(all.filter((s) => !s.no_more_assignable));
    expect(expected).toHaveLength(FIXTURE_COUNT - FIXTURE_NO_MORE_ASSIGNABLE);
    expect(await visibleNames(page)).toEqual(expected);
    expect(await searchOf(page)).toBe('?assignable=1');
    await page.uncheck('#hide-nma');
    expect(await visibleNames(page)).toEqual(names(all));
    expect(await searchOf(page)).toBe('');
    await close();
  });

  it('keeps its state in the URL, and restores it on load', async () => {
    const first = await open();
    await setFlags(first.page, ['for_cc', 'for_hg']);
    await first.page.fill('#search', 'call');
    expect(await searchOf(first.page)).toBe('?for_hg=1&for_cc=1&q=call');
    await first.close();

    const { page, close } = await open('?for_hg=1&q=call');
    const checked = await page.$$eval('input[data-flag]', (inputs) =>
      inputs.map((i) => `${(i as HTMLInputElement).name}=${(i as HTMLInputElement).checked}`),
    );
    expect(checked).toEqual(['for_hg=true', 'for_cc=false', 'for_ivr=false', 'for_enduser=false']);
    expect(await page.inputValue('#search')).toBe('call');
    expect(await page.isChecked('#hide-nma')).toBe(false);
    const expected = names(searched(readList(site, filterPath(userServicesIdentity, ['for_hg'])), 'call', instances));
    expect(await visibleNames(page)).toEqual(expected);
    expect(await page.textContent('#count')).toBe(`Showing ${expected.length} of ${FIXTURE_COUNT} services`);
    expect(await searchOf(page)).toBe('?for_hg=1&q=call');
    await close();
  });

  it('shows the complete table without JavaScript, and no filters that could not work', async () => {
    const { page, problems, close } = await open('?for_hg=1&q=call', { javaScriptEnabled: false });
    expect(await visibleNames(page)).toEqual(names(all));
    expect(await page.isVisible('#controls')).toBe(false);
    expect(await page.textContent('#count')).toBe(`${FIXTURE_COUNT} services`);
    expect(problems).toEqual([]);
    await close();
  });

  it('is usable with the keyboard alone, with a visible focus', async () => {
    const { page, close } = await open();
    const focused = () =>
      page.evaluate(() => document.activeElement?.getAttribute('name') ?? document.activeElement?.id);
    // The skip link, the list's link, the OpenAPI description and the eleven schemas, the five files
    // for mirrors (no feed: the page's site has no history), the search, then the flags.
    for (let i = 0; i < 21; i += 1) await page.keyboard.press('Tab');
    expect(await focused()).toBe('for_hg');
    expect(await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle)).toBe('solid');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('for_cc');
    await page.keyboard.press('Space');
    expect(await visibleNames(page)).toEqual(
      names(readList(site, filterPath(userServicesIdentity, ['for_hg', 'for_cc']))),
    );
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe('q');
    await page.keyboard.type('voice');
    expect(await visibleNames(page)).toEqual(
      names(searched(readList(site, filterPath(userServicesIdentity, ['for_hg', 'for_cc'])), 'voice', instances)),
    );
    await close();
  });

  it('passes axe-core without serious or critical violations, on a desktop, a phone and in dark mode', async () => {
    const views: [string, BrowserContextOptions][] = [
      ['', {}],
      ['?for_hg=1&assignable=1', { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true }],
      ['?q=zzz', { colorScheme: 'dark' }],
    ];
    for (const [query, options] of views) {
      // axe is injected as an inline script, which the page's policy rightly refuses.
      const { page, close } = await open(query, { ...options, bypassCSP: true });
      expect(await seriousViolations(page), JSON.stringify(options)).toEqual([]);
      await close();
    }
  });

  it('filters on a phone too, where every service is a card', async () => {
    const { page, close } = await open('?for_ivr=1', { viewport: { width: 375, height: 812 }, isMobile: true });
    expect(await visibleNames(page)).toEqual(names(readList(site, filterPath(userServicesIdentity, ['for_ivr']))));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBe(0);
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'test-results/catalog-phone.png') });
    await close();
  });

  it('saves a screenshot of the page as a test artifact', async () => {
    const { page, close } = await open();
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    const png = await page.screenshot({ path: join(ROOT, 'test-results/catalog.png') });
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    await close();
  });

  describe('with a hostile catalog', () => {
    let hostile: StaticServer;
    beforeAll(async () => {
      const services = writeTree(join(tempDir('user-services-hostile-'), 'services'), HOSTILE_CATALOG);
      hostile = await serveStatic(buildSite(services), { 'Content-Security-Policy': CONTENT_SECURITY_POLICY });
    });
    afterAll(() => hostile?.close());

    it('shows the names as text and runs nothing', async () => {
      const { page, problems, close } = await open('', {}, hostile.origin);
      await page.fill('#search', 'alert');
      await page.check('input[name="for_hg"]');
      await page.fill('#search', '');
      expect(await visibleNames(page)).toEqual([HOSTILE_NAME]);
      await page.uncheck('input[name="for_hg"]');
      expect(await visibleNames(page)).toEqual([HOSTILE_NAME, `Quote " and ' & <b>bold</b>`]);
      expect(await page.textContent('#service-hostile .name')).toBe(HOSTILE_DISPLAY);
      expect(await page.textContent('#service-hostile .description')).toBe(HOSTILE_DESCRIPTION);
      expect(await page.textContent('#service-quotes .technical')).toBe(`Quote " and ' & <b>bold</b>`);
      expect(await page.$('#service-quotes .name')).toBeNull();
      const injected = await page.$$eval('img, svg, iframe, b, script', (els) => els.map((e) => e.outerHTML));
      expect(injected).toEqual([
        expect.stringMatching(/^<script src="assets\/catalog\.[0-9a-f]{12}\.js" defer=""><\/script>$/),
      ]);
      expect(problems).toEqual([]);
      await close();
    });
  });
});
