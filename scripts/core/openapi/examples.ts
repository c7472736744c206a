/**
 * The examples of the OpenAPI document: the spec's own example bodies (its
 * "Basic Call Logs"), and error bodies made by the request semantics
 * themselves on a kind's URLs, so that each example is what the server answers.
 */

import type { KindIdentity } from '../kinds/kind.js';
import { instancePath, listPath, urlOf } from '../model/site.js';
import { errorBody } from '../serving/http-error.js';
import { servedLists } from '../serving/lists.js';
import { type ApiRequest, resolveRequest } from '../serving/request.js';
import type { DocumentedKind } from './kind.js';

/** The shared error responses of the document, by name (`#/components/responses/<name>`). */
export type ErrorResponse = 'BadRequest' | 'NotFound' | 'MethodNotAllowed';

/** The instance name of the examples: the spec's example service, named as a service file would be. */
export const EXAMPLE_INSTANCE = 'basic-call-logs';

/** The spec's example instance ("Display user service instance"), every field present. */
export const INSTANCE_EXAMPLE = {
  technical_name: 'Basic Call Logs',
  display_name: 'Basic Call Logs',
  description: '',
  no_more_assignable: false,
  for_hg: true,
  for_ivr: false,
  for_cc: false,
  for_enduser: false,
  add_data: {},
} as const;

/** The spec's example list ("Listing available user services"). */
export const LIST_EXAMPLE = {
  user_services: [
    { technical_name: 'Basic Call Logs', display_name: 'Basic Call Logs', description: '', no_more_assignable: false },
  ],
} as const;

const decoder = new TextDecoder();

/** The error body the request semantics give `request` on a site of `kind` that holds the example's files. */
function errorExample(
  kind: KindIdentity,
  summary: string,
  request: Partial<ApiRequest>,
): { summary: string; value: unknown } {
  const site = new Map([listPath(kind), instancePath(kind, EXAMPLE_INSTANCE)].map((path) => [path, new Uint8Array()]));
  const resolution = resolveRequest(
    { method: 'GET', target: '/', body: new Uint8Array(), ...request },
    site,
    servedLists([kind]),
  );
  if (resolution.kind !== 'error') throw new Error(`the example ${summary} is not an error`);
  return { summary, value: JSON.parse(decoder.decode(errorBody(resolution.error))) as unknown };
}

/** A query key that is none of `flags`: `for_xx`, longer while a flag has that name. */
function notAFlag(flags: readonly string[]): string {
  let key = 'for_xx';
  while (flags.includes(key)) key += 'x';
  return key;
}

type Examples = Record<string, { summary: string; value: unknown }>;

/**
 * Examples of each error response, by response name and example name, made
 * on the list and instance URLs of the first of `kinds` the document
 * describes (a flag's example on its first flag; the query's and the body's none when it has no flag: its list reads neither), its
 * objects named by its words (`short`; `object` without them). No kind
 * described: no examples.
 */
export function errorExamples(kinds: readonly DocumentedKind[]): Record<ErrorResponse, Examples> {
  const kind = kinds.find((k) => k.openApi !== undefined);
  if (kind === undefined) return { NotFound: {}, BadRequest: {}, MethodNotAllowed: {} };
  const listUrl = urlOf(listPath(kind));
  const example = (summary: string, request: Partial<ApiRequest>) => errorExample(kind, summary, request);
  const [flag] = kind.flags;
  return {
    NotFound: {
      notFound: example(`No ${kind.openApi?.words?.short ?? 'object'} has this instance name`, {
        target: urlOf(instancePath(kind, 'nope')),
      }),
    },
    BadRequest: {
      // The list of a kind without flags reads no query and no body.
      ...(flag === undefined
        ? {}
        : {
            unknownFilter: example('A query key that is not a flag', {
              target: `${listUrl}?${notAFlag(kind.flags)}=true`,
            }),
            invalidFilterValue: example('A flag that is not true, 1, false or 0', { target: `${listUrl}?${flag}=yes` }),
            notAnObject: example('A body that is not a JSON object', {
              body: new TextEncoder().encode('[]'),
              target: listUrl,
            }),
          }),
      invalidPath: example('An instance name with an encoded dot', { target: `${listUrl}%2e%2e/` }),
    },
    MethodNotAllowed: {
      post: example('A method other than GET, HEAD or OPTIONS', { method: 'POST', target: listUrl }),
    },
  };
}
