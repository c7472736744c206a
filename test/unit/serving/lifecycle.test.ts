/**
 * A service's life cycle as clients meet it: `_deprecations/` and `_renames/`
 * exactly, the Deprecation (RFC 9745), Sunset (RFC 8594) and Link headers of
 * a deprecated instance, the redirects of previous names, and the copy at a
 * previous name that GitHub Pages serves.
 */
import { describe, expect, it } from 'vitest';
import { userServicesIdentity } from '../../../scripts/core/kinds/user-services/identity.js';
import { httpDate, unixSeconds } from '../../../scripts/core/model/calendar-date.js';
import { deprecationsPath, instancePath, listRoot, renamesPath } from '../../../scripts/core/model/site.js';
import { lifecycleOf, NO_LIFECYCLE } from '../../../scripts/core/serving/lifecycle.js';
import { resolveRequest } from '../../../scripts/core/serving/request.js';
import { analyzeTexts } from '../../helpers/core.js';
import { emitApiFiles, emitSite, USER_SERVICES_LISTS, USER_SERVICES_ONLY } from '../../helpers/user-services-kind.js';

const API_ROOT = listRoot(userServicesIdentity);
const CATALOG = {
  'fax.yaml':
    'technical_name: Fax\nno_more_assignable: true\ndeprecation:\n  since: 2024-11-15\n  reason: end-of-life\n  note: Gateway off\n  sunset: 2026-06-30\n',
  'portal.yaml':
    'technical_name: Portal\nno_more_assignable: true\ndeprecation: {since: 2025-01-20, replaced_by: voicemail}\n',
  'legacy.yaml': 'technical_name: Legacy\nno_more_assignable: true\n',
  'voicemail.yaml': 'technical_name: Voicemail\nprevious_names: [vm, Voice_Mail.v1]\n',
};
const services = () => {
  const analysis = analyzeTexts(CATALOG);
  expect(analysis.diagnostics).toEqual([]);
  return analysis.services;
};
const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);
const API = `/${API_ROOT}`;
const DEPRECATIONS_LINK = '<../_deprecations/>; rel="deprecation"; type="application/json"';
const EXPOSE = ['Access-Control-Expose-Headers', 'Deprecation, Sunset, Link'];

describe('dates in headers', () => {
  it('are midnight UTC: seconds since 1970 for Deprecation, an IMF-fixdate for Sunset', () => {
    expect([unixSeconds('1970-01-01'), unixSeconds('2024-11-15'), unixSeconds('1969-12-31')]).toEqual([
      0, 1731628800, -86400,
    ]);
    expect(httpDate('2026-06-30')).toBe('Tue, 30 Jun 2026 00:00:00 GMT');
    expect(httpDate('2024-02-29')).toBe('Thu, 29 Feb 2024 00:00:00 GMT');
    expect(httpDate('0099-01-01')).toBe('Thu, 01 Jan 0099 00:00:00 GMT');
  });
});

describe('_deprecations/ and _renames/', () => {
  const site = emitSite(services(), { pretty: false, page: null });

  it('list every service no more assignable, in list order, with null for what its file does not say', () => {
    expect(JSON.parse(text(site.get(deprecationsPath())))).toEqual({
      api_version: 1,
      user_services: [
        {
          instance_name: 'fax',
          technical_name: 'Fax',
          url: '../fax/',
          since: '2024-11-15',
          reason: 'end-of-life',
          note: 'Gateway off',
          replaced_by: null,
          sunset: '2026-06-30',
        },
        {
          instance_name: 'legacy',
          technical_name: 'Legacy',
          url: '../legacy/',
          since: null,
          reason: null,
          note: null,
          replaced_by: null,
          sunset: null,
        },
        {
          instance_name: 'portal',
          technical_name: 'Portal',
          url: '../portal/',
          since: '2025-01-20',
          reason: null,
          note: null,
          replaced_by: { instance_name: 'voicemail', url: '../voicemail/' },
          sunset: null,
        },
      ],
    });
  });

  it('list every previous name in code-point order, with the instance it redirects to', () => {
    expect(text(site.get(renamesPath()))).toBe(
      '{"api_version":1,"renames":[' +
        '{"previous_name":"Voice_Mail.v1","previous_url":"../Voice_Mail.v1/","instance_name":"voicemail","url":"../voicemail/"},' +
        '{"previous_name":"vm","previous_url":"../vm/","instance_name":"voicemail","url":"../voicemail/"}]}\n',
    );
  });

  it('are empty lists for a catalog without either, and part of what diff reads', () => {
    const plain = emitApiFiles(analyzeTexts({ 'a.yaml': 'technical_name: A\n' }).services);
    expect(text(plain.get(deprecationsPath()))).toBe('{"api_version":1,"user_services":[]}\n');
    expect(text(plain.get(renamesPath()))).toBe('{"api_version":1,"renames":[]}\n');
    expect(lifecycleOf(plain, USER_SERVICES_ONLY)).toEqual(NO_LIFECYCLE);
  });

  it('put a copy of the instance at each previous name, which no list names', () => {
    for (const previous of ['vm', 'Voice_Mail.v1']) {
      expect(site.get(instancePath(userServicesIdentity, previous))).toEqual(
        site.get(instancePath(userServicesIdentity, 'voicemail')),
      );
      expect(text(site.get(`${API_ROOT}/index.json`))).not.toContain(previous);
    }
  });
});

