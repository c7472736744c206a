import { describe, expect, it } from 'vitest';
import { userServicesIdentity } from '../../../scripts/core/kinds/user-services/identity.js';
import { filterSets } from '../../../scripts/core/model/site.js';
import { parseBodyFlags } from '../../../scripts/core/serving/body.js';
import { contentTypeOf } from '../../../scripts/core/serving/content-types.js';
import { errorBody } from '../../../scripts/core/serving/http-error.js';
import { filteredListPath } from '../../../scripts/core/serving/lists.js';
import { parseQueryFlags } from '../../../scripts/core/serving/query.js';
import { type Resolution, resolveRequest } from '../../../scripts/core/serving/request.js';
import { analyzeTexts } from '../../helpers/core.js';
import { pageAssets } from '../../helpers/page.js';
import { emitSite, USER_SERVICES_LIST, USER_SERVICES_LISTS } from '../../helpers/user-services-kind.js';

const API = 'api/v1/configs/user_services';
const site = emitSite(
  analyzeTexts({
    'hunt.yaml': 'technical_name: Hunt\nfor_hg: true\nfor_cc: true\n',
    'plain.yaml': 'technical_name: Plain\n',
    'a.b_c-d.yaml': 'technical_name: Dotted\nfor_ivr: true\n',
  }).services,
  { pretty: false, page: pageAssets() },
);

const enc = new TextEncoder();
const get = (target: string, body = '', method = 'GET'): Resolution =>
  resolveRequest({ method, target, body: enc.encode(body) }, site, USER_SERVICES_LISTS);
const file = (path: string): Resolution => ({ kind: 'file', path, headers: [] });
const failure = (r: Resolution): [number, string, string] => {
  if (r.kind !== 'error') throw new Error(`expected an error, got ${JSON.stringify(r)}`);
  return [r.error.status, r.error.code, r.error.message];
};

