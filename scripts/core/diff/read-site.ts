/**
 * A built site read back the way a client reads it: the instance documents and
 * the technical names in each list, each list by the URL clients fetch.
 */
import { compareCodePoints } from '../diagnostics/diagnostic.js';
import { instanceNameProblem } from '../model/instance-name.js';
import type { Json, JsonObject } from '../model/json.js';
import { API_ROOT, FILTERS_FOLDER, INDEX_FILES, type Site, urlOf } from '../model/site.js';
import { parseJson } from './parse-json.js';

export interface SiteView {
  /** Instance name to its published document. */
  readonly instances: ReadonlyMap<string, JsonObject>;
  /** Instance name to the exact bytes of its document. */
  readonly instanceBytes: ReadonlyMap<string, Uint8Array>;
  /** Technical name to the URLs of the lists that hold it, in code-point order. */
  readonly membership: ReadonlyMap<string, readonly string[]>;
  /** Every file that is neither an instance nor a list. */
  readonly others: ReadonlyMap<string, Uint8Array>;
}

const INDEX = `/${INDEX_FILES[0]}`;
const decoder = new TextDecoder();

type Place = { kind: 'list' } | { kind: 'instance'; instance: string } | { kind: 'other' };

function placeOf(path: string): Place {
  if (!path.startsWith(`${API_ROOT}/`) || !path.endsWith(INDEX)) return { kind: 'other' };
  const inner = path.slice(API_ROOT.length + 1, -INDEX.length);
  if (path === `${API_ROOT}${INDEX}` || inner.startsWith(`${FILTERS_FOLDER}/`)) return { kind: 'list' };
  // The API's own folders (`_full/`, `_index/`, ...) are named as no instance can be.
  if (inner.includes('/') || inner === FILTERS_FOLDER || instanceNameProblem(inner) !== null) return { kind: 'other' };
  return { kind: 'instance', instance: inner };
}

const asObject = (value: Json, path: string): JsonObject => {
  if (!(value instanceof Map)) throw new Error(`${path} is not a JSON object`);
  return value;
};

function listNames(body: JsonObject, path: string): string[] {
  const entries = body.get('user_services');
  if (!Array.isArray(entries)) throw new Error(`${path} holds no user_services list`);
  return (entries as readonly Json[]).map((e) => String(asObject(e, path).get('technical_name')));
}

/**
 * The published API of a site, as `diff` compares it: each instance's object by
 * instance name, and each list's technical names by its URL. Throws on a list
 * or instance file that is not the JSON the tool publishes.
 */
export function readSite(site: Site): SiteView {
  const instances = new Map<string, JsonObject>();
  const instanceBytes = new Map<string, Uint8Array>();
  const membership = new Map<string, string[]>();
  const others = new Map<string, Uint8Array>();
  for (const [path, bytes] of site) {
    const place = placeOf(path);
    if (place.kind === 'other') {
      others.set(path, bytes);
      continue;
    }
    const body = asObject(parseJson(decoder.decode(bytes)), path);
    if (place.kind === 'instance') {
      instances.set(place.instance, body);
      instanceBytes.set(place.instance, bytes);
      continue;
    }
    for (const name of listNames(body, path)) membership.set(name, [...(membership.get(name) ?? []), urlOf(path)]);
  }
  for (const urls of membership.values()) urls.sort(compareCodePoints);
  return { instances, instanceBytes, membership, others };
}