describe('the life cycle of a site', () => {
  const site = emitSite(services(), { pretty: false, page: null });
  const lifecycle = lifecycleOf(site, USER_SERVICES_ONLY);

  it('gives each deprecated instance with a date its headers, and none to one without', () => {
    expect([...lifecycle.headers]).toEqual([
      [
        instancePath(userServicesIdentity, 'fax'),
        [
          ['Deprecation', '@1731628800'],
          ['Sunset', 'Tue, 30 Jun 2026 00:00:00 GMT'],
          ['Link', DEPRECATIONS_LINK],
          EXPOSE,
        ],
      ],
      [
        instancePath(userServicesIdentity, 'portal'),
        [
          ['Deprecation', '@1737331200'],
          ['Link', `${DEPRECATIONS_LINK}, <../voicemail/>; rel="successor-version"`],
          EXPOSE,
        ],
      ],
    ]);
  });

  it('redirects each previous name at its folder URL, without its slash and at its file', () => {
    expect([...lifecycle.redirects]).toEqual([
      [`${API}/Voice_Mail.v1/`, `${API}/voicemail/`],
      [`${API}/Voice_Mail.v1`, `${API}/voicemail/`],
      [`${API}/Voice_Mail.v1/index.json`, `${API}/voicemail/index.json`],
      [`${API}/vm/`, `${API}/voicemail/`],
      [`${API}/vm`, `${API}/voicemail/`],
      [`${API}/vm/index.json`, `${API}/voicemail/index.json`],
    ]);
  });

  const get = (target: string, method = 'GET') =>
    resolveRequest({ method, target, body: new Uint8Array() }, site, USER_SERVICES_LISTS, lifecycle);

  it('is what the request semantics answer: a 308 with the query, the headers on the file, a preflight first', () => {
    expect(get(`${API}/vm/?for_hg=1`)).toEqual({ kind: 'redirect', location: `${API}/voicemail/?for_hg=1` });
    expect(get(`${API}/vm`, 'HEAD')).toEqual({ kind: 'redirect', location: `${API}/voicemail/` });
    expect(get(`${API}/Voice_Mail.v1/index.json`)).toEqual({
      kind: 'redirect',
      location: `${API}/voicemail/index.json`,
    });
    expect(get(`${API}/vm/`, 'OPTIONS')).toEqual({ kind: 'preflight' });
    expect(get(`${API}/VM/`)).toMatchObject({ kind: 'error', error: { status: 404, code: 'not-found' } });
    for (const target of [`${API}/fax/`, `${API}/fax/index.json`]) {
      expect(get(target)).toEqual({
        kind: 'file',
        path: instancePath(userServicesIdentity, 'fax'),
        headers: lifecycle.headers.get(instancePath(userServicesIdentity, 'fax')),
      });
    }
    expect(get(`${API}/legacy/`)).toEqual({
      kind: 'file',
      path: instancePath(userServicesIdentity, 'legacy'),
      headers: [],
    });
    expect(get(`${API}/`)).toEqual({ kind: 'file', path: `${API_ROOT}/index.json`, headers: [] });
    // Without the life cycle (a static host without rules), the copy answers at the previous name.
    expect(
      resolveRequest({ method: 'GET', target: `${API}/vm/`, body: new Uint8Array() }, site, USER_SERVICES_LISTS),
    ).toEqual({
      kind: 'file',
      path: instancePath(userServicesIdentity, 'vm'),
      headers: [],
    });
  });
});
