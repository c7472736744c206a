/**
 * The conformance suite's judgement of a host's answer, on the life-cycle
 * headers: a deprecated instance answered without its headers, with others,
 * or without exposing them to browsers is a problem; the spec's answer is not.
 * And on types: a bodiless answer (308, 204, 304) with a Content-Type, or the
 * catalog page without the type the preview server gives HTML, is a problem.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Site } from '../../../scripts/core/model/site.js';
import { type HostProfile, judge, type Row, type Seen, specAnswer } from '../../helpers/conformance.js';
import { FIXTURE_DEPRECATED, fixtureServices } from '../../helpers/fixture-catalog.js';
import { pageAssets } from '../../helpers/page.js';
import { emitSite } from '../../helpers/user-services-kind.js';

const HOST: HostProfile = { name: 'test', cache: 'public, max-age=300', errorCache: ['no-store'], differences: {} };
const ROW: Row = { id: 'deprecated', method: 'GET', target: '/api/v1/configs/user_services/efax-messaging/' };
const HEADERS = FIXTURE_DEPRECATED['efax-messaging'];
const LINES = `Deprecation: ${HEADERS.Deprecation}\nSunset: ${HEADERS.Sunset}\nLink: ${HEADERS.Link}`;

let site: Site;
beforeAll(async () => {
  site = emitSite(await fixtureServices(), { pretty: false, page: pageAssets() });
});

const seen = (extra: Partial<Seen>): Seen => ({
  status: 200,
  type: 'application/json',
  body: 'file:api/v1/configs/user_services/efax-messaging/index.json',
  cors: '*',
  cache: HOST.cache,
  exposed: 'Deprecation, Sunset, Link',
  lifecycle: LINES,
  ...extra,
});

describe('judging the life-cycle headers', () => {
  it('asks a deprecated instance for its Deprecation, Sunset and Link', () => {
    expect(specAnswer(ROW, site)).toEqual({
      status: 200,
      type: 'application/json',
      body: 'file:api/v1/configs/user_services/efax-messaging/index.json',
      lifecycle: LINES,
    });
    expect(judge(ROW, seen({}), specAnswer(ROW, site), HOST)).toBeUndefined();
    expect(
      judge(ROW, seen({ exposed: 'ETag, Deprecation, Sunset, Link' }), specAnswer(ROW, site), HOST),
    ).toBeUndefined();
  });

  it('finds them missing, different, or not exposed', () => {
    const spec = specAnswer(ROW, site);
    expect(judge(ROW, seen({ lifecycle: undefined }), spec, HOST)).toContain('answered {');
    expect(judge(ROW, seen({ lifecycle: LINES.replace('2026', '2027') }), spec, HOST)).toContain('answered {');
    expect(judge(ROW, seen({ exposed: 'Deprecation, Link' }), spec, HOST)).toBe(
      'deprecated (GET /api/v1/configs/user_services/efax-messaging/): life-cycle headers not exposed: Deprecation, Link',
    );
  });

  it('finds them on an instance that is not deprecated', () => {
    const row = { ...ROW, target: '/api/v1/configs/user_services/call-waiting/' };
    const other = seen({ body: 'file:api/v1/configs/user_services/call-waiting/index.json' });
    expect(judge(row, other, specAnswer(row, site), HOST)).toContain('answered {');
    expect(judge(row, { ...other, lifecycle: undefined }, specAnswer(row, site), HOST)).toBeUndefined();
  });
});

describe('judging the Content-Type of bodiless answers', () => {
  const LIST = '/api/v1/configs/user_services/';
  const bodiless: [string, Row, Partial<Seen>][] = [
    [
      'a previous name',
      { id: 'renamed', method: 'GET', target: `${LIST}call-park-retrieve/` },
      { status: 308, body: `location:${LIST}call-park/` },
    ],
    [
      'a preflight',
      { id: 'preflight', method: 'OPTIONS', target: LIST, headers: { Origin: 'https://portal.example' } },
      { status: 204, body: 'empty' },
    ],
    [
      'a revalidation',
      { id: 'revalidated', method: 'GET', target: LIST, revalidate: true },
      { status: 304, body: 'empty' },
    ],
  ];

  it.each(bodiless)('asks %s for no Content-Type, and finds one a problem', (_, row, answer) => {
    const spec = specAnswer(row, site);
    expect(spec).toEqual({ status: answer.status, body: answer.body });
    const plain = seen({ ...answer, type: undefined, lifecycle: undefined, exposed: undefined });
    expect(judge(row, plain, spec, HOST)).toBeUndefined();
    expect(judge(row, { ...plain, type: 'application/json' }, spec, HOST)).toBe(
      `${row.id} (${row.method} ${row.target}): answered ${JSON.stringify({ status: answer.status, type: 'application/json', body: answer.body })}, not ${JSON.stringify(spec)}`,
    );
  });

  it('asks the catalog page for the type the preview server gives HTML', () => {
    const row: Row = { id: 'page', method: 'GET', target: '/' };
    expect(specAnswer(row, site)).toEqual({ status: 200, type: 'text/html; charset=utf-8', body: 'file:index.html' });
    const html = seen({ type: 'text/html', body: 'file:index.html', lifecycle: undefined, exposed: undefined });
    expect(judge(row, html, specAnswer(row, site), HOST)).toContain('answered {"status":200,"type":"text/html",');
  });
});
