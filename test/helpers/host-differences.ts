/**
 * What each host answers where it cannot give the spec's answer, and why.
 * The conformance test asserts these exactly; the README's hosting matrix is
 * generated from them. Every difference is a JSON error or a redirect, never
 * a wrong 200.
 */
import type { Answer, Difference } from './conformance.js';

const LIST = '/api/v1/configs/user_services/';
const json = (status: number, code: string): Answer => ({ status, type: 'application/json', body: `error:${code}` });
const moved = (location: string): Answer => ({ status: 301, body: `location:${location}` });
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
const NETLIFY_403: Answer = { status: 403, type: 'application/json', body: 'other:95 bytes' };

const NGINX_REDIRECT = "nginx's own redirect to the folder URL is a 301 (same target, query kept)";
const BODY_NOT_READ = 'a static host does not read a GET body: send the flags in the query string';

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
    'list without its slash': { answer: moved(`${LIST}?for_cc=1`), why: NGINX_REDIRECT },
    'instance without its slash': { answer: moved(`${LIST}call-waiting/`), why: NGINX_REDIRECT },
    'NUL in the path': { answer: json(400, 'bad-request'), why: 'nginx refuses %00 while reading the request line' },
    'filter in the JSON body': { answer: list, why: BODY_NOT_READ },
  },
  Caddy: {
    'filter in the JSON body': { answer: list, why: BODY_NOT_READ },
  },
  'Cloudflare Pages': {
    FOO: {
      answer: { status: 501, type: 'text/plain', body: 'other:35 bytes' },
      why: 'the runtime refuses a method it does not know before the Worker runs',
      beforeRules: true,
    },
  },
  Netlify: {
    [`${LIST}no-such-service/`]: {
      answer: { status: 404, type: 'text/html; charset=utf-8', body: 'error:not-found' },
      why: 'a rewrite to a missing file answers the top-level 404.html, typed by its name',
    },
    'flag in capitals': { answer: NETLIFY_400_UNKNOWN, why: NETLIFY_400, beforeRules: true },
    'other value': { answer: NETLIFY_400_VALUE, why: NETLIFY_400, beforeRules: true },
    'escaped value': { answer: filtered('for_hg'), why: 'Netlify decodes the query before its rules match it' },
    'flag given twice': { answer: list, why: 'no rule can match a repeated parameter: the whole list' },
    'other parameter': { answer: filtered('for_hg'), why: NETLIFY_SUBSET },
    'flag without value': { answer: list, why: 'no rule can match a parameter without =: the whole list' },
    'list without its slash': { answer: filtered('for_cc'), why: NETLIFY_SLASH },
    'instance without its slash': { answer: instance('call-waiting'), why: NETLIFY_SLASH },
    'CORS preflight': { answer: NETLIFY_METHOD, why: NETLIFY_METHODS },
    POST: { answer: NETLIFY_METHOD, why: NETLIFY_METHODS },
    DELETE: { answer: NETLIFY_METHOD, why: NETLIFY_METHODS },
    FOO: {
      answer: { status: 400, body: 'empty' },
      why: 'the runtime refuses a method it does not know',
      beforeRules: true,
    },
    'NUL in the path': { answer: NETLIFY_403, why: "the runtime's own refusal of a path it cannot serve" },
    'segment of 300 bytes': { answer: NETLIFY_403, why: "the runtime's own refusal of a path it cannot serve" },
    'filter in the JSON body': { answer: list, why: BODY_NOT_READ },
  },
} satisfies Record<string, Record<string, Difference>>;
