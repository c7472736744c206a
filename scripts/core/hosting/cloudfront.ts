/**
 * CloudFront Functions (runtime cloudfront-js-2.0) in front of an S3 bucket:
 * the viewer-request function maps folder URLs to their `index.json` and the
 * query flags to the filter file; the viewer-response function adds the
 * headers S3 cannot store. Plain ES5, as CloudFront Functions run it.
 */
import type { KindIdentity } from '../kinds/kind.js';
import { FILTERS_FOLDER } from '../model/site.js';
import { BODY_SIGNS } from '../serving/body.js';
import { JSON_TYPE } from '../serving/content-types.js';
import { CONTENT_SECURITY_POLICY, commonHeaders, PREFLIGHT_HEADERS } from '../serving/headers.js';
import { errorBody, methodNotAllowed } from '../serving/http-error.js';
import { type Lifecycle, NO_LIFECYCLE } from '../serving/lifecycle.js';
import { ALLOWED_METHODS } from '../serving/limits.js';
import { type ServedList, servedLists } from '../serving/lists.js';
import { checkError, TRUE_VALUES } from '../serving/query.js';
import { apiFolder, deprecationSource, headerObject, js, renameSource } from './cloudfront-lifecycle.js';
import { GENERATED_NOTICE, hostName, NO_STORE } from './policy.js';

/** Path, under the hosting folder, of the viewer-request function. */
export const CLOUDFRONT_REQUEST = 'cloudfront/viewer-request.js';
/** Path, under the hosting folder, of the viewer-response function. */
export const CLOUDFRONT_RESPONSE = 'cloudfront/viewer-response.js';

const GENERATED = `// ${GENERATED_NOTICE}`;

/** Extensions of the files under the API folder: its JSON, and the compressed copies beside them. */
const API_FILE_EXTENSIONS = ['json', 'gz', 'br'] as const;
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

/** A list's grammar's checks as the function runs them: pattern, whether a match refuses, and the 400 body. */
const checks = (list: ServedList) =>
  list.grammar.checks.map((c) => [c.pattern, c.refuseWhen === 'match', text(errorBody(checkError(c)))]);
const notAllowed = methodNotAllowed();

/**
 * The function's names of each list's values (`LIST`, `FLAGS`, `LISTS`,
 * `CHECKS`, `BODY_NOT_READ`): as they are for one list, each with its
 * kind's name (`LIST_WIDGETS`) for several. `filters` names the folder the
 * list's filter files are under: the API folder's variable when the list's
 * folder is the API folder (one kind), else the list's own.
 */
function namesOf(lists: readonly ServedList[], api: string) {
  return lists.map((list) => {
    const suffix = lists.length === 1 ? '' : `_${hostName(list.kind.name).toUpperCase()}`;
    const [LIST, FLAGS, LISTS, CHECKS, BODY_NOT_READ] = ['LIST', 'FLAGS', 'LISTS', 'CHECKS', 'BODY_NOT_READ'].map(
      (name) => `${name}${suffix}`,
    ) as [string, string, string, string, string];
    const filters = list.urls[0] === api ? 'API' : LIST;
    return { list, LIST, FLAGS, LISTS, CHECKS, BODY_NOT_READ, filters };
  });
}

