import { beforeAll, describe, expect, it } from 'vitest';
import { CACHE_REVALIDATE, CLOUDFLARE_NOT_FOUND_PATH, NOT_FOUND_PATH } from '../../../scripts/core/hosting/policy.js';
import { userServicesIdentity } from '../../../scripts/core/kinds/user-services/identity.js';
import { FLAGS, type Flag, type Service } from '../../../scripts/core/model/service.js';
import {
  filterPath,
  filterSets,
  HOST_ONLY_PATHS,
  listPath,
  listRoot,
  type Site,
} from '../../../scripts/core/model/site.js';
import { CONTENT_SECURITY_POLICY } from '../../../scripts/core/serving/headers.js';
import { FALSE_VALUES, parseQueryFlags, TRUE_VALUES } from '../../../scripts/core/serving/query.js';
import { FIXTURE_COUNT, FIXTURE_DEPRECATED, FIXTURE_RENAMES, fixtureServices } from '../../helpers/fixture-catalog.js';
import {
  cloudflareMatch,
  cloudflareRedirects,
  headerRules,
  headersFor,
  netlifyMatch,
  netlifyRedirects,
  type QueryMatching,
} from '../../helpers/host-rules.js';
import { installPageAssets, pageAssets } from '../../helpers/page.js';
import { emitSite, USER_SERVICES_LIST } from '../../helpers/user-services-kind.js';

const API_ROOT = listRoot(userServicesIdentity);
const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);
const MATCHINGS: QueryMatching[] = ['listed-params-present', 'exactly-the-listed-params'];

let services: readonly Service[];
let site: Site;

beforeAll(async () => {
  installPageAssets();
  services = await fixtureServices();
  site = emitSite(services, { pretty: false, page: pageAssets() });
});

/** Every folder URL of the API with the file that must answer it: the list, 15 filters, each instance. */
const folderUrls = (): [string, string][] => [
  [`/${API_ROOT}/`, listPath(userServicesIdentity)],
  ...filterSets(userServicesIdentity).map((set): [string, string] => [
    `/${API_ROOT}/filters/${set.join('/')}/`,
    filterPath(userServicesIdentity, set),
  ]),
  ...services.map((s): [string, string] => [`/${API_ROOT}/${s.instance}/`, `${API_ROOT}/${s.instance}/index.json`]),
];

describe('_redirects on Netlify', () => {
  let parsed: ReturnType<typeof netlifyRedirects>;
  const rules = () => {
    parsed ??= netlifyRedirects(text(site.get('_redirects')));
    return parsed;
  };

  it('rewrites each folder URL, with or without its final slash, to its index.json with status 200', () => {
    expect(folderUrls()).toHaveLength(1 + 15 + FIXTURE_COUNT);
    for (const [url, file] of folderUrls()) {
      expect(site.has(file)).toBe(true);
      for (const path of [url, url.slice(0, -1)]) {
        for (const matching of MATCHINGS) {
          expect({ path, ...netlifyMatch(rules(), path, [], matching) }).toEqual({ path, to: `/${file}`, status: 200 });
        }
      }
    }
  });

  it('answers the files hosts read (which exist, so the rules are forced) with the JSON 404', () => {
    expect(HOST_ONLY_PATHS.filter((p) => site.has(p))).toEqual(['_headers', '_redirects', '.nojekyll']);
    for (const path of HOST_ONLY_PATHS) {
      for (const matching of MATCHINGS) {
        expect(netlifyMatch(rules(), `/${path}`, [], matching)).toEqual({ to: `/${NOT_FOUND_PATH}`, status: 404 });
      }
    }
    expect(
      text(site.get('_redirects'))
        .split('\n')
        .filter((l) => l.endsWith(' 404!')),
    ).toHaveLength(4);
  });

  it('maps every query string of flags, in any order, to the filter file of the flags that are true or 1', () => {
    const states = [undefined, ...TRUE_VALUES, ...FALSE_VALUES];
    let checked = 0;
    for (let n = 0; n < states.length ** FLAGS.length; n++) {
      const sent = FLAGS.flatMap((f, i) => {
        const value = states[Math.floor(n / states.length ** i) % states.length];
        return value === undefined ? [] : [[f, value] as const];
      });
      const set = sent.filter(([, v]) => v === 'true' || v === '1').map(([f]) => f);
      const expected = `/${set.length === 0 ? listPath(userServicesIdentity) : filterPath(userServicesIdentity, set)}`;
      for (const query of [sent, [...sent].reverse()]) {
        for (const matching of MATCHINGS) {
          const found = netlifyMatch(rules(), `/${API_ROOT}/`, query, matching);
          expect({ query, matching, ...found }).toEqual({ query, matching, to: expected, status: 200 });
          checked++;
        }
      }
    }
    expect(checked).toBe(5 ** 4 * 2 * 2);
  });

  it('sends an unknown instance to a missing file (404), and anything else to the JSON 404 body', () => {
    const unknown = netlifyMatch(rules(), `/${API_ROOT}/no-such-service/`, [], 'exactly-the-listed-params');
    expect(unknown).toEqual({ to: `/${API_ROOT}/no-such-service/index.json`, status: 200 });
    expect(site.has(`${API_ROOT}/no-such-service/index.json`)).toBe(false);
    const elsewhere = netlifyMatch(rules(), '/nothing-here', [], 'exactly-the-listed-params');
    expect(elsewhere).toEqual({ to: `/${NOT_FOUND_PATH}`, status: 404 });
    expect(JSON.parse(text(site.get(NOT_FOUND_PATH)))).toEqual({
      error: { status: 404, code: 'not-found', message: 'nothing is published at this URL' },
    });
  });

  it('is the same file whatever the catalog, but for its previous names', () => {
    const renamed = services.filter((s, i) => i < 3 || s.previous_names.length > 0);
    expect(renamed.length).toBeLessThan(services.length);
    expect(emitSite(renamed, { pretty: false, page: pageAssets() }).get('_redirects')).toEqual(site.get('_redirects'));
    const none = text(emitSite(services.slice(0, 3), { pretty: false, page: pageAssets() }).get('_redirects'));
    expect(none.split('\n').filter((l) => / 308!?$/.test(l))).toEqual([]);
  });

  it('redirects each previous instance URL (folder, without its slash, its file) to its service with 308', () => {
    for (const [previous, instance] of Object.entries(FIXTURE_RENAMES)) {
      const cases: [string, string][] = [
        [`/${API_ROOT}/${previous}/`, `/${API_ROOT}/${instance}/`],
        [`/${API_ROOT}/${previous}`, `/${API_ROOT}/${instance}/`],
        [`/${API_ROOT}/${previous}/index.json`, `/${API_ROOT}/${instance}/index.json`],
      ];
      for (const [path, to] of cases) {
        for (const matching of MATCHINGS) {
          expect({ path, ...netlifyMatch(rules(), path, [], matching) }).toEqual({ path, to, status: 308 });
        }
        expect({ path, ...cloudflareMatch(cloudflareRedirects(text(site.get('_redirects'))).rules, path) }).toEqual({
          path,
          to,
          status: 308,
        });
      }
      // The copy GitHub Pages serves, which the forced rule passes over.
      expect(site.get(`${API_ROOT}/${previous}/index.json`)).toEqual(site.get(`${API_ROOT}/${instance}/index.json`));
    }
  });
});

