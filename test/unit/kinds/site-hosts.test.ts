/**
 * Every host's generated file over two kinds: user services beside a
 * `widgets` kind of this file only (name `widgets`, flags for_hg and for_cc).
 * Each file holds the widgets' rules, and the user services' lines are the
 * same as in the file of user services alone, in the same order.
 */
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { caddyImport } from '../../../scripts/core/hosting/caddy.js';
import { viewerRequestFunction } from '../../../scripts/core/hosting/cloudfront.js';
import { headersFile, queryErrorFiles, redirectsFile } from '../../../scripts/core/hosting/netlify.js';
import { nginxInclude } from '../../../scripts/core/hosting/nginx.js';
import { s3Passes } from '../../../scripts/core/hosting/s3.js';
import type { KindIdentity } from '../../../scripts/core/kinds/kind.js';
import { userServicesIdentity } from '../../../scripts/core/kinds/user-services/identity.js';
import { NO_LIFECYCLE } from '../../../scripts/core/serving/lifecycle.js';

const widgets: KindIdentity = { name: 'widgets', flags: ['for_hg', 'for_cc'] };
const BOTH = [userServicesIdentity, widgets];
const ALONE = [userServicesIdentity];
const W = '/api/v1/configs/widgets';

/** Whether every line of `part` is in `whole`, in the same order. */
function inOrder(part: string, whole: string): boolean {
  const lines = whole.split('\n');
  let at = 0;
  for (const line of part.split('\n')) {
    at = lines.indexOf(line, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}

/** The lines of `text` from the one equal to `first` to the next line equal to `last`. */
function block(text: string, first: string, last: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(first);
  return lines.slice(start, lines.indexOf(last, start) + 1);
}

describe('nginx over two kinds', () => {
  const both = nginxInclude(BOTH);

  it('holds the widgets JSON folder and their list reading their own flags', () => {
    expect(block(both, `location ^~ ${W}/ {`, '}')).toEqual([
      `location ^~ ${W}/ {`,
      '    types { application/gzip gz; application/octet-stream br; }',
      '    default_type application/json;',
      '}',
    ]);
    const list = block(both, `location = ${W}/ {`, '}');
    expect(list.filter((l) => l.includes('$args') || l.includes('widgets_filter'))).toEqual([
      '    if ($args ~ "%") {',
      '    if ($args !~ "^&*(?:(?:for_hg|for_cc)(?:=[^&]*)?(?:&+|$))*$") {',
      '    if ($args !~ "^&*(?:(?:for_hg|for_cc)=(?:true|1|false|0)(?:&+|$))*$") {',
      '    if ($args ~ "(?:^|&)(?:for_hg=[^&]*&(?:[^&]*&)*for_hg=|for_cc=[^&]*&(?:[^&]*&)*for_cc=)") {',
      '    set $widgets_filter "";',
      `    if ($arg_for_hg ~ "^(true|1)$") { set $widgets_filter "\${widgets_filter}for_hg/"; }`,
      `    if ($arg_for_cc ~ "^(true|1)$") { set $widgets_filter "\${widgets_filter}for_cc/"; }`,
      '    if ($widgets_filter) {',
      `        rewrite ^ /api/v1/configs/widgets/filters/\${widgets_filter}index.json? last;`,
    ]);
    expect(list.join('\n')).toContain('the filters are for_hg, for_cc, in lowercase');
    expect(both.split('\n').filter((l) => l.startsWith(`location = ${W}/`))).toEqual([
      `location = ${W}/ {`,
      `location = ${W}/index.json {`,
    ]);
  });

  it('keeps every line of the user services file, in order', () => {
    expect(inOrder(nginxInclude(ALONE), both)).toBe(true);
    expect(both.length).toBeGreaterThan(nginxInclude(ALONE).length);
  });
});

describe('Caddy over two kinds', () => {
  const both = caddyImport(BOTH);

  it('holds the widgets matchers, maps, rewrite and JSON type', () => {
    const lines = both.split('\n');
    for (const line of [
      `@widgets_list vars {http.request.orig_uri.path} ${W}/ ${W}/index.json`,
      'request_body @widgets_list {',
      'map {query.for_hg} {widgets_for_hg} {',
      'map {query.for_cc} {widgets_for_cc} {',
      '\texpression `{widgets_for_hg} + {widgets_for_cc} != ""`',
      `rewrite @widgets_filtered ${W}/filters/{widgets_for_hg}{widgets_for_cc}index.json`,
      '\tpath_regexp ^(?:/api/v1/configs/widgets/|/api/v1/configs/widgets/index\\.json)$',
      '\tnot vars_regexp {query} `^&*(?:(?:for_hg|for_cc)(?:=[^&]*)?(?:&+|$))*$`',
      '\tpath_regexp ^(?:/api/v1/configs/user_services/.*|/api/v1/configs/widgets/.*|/404\\.json)$',
    ]) {
      expect(lines, line).toContain(line);
    }
    expect(lines.filter((l) => /^@widgets_query_\d \{$/.test(l))).toHaveLength(4);
    expect(lines).not.toContain('map {query.for_ivr} {widgets_for_ivr} {');
  });

  it('keeps every line of the user services file but its JSON matcher, in order', () => {
    const alone = caddyImport(ALONE);
    const json = '\tpath_regexp ^(?:/api/v1/configs/user_services/.*|/404\\.json)$';
    expect(alone.split('\n')).toContain(json);
    const [before, after] = alone.split(`${json}\n`) as [string, string];
    expect(inOrder(before.trimEnd(), both) && inOrder(after, both)).toBe(true);
  });
});

describe('Netlify over two kinds', () => {
  it('rewrites the widgets folders and reads their query flags, with their own error files', () => {
    const both = redirectsFile(BOTH, NO_LIFECYCLE).split('\n');
    const ofWidgets = both.filter((l) => l.startsWith(`${W}/`));
    expect(ofWidgets).toHaveLength(2 * 29 + 5);
    for (const line of [
      `${W}/ FOR_CC=:value /api/v1/errors/widgets/unknown-filter.json 400`,
      `${W}/ for_hg=0 for_cc=1 ${W}/filters/for_cc/index.json 200`,
      `${W}/index.json for_hg=true for_cc=true ${W}/filters/for_hg/for_cc/index.json 200!`,
      `${W}/ for_hg=:value /api/v1/errors/widgets/invalid-filter-value.json 400`,
      `${W}/filters/for_hg/for_cc/ ${W}/filters/for_hg/for_cc/index.json 200`,
      `${W}/:instance/ ${W}/:instance/index.json 200`,
    ]) {
      expect(ofWidgets, line).toContain(line);
    }
    expect(inOrder(redirectsFile(ALONE, NO_LIFECYCLE), both.join('\n'))).toBe(true);
  });

  it('labels the widgets files JSON and publishes their error bodies beside the user services ones', () => {
    const headers = headersFile(new Map(), BOTH, NO_LIFECYCLE);
    expect(headers).toContain(`${W}/*\n  Content-Type: application/json\n`);
    expect(inOrder(headersFile(new Map(), ALONE, NO_LIFECYCLE), headers)).toBe(true);
    const files = queryErrorFiles(BOTH).map(([path, bytes]) => [path, new TextDecoder().decode(bytes)]);
    expect(files.map(([path]) => path)).toEqual([
      'api/v1/errors/unknown-filter.json',
      'api/v1/errors/invalid-filter-value.json',
      'api/v1/errors/widgets/unknown-filter.json',
      'api/v1/errors/widgets/invalid-filter-value.json',
    ]);
    expect(files[2]?.[1]).toContain(
      '"message":"the query string names an unknown filter; the filters are for_hg, for_cc, in lowercase"',
    );
    expect(files.slice(0, 2)).toEqual(
      queryErrorFiles(ALONE).map(([path, bytes]) => [path, new TextDecoder().decode(bytes)]),
    );
  });
});

describe('CloudFront over two kinds', () => {
  type Handler = (event: unknown) => { uri?: string; statusCode?: number; body?: { data: string } };
  const handler = runInNewContext(`${viewerRequestFunction(BOTH)}\nhandler;`) as Handler;
  const request = (uri: string, query: Record<string, string> = {}) =>
    handler({
      version: '1.0',
      context: { eventType: 'viewer-request' },
      request: {
        method: 'GET',
        uri,
        headers: {},
        querystring: Object.fromEntries(Object.entries(query).map(([k, value]) => [k, { value }])),
      },
    });

  it('sends each list to the filter file of its own flags', () => {
    expect(request(`${W}/`, { for_cc: 'true' }).uri).toBe(`${W}/filters/for_cc/index.json`);
    expect(request(`${W}/index.json`, { for_hg: '1', for_cc: '1' }).uri).toBe(`${W}/filters/for_hg/for_cc/index.json`);
    expect(request('/api/v1/configs/user_services/', { for_ivr: '1' }).uri).toBe(
      '/api/v1/configs/user_services/filters/for_ivr/index.json',
    );
    expect(request(`${W}/blue/`).uri).toBe(`${W}/blue/index.json`);
  });

  it('refuses a user services flag on the widgets list, naming the widgets flags', () => {
    const answer = request(`${W}/`, { for_ivr: 'true' });
    expect(answer.statusCode).toBe(400);
    expect(JSON.parse(answer.body?.data ?? '')).toEqual({
      error: {
        status: 400,
        code: 'unknown-filter',
        message: 'the query string names an unknown filter; the filters are for_hg, for_cc, in lowercase',
      },
    });
  });
});

describe('S3 over two kinds', () => {
  it('uploads both kinds filters, then both lists, each kept out of the first pass', () => {
    const [first, filters, lists] = s3Passes(BOTH);
    expect(first?.filters.slice(2)).toEqual([
      ['exclude', 'api/v1/configs/user_services/index.json'],
      ['exclude', 'api/v1/configs/widgets/index.json'],
      ['exclude', 'api/v1/configs/user_services/filters/*'],
      ['exclude', 'api/v1/configs/widgets/filters/*'],
      ['exclude', 'api/v1/configs/user_services/_manifest/*'],
    ]);
    expect(filters?.filters).toEqual([
      ['exclude', '*'],
      ['include', 'api/v1/configs/user_services/filters/*'],
      ['include', 'api/v1/configs/widgets/filters/*'],
    ]);
    expect(lists?.filters).toEqual([
      ['exclude', '*'],
      ['include', 'api/v1/configs/user_services/index.json'],
      ['include', 'api/v1/configs/widgets/index.json'],
    ]);
    expect(s3Passes(BOTH).slice(3)).toEqual(s3Passes(ALONE).slice(3));
  });
});