describe('resolveRequest: paths', () => {
  it('answers folder URLs with their index.json and file URLs as they are', () => {
    expect(get(`/${API}/`)).toEqual(file(`${API}/index.json`));
    expect(get(`/${API}/index.json`)).toEqual(file(`${API}/index.json`));
    expect(get(`/${API}/hunt/`)).toEqual(file(`${API}/hunt/index.json`));
    expect(get(`/${API}/a.b_c-d/`)).toEqual(file(`${API}/a.b_c-d/index.json`));
    expect(get(`/${API}/filters/for_hg/for_cc/`)).toEqual(file(`${API}/filters/for_hg/for_cc/index.json`));
    expect(get('/api/v1/openapi.json')).toEqual(file('api/v1/openapi.json'));
  });

  it('decodes percent escapes once, as UTF-8', () => {
    expect(get(`/${API}/h%75nt/`)).toEqual(file(`${API}/hunt/index.json`));
    expect(failure(get(`/${API}/%C3%A9t%C3%A9/`))).toEqual([404, 'not-found', `nothing is published at /${API}/été/`]);
  });

  it('redirects a folder URL without its final slash, keeping the query', () => {
    expect(get(`/${API}`)).toEqual({ kind: 'redirect', location: `/${API}/` });
    expect(get(`/${API}/hunt?x=1`)).toEqual({ kind: 'redirect', location: `/${API}/hunt/?x=1` });
  });

  it('answers 404 for what the site does not hold', () => {
    expect(failure(get(`/${API}/nope/`))).toEqual([404, 'not-found', `nothing is published at /${API}/nope/`]);
    expect(failure(get(`/${API}/Hunt/`))).toEqual([404, 'not-found', `nothing is published at /${API}/Hunt/`]);
    expect(failure(get(`/${API}/filters/`))[1]).toBe('not-found');
    expect(failure(get(`/${API}/filters/for_cc/for_hg/`))[1]).toBe('not-found');
    expect(failure(get(`/${API}/%252e%252e/`))[1]).toBe('not-found');
  });

  it('answers 404 for the files hosts read, which the site holds but clients never get', () => {
    const withWorker = new Map([...site, ['_worker.js', enc.encode('export default {}')]]);
    expect(['_headers', '_redirects', '.nojekyll', '_worker.js'].filter((p) => withWorker.has(p))).toHaveLength(4);
    for (const path of ['_headers', '_redirects', '.nojekyll', '_worker.js']) {
      const r = resolveRequest(
        { method: 'GET', target: `/${path}?x=1`, body: new Uint8Array() },
        withWorker,
        USER_SERVICES_LISTS,
      );
      expect(failure(r)).toEqual([404, 'not-found', `nothing is published at /${path}`]);
    }
    expect(failure(get('/_worker.js/'))[1]).toBe('not-found');
    expect(failure(get('/%5fheaders'))).toEqual([404, 'not-found', 'nothing is published at /_headers']);
  });

  it('accepts the absolute form of a request target', () => {
    expect(get(`http://example.com/${API}/hunt/`)).toEqual(file(`${API}/hunt/index.json`));
  });

  it.each([
    ['..', `/${API}/../../../etc/passwd`, 'it holds a . or .. segment'],
    ['.', `/${API}/./hunt/`, 'it holds a . or .. segment'],
    ['%2e%2e', `/${API}/%2e%2e/%2e%2e/`, 'it holds an encoded dot, slash, backslash or NUL'],
    ['%2E', `/${API}/%2E./`, 'it holds an encoded dot, slash, backslash or NUL'],
    ['%2f', `/${API}%2f..%2fetc`, 'it holds an encoded dot, slash, backslash or NUL'],
    ['%5c', `/${API}/%5c..%5c`, 'it holds an encoded dot, slash, backslash or NUL'],
    ['%00', `/${API}/hunt%00/`, 'it holds an encoded dot, slash, backslash or NUL'],
    ['backslash', `/${API}\\..\\`, 'it holds a character that must not appear in a URL path'],
    ['NUL', `/${API}/\u0000/`, 'it holds a character that must not appear in a URL path'],
    ['space', `/${API}/a b/`, 'it holds a character that must not appear in a URL path'],
    ['raw non-ASCII', `/${API}/\u00e9/`, 'it holds a character that must not appear in a URL path'],
    ['overlong dot', `/${API}/%c0%ae%c0%ae/`, 'its escapes are not UTF-8'],
    ['overlong slash', `/${API}/%c0%af`, 'its escapes are not UTF-8'],
    ['lone continuation', `/${API}/%80/`, 'its escapes are not UTF-8'],
    ['broken escape', `/${API}/%zz/`, 'it holds a % that does not start an escape like %41'],
    ['encoded control', `/${API}/%01/`, 'it holds a control character or a backslash'],
    ['encoded C1 control', `/${API}/%C2%85/`, 'it holds a control character or a backslash'],
    ['relative', 'api/v1/', 'it must start with /'],
    ['asterisk', '*', 'it must start with /'],
  ])('refuses a path with %s (400)', (_name, target, why) => {
    expect(failure(get(target))).toEqual([400, 'invalid-path', `the path is not valid: ${why}`]);
  });

  it('refuses a URL over 2048 characters (414) before looking at it', () => {
    expect(failure(get(`/${'a'.repeat(2048)}`))).toEqual([
      414,
      'uri-too-long',
      'the URL is longer than 2048 characters',
    ]);
    expect(failure(get(`/${'a'.repeat(2046)}`))[1]).toBe('not-found');
  });
});

describe('resolveRequest: methods', () => {
  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'TRACE', 'CONNECT'])('refuses %s with 405', (method) => {
    expect(failure(get(`/${API}/`, '', method))).toEqual([
      405,
      'method-not-allowed',
      `the method ${method} is not allowed; use GET, HEAD or OPTIONS`,
    ]);
  });

  it('answers HEAD like GET and OPTIONS with a preflight, for any valid path', () => {
    expect(get(`/${API}/hunt/`, '', 'HEAD')).toEqual(file(`${API}/hunt/index.json`));
    expect(get(`/${API}/nope/`, '', 'OPTIONS')).toEqual({ kind: 'preflight' });
    expect(failure(get(`/${API}/../`, '', 'OPTIONS'))[1]).toBe('invalid-path');
  });
});

