/**
 * The examples of the OpenAPI document: the spec's own example bodies (its
 * "Basic Call Logs"), and error bodies made by the request semantics
 * themselves, so that each example is what the server answers.
 */

import { userServicesIdentity } from '../kinds/user-services/identity.js';
import { instancePath, listPath, urlOf } from '../model/site.js';
import { errorBody } from '../serving/http-error.js';
import { servedLists } from '../serving/lists.js';
import { type ApiRequest, resolveRequest } from '../serving/request.js';

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

/** The error body the request semantics give `request` on a site that holds the example's files. */
function errorExample(summary: string, request: Partial<ApiRequest>): { summary: string; value: unknown } {
  const site = new Map(
    [listPath(userServicesIdentity), instancePath(userServicesIdentity, EXAMPLE_INSTANCE)].map((path) => [
      path,
      new Uint8Array(),
    ]),
  );
  const resolution = resolveRequest(
    { method: 'GET', target: '/', body: new Uint8Array(), ...request },
    site,
    servedLists([userServicesIdentity]),
  );
  if (resolution.kind !== 'error') throw new Error(`the example ${summary} is not an error`);
  return { summary, value: JSON.parse(decoder.decode(errorBody(resolution.error))) as unknown };
}

const LIST_URL = urlOf(listPath(userServicesIdentity));

/** Examples of each error response, by response name and example name. */
export const errorExamples = () => ({
  NotFound: {
    notFound: errorExample('No service has this instance name', {
      target: urlOf(instancePath(userServicesIdentity, 'nope')),
    }),
  },
  BadRequest: {
    unknownFilter: errorExample('A query key that is not a flag', { target: `${LIST_URL}?for_xx=true` }),
    invalidFilterValue: errorExample('A flag that is not true, 1, false or 0', { target: `${LIST_URL}?for_hg=yes` }),
    notAnObject: errorExample('A body that is not a JSON object', {
      body: new TextEncoder().encode('[]'),
      target: LIST_URL,
    }),
    invalidPath: errorExample('An instance name with an encoded dot', { target: `${LIST_URL}%2e%2e/` }),
  },
  MethodNotAllowed: {
    post: errorExample('A method other than GET, HEAD or OPTIONS', { method: 'POST', target: LIST_URL }),
  },
});
