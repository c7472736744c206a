/**
 * The site path rule: what the build writes and what a manifest may list,
 * each refusal with its reason; every path a build of a fixture catalog
 * emits is one; and URL paths made from site paths stay below the root.
 */
import { describe, expect, it } from 'vitest';
import { type SitePathProblem, sitePathProblem, urlPathOf } from '../../../scripts/core/model/site-path.js';
import { fixtureServices } from '../../helpers/fixture-catalog.js';
import { pageAssets } from '../../helpers/page.js';
import { testKey } from '../../helpers/signing.js';
import { emitSite } from '../../helpers/user-services-kind.js';

describe('site paths', () => {
  it('accepts the paths a build writes', () => {
    for (const path of [
      'index.html',
      '.nojekyll',
      '_headers',
      'api/v1/configs/user_services/index.json',
      'api/v1/configs/user_services/a.b-c_d/index.json',
      'api/v1/configs/user_services.atom',
      'api/v1/configs/user_services/_manifest/signature.json',
      'a/b:c',
      '100%',
      '%41',
    ])
      expect([path, sitePathProblem(path)]).toEqual([path, null]);
  });

  it('holds every path a build of the fixture catalog writes, copies, signature and host files included', async () => {
    const site = emitSite(await fixtureServices(), {
      pretty: false,
      compress: true,
      page: pageAssets(),
      cloudflareWorker: 'export default {};',
      signingKey: testKey(5).privateKey,
    });
    expect(site.size).toBeGreaterThan(40);
    expect([...site.keys()].filter((path) => sitePathProblem(path) !== null)).toEqual([]);
  });

  it('refuses each other path with its reason, the first found first', () => {
    const cases: [string, SitePathProblem][] = [
      ['', 'empty'],
      ['/absolute', 'absolute'],
      ['//127.0.0.3/x', 'absolute'],
      ['http://127.0.0.2:18461/x', 'empty-segment'],
      ['a//b', 'empty-segment'],
      ['a/', 'empty-segment'],
      ['../../outside', 'dot-segment'],
      ['a/./b', 'dot-segment'],
      ['a/..', 'dot-segment'],
      ['.', 'dot-segment'],
      ['a\\..\\..\\bs', 'backslash'],
      ['a\\b', 'backslash'],
      ['a\u0000b', 'control'],
      ['a\nb', 'control'],
      ['a\u0085b', 'control'],
      ['a\u007fb', 'control'],
      ['%2e%2e/%2e%2e/pct', 'encoded'],
      ['a/%2Fb', 'encoded'],
      ['a%5c', 'encoded'],
      ['a%252e', 'encoded'],
      ['a%00', 'encoded'],
      ['a%0A', 'encoded'],
      ['a%7F', 'encoded'],
      ['http:x', 'scheme'],
      ['javascript:alert(1)/x', 'scheme'],
      ['c:/windows', 'scheme'],
      ['C:', 'scheme'],
    ];
    expect(cases.map(([path]) => [path, sitePathProblem(path)])).toEqual(cases);
  });

  it('makes URL paths that never leave the root: each segment encoded whole', () => {
    expect(urlPathOf('api/v1/a b/index.json')).toBe('api/v1/a%20b/index.json');
    expect(urlPathOf('a/b?c#d')).toBe('a/b%3Fc%23d');
    expect(urlPathOf('100%')).toBe('100%25');
    const root = new URL('http://h/m/');
    for (const path of ['a/b?c#d', 'x:y', '100%', '%41/b', '@evil/x'])
      expect(new URL(`${root.origin}${root.pathname}${urlPathOf(path)}`).href.startsWith('http://h/m/')).toBe(true);
  });
});
