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

const NGINX_REDIRECT = "nginx's own redirect to the folder URL is a 301 (same target, query kept)";
const BODY_NOT_READ = 'a static host does not read a GET body: send the flags in the query string';

export const HOST_DIFFERENCES = {
  serve: {
    FOO: { answer: json(400, 'bad-request'), why: "Node's HTTP parser refuses a method it does not know" },
    'compressed copy': {
      answer: json(404, 'not-found'),
      why: 'the preview server compresses nothing, so it has no .gz copies',
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
} satisfies Record<string, Record<string, Difference>>;