/** The handler's answer on one list: a body refused, the query checked, the flags set naming the filter file. */
function listBlock(n: ReturnType<typeof namesOf>[number]): string[] {
  return [
    `  if (${n.LISTS}.indexOf(uri) >= 0) {`,
    '    var headers = request.headers || {};',
    '    for (var b = 0; b < BODY_SIGNS.length; b++) {',
    '      var sign = headers[BODY_SIGNS[b][0]];',
    `      if (sign && new RegExp(BODY_SIGNS[b][1]).test(sign.value)) return error(400, 'Bad Request', ${n.BODY_NOT_READ}, {});`,
    '    }',
    '    var raw = query(request.querystring).slice(1);',
    `    for (var c = 0; c < ${n.CHECKS}.length; c++) {`,
    `      if (new RegExp(${n.CHECKS}[c][0]).test(raw) === ${n.CHECKS}[c][1]) return error(400, 'Bad Request', ${n.CHECKS}[c][2], {});`,
    '    }',
    "    var set = '';",
    `    for (var i = 0; i < ${n.FLAGS}.length; i++) {`,
    `      var param = request.querystring[${n.FLAGS}[i]];`,
    `      if (param && TRUE_VALUES.indexOf(param.value) >= 0) set += ${n.FLAGS}[i] + '/';`,
    '    }',
    `    request.uri = set === '' ? ${n.LIST} + 'index.json' : ${n.filters} + '${FILTERS_FOLDER}/' + set + 'index.json';`,
    '    request.querystring = {};',
    '    return request;',
    '  }',
  ];
}

/**
 * The CloudFront Function (cloudfront-js-2.0) of viewer requests for a site of
 * objects of `kinds`: folder URLs to their `index.json`, each kind's filters
 * read from the query at its list, redirects to the final slash and from
 * `lifecycle`'s previous instance names. JavaScript source text.
 */
