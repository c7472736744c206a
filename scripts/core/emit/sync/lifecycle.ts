/**
 * The files of a service's life cycle beside the instances, since the spec's
 * documents keep exactly their keys: `_deprecations/` (every service no more
 * assignable, with the when, why and what instead of its `deprecation`) and
 * `_renames/` (every previous instance name and the instance it redirects
 * to). The preview server, the Cloudflare Worker, every host file and `diff`
 * read them back (`serving/lifecycle.ts`), so they are the one statement of
 * both. GitHub Pages cannot redirect: each previous name also gets a copy of
 * its instance file, which no list names.
 */
import { compareCodePoints } from '../../diagnostics/diagnostic.js';
import { userServicesIdentity } from '../../kinds/user-services/identity.js';
import type { Json } from '../../model/json.js';
import { serialize } from '../../model/json.js';
import type { Service } from '../../model/service.js';
import { API_VERSION, deprecationsPath, instancePath, renamesPath, utf8 } from '../../model/site.js';
import type { KindStep } from '../step.js';
import { INSTANCE_NAME_KEY } from './full.js';
import { instanceHref } from './hash-index.js';

/** The successor of a deprecated service as `_deprecations/` names it: its instance name and URL, or null. */
const successor = (name: string | null): Json =>
  name === null
    ? null
    : new Map<string, Json>([
        [INSTANCE_NAME_KEY, name],
        ['url', instanceHref(name)],
      ]);

/** One entry of `_deprecations/`: a service no more assignable, with its deprecation's fields (null when unset). */
function deprecationEntry(s: Service): Json {
  const d = s.deprecation;
  return new Map<string, Json>([
    [INSTANCE_NAME_KEY, s.instance],
    ['technical_name', s.technical_name],
    ['url', instanceHref(s.instance)],
    ['since', d?.since ?? null],
    ['reason', d?.reason ?? null],
    ['note', d?.note ?? null],
    ['replaced_by', successor(d?.replaced_by ?? null)],
    ['sunset', d?.sunset ?? null],
  ]);
}

/** `{"api_version": 1, "user_services": [...]}`: every service no more assignable, in the list's order. */
export const emitDeprecations: KindStep<Service> = ({ objects: services, options }) => {
  const body = new Map<string, Json>([
    ['api_version', API_VERSION],
    ['user_services', services.filter((s) => s.no_more_assignable).map(deprecationEntry)],
  ]);
  return [[deprecationsPath(), utf8(serialize(body, options.pretty))]];
};

/** Every previous name with its service, in code-point order of the previous names. */
export function renamesOf(services: readonly Service[]): [previous: string, service: Service][] {
  const pairs = services.flatMap((s) => s.previous_names.map((p): [string, Service] => [p, s]));
  return pairs.sort(([a], [b]) => compareCodePoints(a, b));
}

/** `{"api_version": 1, "renames": [...]}`: each previous name, its URL, and the instance it redirects to. */
export const emitRenames: KindStep<Service> = ({ objects: services, options }) => {
  const renames = renamesOf(services).map(
    ([previous, s]) =>
      new Map<string, Json>([
        ['previous_name', previous],
        ['previous_url', instanceHref(previous)],
        [INSTANCE_NAME_KEY, s.instance],
        ['url', instanceHref(s.instance)],
      ]),
  );
  const body = new Map<string, Json>([
    ['api_version', API_VERSION],
    ['renames', renames],
  ]);
  return [[renamesPath(), utf8(serialize(body, options.pretty))]];
};

/**
 * For GitHub Pages, which cannot redirect: at each previous name, a copy of
 * the instance file (the same bytes). Every other host redirects that URL
 * before looking for a file. Must follow the instances step.
 */
export const emitRenameCopies: KindStep<Service> = ({ objects: services, site }) =>
  renamesOf(services).map(([previous, s]) => {
    const bytes = site.get(instancePath(userServicesIdentity, s.instance));
    if (bytes === undefined) throw new Error(`no instance file for ${s.instance}`);
    return [instancePath(userServicesIdentity, previous), bytes];
  });
