/**
 * CloudFront Functions (runtime cloudfront-js-2.0) in front of an S3 bucket:
 * the viewer-request function maps folder URLs to their `index.json` and the
 * query flags to the filter file; the viewer-response function adds the
 * headers S3 cannot store. Plain ES5, as CloudFront Functions run it.
 */
import { FLAGS } from '../model/service.js';
import { API_ROOT } from '../model/site.js';
import { CONTENT_SECURITY_POLICY, commonHeaders } from '../serving/headers.js';
import { TRUE_VALUES } from '../serving/query.js';
import { GENERATED_NOTICE, LIST_URL } from './policy.js';

/** Path, under the hosting folder, of the viewer-request function. */
export const CLOUDFRONT_REQUEST = 'cloudfront/viewer-request.js';
/** Path, under the hosting folder, of the viewer-response function. */
export const CLOUDFRONT_RESPONSE = 'cloudfront/viewer-response.js';

const GENERATED = `// ${GENERATED_NOTICE}`;
const js = (value: unknown): string => JSON.stringify(value);

/**
 * The CloudFront Function (cloudfront-js-2.0) of viewer requests: folder URLs
 * to their `index.json`, the filters read from the query, redirects to the
 * final slash. JavaScript source text.
 */
export function viewerRequestFunction(): string {
  const lines = [
    GENERATED,
    '// CloudFront Function, runtime cloudfront-js-2.0, on the viewer-request event.',
    '// - The list with query flags (true or 1 filters; anything else does not) answers',
    '//   the filter file of the flags set; the query is then dropped, so the cache',
    '//   policy needs no query string in its key.',
    '// - A folder URL answers its index.json (index.html outside the API).',
    '// - An API URL without its final slash is redirected (308) to the one with it.',
    `var API = ${js(`/${API_ROOT}/`)};`,
    `var LIST = ${js(LIST_URL)};`,
    `var FLAGS = ${js(FLAGS)};`,
    `var TRUE_VALUES = ${js(TRUE_VALUES)};`,
    '',
    'function handler(event) {',
    '  var request = event.request;',
    '  var uri = request.uri;',
    '  if (uri === LIST) {',
    "    var set = '';",
    '    for (var i = 0; i < FLAGS.length; i++) {',
    '      var param = request.querystring[FLAGS[i]];',
    "      if (param && TRUE_VALUES.indexOf(param.value) >= 0) set += FLAGS[i] + '/';",
    '    }',
    "    request.uri = set === '' ? LIST + 'index.json' : API + 'filters/' + set + 'index.json';",
    '    request.querystring = {};',
    '    return request;',
    '  }',
    "  if (uri.charAt(uri.length - 1) === '/') {",
    "    request.uri = uri + (uri.indexOf(API) === 0 ? 'index.json' : 'index.html');",
    '    return request;',
    '  }',
    "  if ((uri + '/').indexOf(API) === 0 && !/\\/index\\.json$/.test(uri)) {",
    "    return { statusCode: 308, statusDescription: 'Permanent Redirect', headers: { location: { value: uri + '/' + query(request.querystring) } } };",
    '  }',
    '  return request;',
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
 * The CloudFront Function of viewer responses: the common headers, and the
 * Content-Security-Policy on HTML. JavaScript source text.
 */
export function viewerResponseFunction(): string {
  // Cache-Control is stored on each object by the upload script, where CloudFront's cache reads it too.
  const headers = commonHeaders('').filter(([name]) => name !== 'Cache-Control');
  const lines = [
    GENERATED,
    '// CloudFront Function, runtime cloudfront-js-2.0, on the viewer-response event:',
    '// the headers S3 cannot store on an object. Cache-Control is stored on each',
    '// object by s3/upload.sh.',
    `var CSP = ${js(CONTENT_SECURITY_POLICY)};`,
    '',
    'function handler(event) {',
    '  var response = event.response;',
    '  var headers = response.headers;',
    ...headers.map(([name, value]) => `  headers[${js(name.toLowerCase())}] = { value: ${js(value)} };`),
    "  var type = headers['content-type'] ? headers['content-type'].value : '';",
    "  if (type.indexOf('text/html') === 0) headers['content-security-policy'] = { value: CSP };",
    '  return response;',
    '}',
  ];
  return `${lines.join('\n')}\n`;
}