describe('resolveRequest: filters', () => {
  it('maps every set of flags, by query and by body, to its filter file in canonical order', () => {
    for (const flags of filterSets(userServicesIdentity)) {
      const expected = file(`${API}/filters/${flags.join('/')}/index.json`);
      const reversed = [...flags].reverse();
      expect(get(`/${API}/?${reversed.map((f) => `${f}=true`).join('&')}`)).toEqual(expected);
      expect(get(`/${API}/?${flags.map((f) => `${f}=1`).join('&')}`)).toEqual(expected);
      expect(get(`/${API}/`, JSON.stringify(Object.fromEntries(reversed.map((f) => [f, true]))))).toEqual(expected);
      expect(get(`/${API}/`, '', 'HEAD')).toEqual(file(`${API}/index.json`));
    }
  });

  it('does not filter on false, 0, an absent flag or an empty body', () => {
    const list = file(`${API}/index.json`);
    expect(get(`/${API}/?for_hg=false&for_cc=0`)).toEqual(list);
    expect(get(`/${API}/?`)).toEqual(list);
    expect(get(`/${API}/`, '{"for_hg": false, "for_ivr": false}')).toEqual(list);
    expect(get(`/${API}/`, ' \n')).toEqual(list);
    expect(get(`/${API}/`, '{}')).toEqual(list);
    expect(get(`/${API}/?for_hg=true&for_cc=false`)).toEqual(file(`${API}/filters/for_hg/index.json`));
  });

  it('combines the query and the body: a flag true in either filters', () => {
    expect(get(`/${API}/?for_enduser=1`, '{"for_hg": true}')).toEqual(
      file(`${API}/filters/for_hg/for_enduser/index.json`),
    );
  });

  it('reads the flags on the list file as on its folder URL', () => {
    expect(get(`/${API}/index.json?for_hg=1`)).toEqual(file(`${API}/filters/for_hg/index.json`));
    expect(failure(get(`/${API}/index.json?for_hg=yes`))).toEqual([
      400,
      'invalid-filter-value',
      'the filter for_hg has "yes"; write true, 1, false or 0',
    ]);
  });

  it('ignores query and body outside the list, as a static host does', () => {
    expect(get(`/${API}/hunt/?for_hg=maybe`, '{')).toEqual(file(`${API}/hunt/index.json`));
  });

  it.each([
    ['?for_hg=yes', 'invalid-filter-value', 'the filter for_hg has "yes"; write true, 1, false or 0'],
    ['?for_hg=TRUE', 'invalid-filter-value', 'the filter for_hg has "TRUE"; write true, 1, false or 0'],
    ['?for_hg', 'invalid-filter-value', 'the filter for_hg has no value; write true, 1, false or 0'],
    ['?for_hg=', 'invalid-filter-value', 'the filter for_hg has ""; write true, 1, false or 0'],
    [
      '?for_xx=true',
      'unknown-filter',
      'unknown filter "for_xx"; the filters are for_hg, for_cc, for_ivr, for_enduser, in lowercase',
    ],
    [
      '?FOR_HG=true',
      'unknown-filter',
      'unknown filter "FOR_HG"; the filters are for_hg, for_cc, for_ivr, for_enduser, in lowercase',
    ],
    [
      '?for_hg=true&utm_source=mail',
      'unknown-filter',
      'unknown filter "utm_source"; the filters are for_hg, for_cc, for_ivr, for_enduser, in lowercase',
    ],
    [
      '?=true',
      'unknown-filter',
      'unknown filter ""; the filters are for_hg, for_cc, for_ivr, for_enduser, in lowercase',
    ],
    ['?for_hg=1&for_hg=0', 'invalid-query', 'the filter for_hg is given more than once'],
    ['?for_cc=0&for_hg=1&for_cc=0', 'invalid-query', 'the filter for_cc is given more than once'],
    [
      '?for_hg=%ff',
      'invalid-query',
      'the query string holds a % escape; write the filters as they are, such as for_hg=true',
    ],
    [
      '?for_hg=%74rue',
      'invalid-query',
      'the query string holds a % escape; write the filters as they are, such as for_hg=true',
    ],
    [
      '?for%5Fhg=true',
      'invalid-query',
      'the query string holds a % escape; write the filters as they are, such as for_hg=true',
    ],
    ['?for_hg=%', 'invalid-query', 'the query string holds a character that must not appear in a URL'],
    ['?a b', 'invalid-query', 'the query string holds a character that must not appear in a URL'],
  ])('refuses the query %s with 400', (query, code, message) => {
    expect(failure(get(`/${API}/${query}`))).toEqual([400, code, message]);
  });

  it.each([
    ['{"for_hg": "true"}', 'invalid-filter-value', 'the filter for_hg must be true or false, not "true"'],
    ['{"for_hg": 1}', 'invalid-filter-value', 'the filter for_hg must be true or false, not 1'],
    ['{"for_hg": null}', 'invalid-filter-value', 'the filter for_hg must be true or false, not null'],
    [
      '{"for_hg": true, "limit": 5}',
      'unknown-filter',
      'unknown filter "limit"; the filters are for_hg, for_cc, for_ivr, for_enduser',
    ],
    [
      '{"__proto__": {"for_hg": true}}',
      'unknown-filter',
      'unknown filter "__proto__"; the filters are for_hg, for_cc, for_ivr, for_enduser',
    ],
    ['[true]', 'not-an-object', 'the body must be a JSON object such as {"for_hg": true}, not [true]'],
    ['"for_hg"', 'not-an-object', 'the body must be a JSON object such as {"for_hg": true}, not "for_hg"'],
    ['null', 'not-an-object', 'the body must be a JSON object such as {"for_hg": true}, not null'],
    ['[[[[[[[[[1]]]]]]]]]', 'too-deep', 'the body nests deeper than 8 levels'],
    [
      '{"a":"[[[[[[[[[[[["}',
      'unknown-filter',
      'unknown filter "a"; the filters are for_hg, for_cc, for_ivr, for_enduser',
    ],
  ])('refuses the body %s with 400', (body, code, message) => {
    expect(failure(get(`/${API}/`, body))).toEqual([400, code, message]);
  });

  it.each(['{"for_hg": tru}', '{"for_hg": true', '{for_hg: true}', "{'for_hg': true}", '{"for_hg": true}}'])(
    'refuses the malformed JSON %s with 400',
    (body) => {
      expect(failure(get(`/${API}/`, body))).toEqual([
        400,
        'invalid-json',
        'the body is not valid JSON; send an object such as {"for_hg": true}',
      ]);
    },
  );

  it.each([
    ['{"for_hg": true, "for_hg": false}', 'for_hg'],
    ['{"for_hg": false, "for_hg": true}', 'for_hg'],
    ['{"for_cc": true, "for_hg": true, "for_cc": true}', 'for_cc'],
    ['{"for_hg": true, "for\\u005fhg": false}', 'for_hg'],
    ['{"for_hg"\n\t :true,"for_hg"  \r\n:  true}', 'for_hg'],
    ['{"limit": 1, "limit": 2}', 'limit'],
    ['{"a\\"b": 1, "a\\"b": 2}', 'a"b'],
  ])('refuses the body %s, which names a key twice, with 400', (body, key) => {
    expect(failure(get(`/${API}/`, body))).toEqual([
      400,
      'invalid-json',
      `the body names ${JSON.stringify(key)} twice; give each filter once`,
    ]);
  });

  it.each([
    ['{"for_hg": true, "for_cc": true}', `${API}/filters/for_hg/for_cc/index.json`],
    ['{"for_hg": true, "x": "\\"for_hg\\": 1"}', 'unknown-filter'],
    ['{"for_hg": "for_hg", "for_cc": true}', 'invalid-filter-value'],
    ['{"for_hg": true, "for_cc": {"for_hg": true}}', 'invalid-filter-value'],
  ])('does not take a name inside a value for a repeated key: %s', (body, expected) => {
    const got = get(`/${API}/`, body);
    if (expected.endsWith('.json')) expect(got).toEqual(file(expected));
    else expect(failure(got)[1]).toBe(expected);
  });

  it('refuses a body that is not UTF-8 with 400', () => {
    const latin1 = resolveRequest(
      { method: 'GET', target: `/${API}/`, body: Uint8Array.of(0x7b, 0xe9, 0x7d) },
      site,
      USER_SERVICES_LISTS,
    );
    expect(failure(latin1)).toEqual([400, 'invalid-json', 'the body is not UTF-8 text']);
  });

  it('exposes the flag order and the path of each set for host rules', () => {
    expect(USER_SERVICES_LIST.kind.flags).toEqual(['for_hg', 'for_cc', 'for_ivr', 'for_enduser']);
    expect(filteredListPath(USER_SERVICES_LIST, new Set())).toBe(`${API}/index.json`);
    expect(filteredListPath(USER_SERVICES_LIST, new Set(['for_enduser', 'for_hg'] as const))).toBe(
      `${API}/filters/for_hg/for_enduser/index.json`,
    );
    expect(parseQueryFlags('for_cc=1&&for_hg=0&', USER_SERVICES_LIST.grammar)).toEqual(new Set(['for_cc']));
    expect(parseBodyFlags(enc.encode('{"for_ivr":true}'), USER_SERVICES_LIST.kind.flags)).toEqual(new Set(['for_ivr']));
  });
});

describe('error bodies and content types', () => {
  it('writes the documented error shape', () => {
    const r = get(`/${API}/nope/`);
    if (r.kind !== 'error') throw new Error('expected an error');
    expect(new TextDecoder().decode(errorBody(r.error))).toBe(
      `{"error":{"status":404,"code":"not-found","message":"nothing is published at /${API}/nope/"}}\n`,
    );
  });

  it('types site files by extension', () => {
    expect(contentTypeOf(`${API}/index.json`)).toBe('application/json');
    expect(contentTypeOf('index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('assets/app.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('LICENSE')).toBe('application/octet-stream');
  });
});
