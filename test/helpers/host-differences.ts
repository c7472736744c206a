/**
 * What each host answers where it cannot give the spec's answer, and why.
 * The conformance test asserts these exactly; the README's hosting matrix is
 * generated from them. Every difference is a JSON error or a redirect, never
 * a wrong 200.
 */
import { HOST_ONLY_PATHS } from '../../scripts/core/model/site.js';
import { type Answer, type Difference, otherCase } from './conformance.js';
import { FIXTURE_RENAMES } from './fixture-catalog.js';

const LIST = '/api/v1/configs/user_services/';
const json = (status: number, code: string): Answer => ({ status, type: 'application/json', body: `error:${code}` });
const list: Answer = { status: 200, type: 'application/json', body: `file:${LIST.slice(1)}index.json` };

const filtered = (flag: string): Answer => ({
  status: 200,
  type: 'application/json',
  body: `file:${LIST.slice(1)}filters/${flag}/index.json`,
});
const instance = (name: string): Answer => ({
  status: 200,
  type: 'application/json',
  body: `file:${LIST.slice(1)}${name}/index.json`,
});

const NETLIFY_400 = "netlify dev answers a rule's 400 with its own text body, not the JSON file the rule names";
const NETLIFY_400_UNKNOWN: Answer = { status: 400, body: 'other:61 bytes' };
const NETLIFY_400_VALUE: Answer = { status: 400, body: 'other:66 bytes' };
const NETLIFY_SUBSET = 'a rule matches when the query has its parameters; others are ignored (names cannot be listed)';
const NETLIFY_SLASH = 'Netlify answers a folder URL without its final slash as with it';
const NETLIFY_METHOD: Answer = { status: 200, type: 'text/plain; charset=utf-8', body: 'other:18 bytes' };
const NETLIFY_METHODS = 'rules cannot match a method; netlify dev answers 200 with the text "Method Not Allowed"';
const NETLIFY_404: Answer = { status: 404, type: 'text/html; charset=utf-8', body: 'error:not-found' };
const NETLIFY_403: Answer = { status: 403, type: 'application/json', body: 'other:95 bytes' };

/** The rows of previous names: the spec's redirect, which netlify dev sends without the headers of `_headers`. */
const NETLIFY_REDIRECT =
  "a _redirects redirect carries none of _headers' headers: no CORS, so a browser does not follow it";
const renamed = (row: string, to: string): [string, Difference] => [
  row,
  { answer: { status: 308, body: `location:${LIST}${to}` }, why: NETLIFY_REDIRECT, beforeRules: true },
];
const netlifyRedirects: Record<string, Difference> = Object.fromEntries([
  ...Object.keys(FIXTURE_RENAMES).map((previous) => renamed(`${LIST}${previous}/`, 'call-park/')),
  renamed('previous name without its slash', 'call-park/'),
  renamed('previous name with a query', 'call-park/?utm_source=mail'),
  renamed('previous name file', 'call-park/index.json'),
  renamed('previous name HEAD', 'call-park/'),
]);

const CLOUDFRONT_403: Answer = { status: 403, type: 'text/plain', body: 'other:36 bytes' };
const NO_VIEWER_RESPONSE =
  'no viewer-response function runs on an error of the origin: the 404 has no CORS or nosniff header';

/** A previous name in another case, which names no folder: every host answers 404. */
const RENAMED_CASE = otherCase(Object.keys(FIXTURE_RENAMES)[0] as string);
const FOLDERS_UNKNOWN =
  'the function cannot know which folders exist: an API URL that names no file is redirected to its folder URL, which answers 404';

const BODY_NOT_READ = 'a static host does not read a GET body: send the flags in the query string';
const REFUSES_BODY = 'it cannot read the body, so it refuses a request to the list that has one';

/** The rows that send the spec's JSON body, each with the answer a host that cannot read it gives. */
const bodyRows = (answer: (row: string) => Answer, why: string, beforeRules?: true): Record<string, Difference> =>
  Object.fromEntries(
    ['filter in the JSON body', 'JSON body at the list file', 'JSON body sent chunked'].map((row) => [
      row,
      { answer: answer(row), why, ...(beforeRules ? { beforeRules } : {}) },
    ]),
  );
const refusesBody = bodyRows(() => json(400, 'body-not-read'), REFUSES_BODY);

/** The rows of a revalidation (`If-None-Match` with the ETag just given), answered 304 with the file's type. */
const typed304 = (why: string): Record<string, Difference> =>
  Object.fromEntries(
    [
      ['list revalidated', 'application/json'],
      ['catalog page revalidated', 'text/html; charset=utf-8'],
    ].map(([row, type]) => [row, { answer: { status: 304, type, body: 'empty' }, why }]),
  );