describe('_redirects on Netlify, for queries the grammar refuses', () => {
  const rules = () => netlifyRedirects(text(site.get('_redirects')));
  const cases: [string, [string, string][], string, number][] = [
    ['a flag in capitals', [['FOR_HG', 'true']], 'unknown-filter', 400],
    [
      'a flag in capitals beside a valid one',
      [
        ['for_cc', '1'],
        ['FOR_IVR', '1'],
      ],
      'unknown-filter',
      400,
    ],
    ['another value', [['for_hg', 'yes']], 'invalid-filter-value', 400],
    [
      'another value beside valid ones',
      [
        ['for_hg', 'true'],
        ['for_cc', 'yes'],
        ['for_ivr', '0'],
      ],
      'invalid-filter-value',
      400,
    ],
    ['no value', [['for_enduser', '']], 'invalid-filter-value', 400],
  ];
  it.each(cases)('answers %s with the JSON 400 body, at the folder URL and at index.json', (_, query, code, status) => {
    // As Netlify's runtime matches (netlify dev): a rule's parameters among those sent.
    for (const path of [`/${API_ROOT}/`, `/${API_ROOT}/index.json`]) {
      const found = netlifyMatch(rules(), path, query, 'listed-params-present');
      expect({ path, ...found }).toEqual({ path, to: `/api/v1/errors/${code}.json`, status });
    }
    expect(JSON.parse(text(site.get(`api/v1/errors/${code}.json`))).error).toMatchObject({ status: 400, code });
  });

  it('answers every valid query at index.json with its filter file, false and 0 with the list', () => {
    const query: [string, string][] = [
      ['for_ivr', '1'],
      ['for_hg', 'false'],
      ['for_cc', 'true'],
    ];
    const found = netlifyMatch(rules(), `/${API_ROOT}/index.json`, query, 'listed-params-present');
    expect(found).toEqual({ to: `/${API_ROOT}/filters/for_cc/for_ivr/index.json`, status: 200 });
    const none = netlifyMatch(rules(), `/${API_ROOT}/index.json`, [['for_hg', '0']], 'listed-params-present');
    expect(none).toEqual({ to: `/${API_ROOT}/index.json`, status: 200 });
  });
});