export function viewerRequestFunction(kinds: readonly KindIdentity[], lifecycle: Lifecycle = NO_LIFECYCLE): string {
  const api = apiFolder(kinds);
  const names = namesOf([...servedLists(kinds).values()], api);
  const lines = [
    GENERATED,
    '// CloudFront Function, runtime cloudfront-js-2.0, on the viewer-request event.',
    '// - Methods other than GET, HEAD and OPTIONS: 405; OPTIONS: the CORS preflight.',
    '// - The list (its folder URL or its file) with query flags (true or 1 filters, false',
    '//   or 0 does not) answers the filter file of the flags set; the query is then',
    '//   dropped, so the cache policy needs no query string in its key. A query outside',
    '//   the grammar (case, escapes, repeats, other parameters) answers 400, and so does',
    '//   a request with a body (a function cannot read it; CloudFront itself answers a GET',
    '//   with a body 403 before the function runs, as its documentation says).',
    '// - A folder URL answers its index.json (index.html outside the API).',
    '// - An API URL without its final slash is redirected (308) to the one with it, unless',
    '//   it names a file (.json, or a compressed copy, which S3 does not hold: 404).',
    '// - A previous instance name is redirected (308) to its service, query kept.',
    `var API = ${js(api)};`,
    ...names.map((n) => `var ${n.LIST} = ${js(n.list.urls[0])};`),
    ...names.map((n) => `var ${n.FLAGS} = ${js(n.list.kind.flags)};`),
    `var TRUE_VALUES = ${js(TRUE_VALUES)};`,
    ...names.map((n) => `var ${n.LISTS} = ${js(n.list.urls)};`),
    `var METHODS = ${js(ALLOWED_METHODS)};`,
    '// A file under the API folder (JSON or a compressed copy), never redirected to a folder URL.',
    `var FILE = /\\.(?:${API_FILE_EXTENSIONS.join('|')})$/;`,
    '// The query grammar: [pattern, refused when it matches (else when it does not), 400 body].',
    ...names.map((n) => `var ${n.CHECKS} = ${js(checks(n.list))};`),
    `var NOT_ALLOWED = ${js(text(errorBody(notAllowed)))};`,
    '// How a request shows it has a body: [header, pattern of its value].',
    `var BODY_SIGNS = ${js(BODY_SIGNS.map(([name, pattern]) => [name.toLowerCase(), pattern]))};`,
    ...names.map((n) => `var ${n.BODY_NOT_READ} = ${js(text(errorBody(n.list.bodyNotRead)))};`),
    '// Headers of every answer the function gives itself: CloudFront runs no viewer-response',
    '// function on those, so they carry CORS and nosniff here; never cached.',
    `var OWN_HEADERS = ${js(headerObject(commonHeaders(NO_STORE)))};`,
    `var JSON_HEADERS = ${js(headerObject([['Content-Type', JSON_TYPE]]))};`,
    `var PREFLIGHT = ${js(headerObject(PREFLIGHT_HEADERS))};`,
    ...renameSource(lifecycle, api),
    '',
    'function handler(event) {',
    '  var request = event.request;',
    '  var uri = request.uri;',
    '  if (METHODS.indexOf(request.method) < 0) {',
    "    return error(405, 'Method Not Allowed', NOT_ALLOWED, { allow: { value: METHODS.join(', ') } });",
    '  }',
    "  if (request.method === 'OPTIONS') return own(204, 'No Content', PREFLIGHT);",
    '  var to = renamed(uri);',
    "  if (to !== '') return own(308, 'Permanent Redirect', { location: { value: to + query(request.querystring) } });",
    ...names.flatMap(listBlock),
    "  if (uri.charAt(uri.length - 1) === '/') {",
    "    request.uri = uri + (uri.indexOf(API) === 0 ? 'index.json' : 'index.html');",
    '    return request;',
    '  }',
    "  if ((uri + '/').indexOf(API) === 0 && !FILE.test(uri)) {",
    "    return own(308, 'Permanent Redirect', { location: { value: uri + '/' + query(request.querystring) } });",
    '  }',
    '  return request;',
    '}',
    '',
    '// An answer of the function itself: the headers of every answer, then `extra`.',
    'function own(status, description, extra) {',
    '  var headers = {};',
    '  for (var name in OWN_HEADERS) headers[name] = OWN_HEADERS[name];',
    '  for (var more in extra) headers[more] = extra[more];',
    '  return { statusCode: status, statusDescription: description, headers: headers };',
    '}',
    '',
    '// A JSON error of the function itself, never cached.',
    'function error(status, description, body, extra) {',
    '  var response = own(status, description, JSON_HEADERS);',
    '  for (var more in extra) response.headers[more] = extra[more];',
    "  response.body = { encoding: 'text', data: body };",
    '  return response;',
    '}',
    '',
    '// The query string as received (CloudFront keeps its values encoded).',
    'function query(querystring) {',
    '  var parts = [];',
    '  for (var name in querystring) {',
    '    var param = querystring[name];',
    '    var values = param.multiValue ? param.multiValue : [param];',
    "    for (var i = 0; i < values.length; i++) parts.push(values[i].value === '' ? name : name + '=' + values[i].value);",
    '  }',
    "  return parts.length === 0 ? '' : '?' + parts.join('&');",
    '}',
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * The CloudFront Function of viewer responses for a site of objects of
 * `kinds`: the common headers, the
 * Content-Security-Policy on HTML, and `lifecycle`'s headers on deprecated
 * instances. JavaScript source text.
 */
export function viewerResponseFunction(kinds: readonly KindIdentity[], lifecycle: Lifecycle = NO_LIFECYCLE): string {
  // Cache-Control is stored on each object by the upload script, where CloudFront's cache reads it too.
  const headers = commonHeaders('').filter(([name]) => name !== 'Cache-Control');
  const lines = [
    GENERATED,
    '// CloudFront Function, runtime cloudfront-js-2.0, on the viewer-response event:',
    '// the headers S3 cannot store on an object. Cache-Control is stored on each',
    '// object by s3/upload.sh.',
    `var CSP = ${js(CONTENT_SECURITY_POLICY)};`,
    ...deprecationSource(lifecycle, apiFolder(kinds)),
    '',
    'function handler(event) {',
    '  var response = event.response;',
    '  var headers = response.headers;',
    ...headers.map(([name, value]) => `  headers[${js(name.toLowerCase())}] = { value: ${js(value)} };`),
    "  var type = headers['content-type'] ? headers['content-type'].value : '';",
    "  if (type.indexOf('text/html') === 0) headers['content-security-policy'] = { value: CSP };",
    '  deprecate(event.request.uri, headers);',
    '  return response;',
    '}',
  ];
  return `${lines.join('\n')}\n`;
}