export const HOST_DIFFERENCES = {
  serve: {
    FOO: { answer: json(400, 'bad-request'), why: "Node's HTTP parser refuses a method it does not know" },
    'compressed copy': {
      answer: json(404, 'not-found'),
      why: 'the preview server compresses nothing, so it has no .gz copies',
    },
    'manifest signature': {
      answer: json(404, 'not-found'),
      why: 'the preview server signs nothing: the signing key is given to build alone',
    },
  },
  nginx: {
    'NUL in the path': { answer: json(400, 'bad-request'), why: 'nginx refuses %00 while reading the request line' },
    ...refusesBody,
  },
  Caddy: {
    ...refusesBody,
  },
  'S3 + CloudFront': {
    ...Object.fromEntries(
      [
        `${LIST}no-such-service/`,
        'unknown file outside the list',
        'unknown top-level URL',
        'segment of 300 bytes',
        'previous name in another case',
        'previous name file in another case',
        'deprecated instance in another case',
        'deprecated instance file in another case',
        'list in another case with a flag',
        ...HOST_ONLY_PATHS.map((p) => `host file ${p}`),
      ].map((row) => [row, { answer: json(404, 'not-found'), why: NO_VIEWER_RESPONSE, beforeRules: true }]),
    ),
    'previous name in another case, without its slash': {
      answer: { status: 308, body: `location:${LIST}${RENAMED_CASE}/` },
      why: FOLDERS_UNKNOWN,
    },
    'NUL in the path': {
      answer: json(404, 'not-found'),
      why: `the function does not check paths: S3 holds no such key; ${NO_VIEWER_RESPONSE}`,
      beforeRules: true,
    },
    'compressed copy': {
      answer: json(404, 'not-found'),
      why: `s3/upload.sh uploads no .gz copies (CloudFront compresses by itself); ${NO_VIEWER_RESPONSE}`,
      beforeRules: true,
    },
    FOO: {
      answer: CLOUDFRONT_403,
      why: 'CloudFront refuses a method it does not forward (403, Invalid method)',
      beforeRules: true,
    },
    ...bodyRows(() => CLOUDFRONT_403, 'CloudFront refuses a GET with a body (403) before any function runs', true),
  },
  'Cloudflare Pages': {
    'JSON body sent chunked': {
      answer: list,
      why: 'wrangler pages dev drops a chunked GET body, and its Transfer-Encoding, before the Worker runs',
    },
    FOO: {
      answer: { status: 501, type: 'text/plain', body: 'other:35 bytes' },
      why: 'the runtime refuses a method it does not know before the Worker runs',
      beforeRules: true,
    },
  },
  Netlify: {
    ...Object.fromEntries(
      [
        `${LIST}no-such-service/`,
        'previous name in another case',
        'previous name in another case, without its slash',
        'deprecated instance in another case',
      ].map((row) => [
        row,
        { answer: NETLIFY_404, why: 'a rewrite to a missing file answers the top-level 404.html, typed by its name' },
      ]),
    ),
    'flag in capitals': { answer: NETLIFY_400_UNKNOWN, why: NETLIFY_400, beforeRules: true },
    'other value': { answer: NETLIFY_400_VALUE, why: NETLIFY_400, beforeRules: true },
    'escaped value': { answer: filtered('for_hg'), why: 'Netlify decodes the query before its rules match it' },
    'flag given twice': { answer: list, why: 'no rule can match a repeated parameter: the whole list' },
    'other parameter': { answer: filtered('for_hg'), why: NETLIFY_SUBSET },
    'flag without value': { answer: list, why: 'no rule can match a parameter without =: the whole list' },
    'list without its slash': { answer: filtered('for_cc'), why: NETLIFY_SLASH },
    'list without its slash or a query': { answer: list, why: NETLIFY_SLASH },
    'instance without its slash': { answer: instance('call-waiting'), why: NETLIFY_SLASH },
    'instance without its slash, with a query': { answer: instance('call-waiting'), why: NETLIFY_SLASH },
    'folder for mirrors without its slash': { answer: instance('_manifest'), why: NETLIFY_SLASH },
    'HEAD without the slash': {
      answer: { status: 200, type: 'application/json', body: 'empty' },
      why: NETLIFY_SLASH,
    },
    'CORS preflight': { answer: NETLIFY_METHOD, why: NETLIFY_METHODS },
    'preflight of the catalog page': {
      answer: { ...NETLIFY_METHOD, status: 405 },
      why: 'netlify dev answers a method other than GET and HEAD on a file no rule rewrites with its own 405 text',
    },
    ...typed304('netlify dev labels a 304 with the Content-Type of the file'),
    POST: { answer: NETLIFY_METHOD, why: NETLIFY_METHODS },
    DELETE: { answer: NETLIFY_METHOD, why: NETLIFY_METHODS },
    FOO: {
      answer: { status: 400, body: 'empty' },
      why: 'the runtime refuses a method it does not know',
      beforeRules: true,
    },
    'NUL in the path': { answer: NETLIFY_403, why: "the runtime's own refusal of a path it cannot serve" },
    'segment of 300 bytes': { answer: NETLIFY_403, why: "the runtime's own refusal of a path it cannot serve" },
    ...bodyRows(() => list, BODY_NOT_READ),
    ...netlifyRedirects,
  },
} satisfies Record<string, Record<string, Difference>>;