describe('_redirects on Cloudflare Pages', () => {
  const parsed = () => cloudflareRedirects(text(site.get('_redirects')));

  it('rewrites each folder URL to its index.json with status 200, with 16 static rules, 3 per previous name, and 1 dynamic', () => {
    for (const [url, file] of folderUrls()) {
      expect({ url, ...cloudflareMatch(parsed().rules, url) }).toEqual({ url, to: `/${file}`, status: 200 });
    }
    const previous = Object.keys(FIXTURE_RENAMES).length;
    expect([parsed().staticCount, parsed().dynamicCount]).toEqual([16 + 3 * previous, 1]);
  });

  it('ignores the query rules and the 404 rule, which it cannot read', () => {
    const ignored = parsed().ignored;
    const query = (l: string) => /^\/api\/v1\/configs\/user_services\/(index\.json)? [a-zA-Z_]+=/.test(l);
    // At the folder URL and at index.json: 4 names in capitals, then for each of the 15 sets of flags
    // its 4^n valid combinations and one rule for any other value.
    expect(ignored.filter(query)).toHaveLength(2 * (4 + (5 ** 4 - 1) + 15));
    const forced = Object.entries(FIXTURE_RENAMES)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .flatMap(([previous, instance]) => {
        const [from, to] = [`/${API_ROOT}/${previous}`, `/${API_ROOT}/${instance}/`];
        return [`${from}/ ${to} 308!`, `${from} ${to} 308!`, `${from}/index.json ${to}index.json 308!`];
      });
    expect(ignored.filter((l) => !query(l))).toEqual([
      `/_headers /${NOT_FOUND_PATH} 404!`,
      `/_redirects /${NOT_FOUND_PATH} 404!`,
      `/.nojekyll /${NOT_FOUND_PATH} 404!`,
      `/_worker.js /${NOT_FOUND_PATH} 404!`,
      ...forced,
      `/* /${NOT_FOUND_PATH} 404`,
    ]);
  });

  it('finds the JSON 404 body as the top-level 404.html for the missing file of an unknown instance', () => {
    const unknown = cloudflareMatch(parsed().rules, `/${API_ROOT}/no-such-service/`);
    expect(unknown).toEqual({ to: `/${API_ROOT}/no-such-service/index.json`, status: 200 });
    expect(site.has(`${API_ROOT}/no-such-service/index.json`)).toBe(false);
    expect(CLOUDFLARE_NOT_FOUND_PATH).toBe('404.html');
    expect(site.get(CLOUDFLARE_NOT_FOUND_PATH)).toEqual(site.get(NOT_FOUND_PATH));
  });
});

describe('_headers', () => {
  const rules = () => headerRules(text(site.get('_headers')));
  const one = (values: string[] | undefined) => (values?.length === 1 ? values[0] : values);

  it('sends JSON type, CORS, nosniff and the revalidation policy with every API URL, each header once', () => {
    const urls = [...folderUrls().flatMap(([url, file]) => [url, `/${file}`]), `/${CLOUDFLARE_NOT_FOUND_PATH}`];
    for (const url of urls) {
      const headers = headersFor(rules(), url);
      const deprecated = Object.entries(FIXTURE_DEPRECATED).find(([i]) => url.startsWith(`/${API_ROOT}/${i}/`))?.[1];
      const lifecycle = Object.fromEntries(
        Object.entries({
          ...deprecated,
          ...(deprecated && { 'Access-Control-Expose-Headers': 'Deprecation, Sunset, Link' }),
        }).map(([k, v]) => [k.toLowerCase(), v]),
      );
      expect({ url, headers: Object.fromEntries([...headers].map(([k, v]) => [k, one(v)])) }).toEqual({
        url,
        headers: {
          'access-control-allow-origin': '*',
          'x-content-type-options': 'nosniff',
          'cache-control': CACHE_REVALIDATE,
          'content-type': 'application/json',
          ...lifecycle,
        },
      });
    }
    expect(Object.keys(FIXTURE_DEPRECATED)).toHaveLength(2);
    expect(headersFor(rules(), `/${API_ROOT}/efax-messaging/`).get('sunset')).toEqual([
      'Tue, 30 Jun 2026 00:00:00 GMT',
    ]);
  });

  it('sends the Content-Security-Policy with the HTML page, at its file and folder URL, and with no JSON', () => {
    expect(site.has('index.html')).toBe(true);
    for (const url of ['/', '/index.html']) {
      const headers = headersFor(rules(), url);
      expect({ url, csp: headers.get('content-security-policy'), type: headers.get('content-type') }).toEqual({
        url,
        csp: [CONTENT_SECURITY_POLICY],
        type: undefined,
      });
      expect(headers.get('access-control-allow-origin')).toEqual(['*']);
    }
    expect(headersFor(rules(), `/${API_ROOT}/`).has('content-security-policy')).toBe(false);
  });
});

describe('GitHub Pages and the shared policy', () => {
  it('publishes an empty .nojekyll', () => {
    expect(site.get('.nojekyll')).toEqual(new Uint8Array());
  });

  it('reads query values as the request semantics do', () => {
    for (const value of TRUE_VALUES)
      expect(parseQueryFlags(`for_cc=${value}`, USER_SERVICES_LIST.grammar)).toEqual(new Set<Flag>(['for_cc']));
    for (const value of FALSE_VALUES)
      expect(parseQueryFlags(`for_cc=${value}`, USER_SERVICES_LIST.grammar)).toEqual(new Set());
  });
});
