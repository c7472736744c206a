/**
 * A built site read back the way a client reads it: the instance documents and
 * the technical names in each list, each list by the URL clients fetch.
 */
import { compareCodePoints } from '../diagnostics/diagnostic.js';
import { userServicesIdentity } from '../kinds/user-services/identity.js';
import { instanceNameProblem } from '../model/instance-name.js';
import type { Json, JsonObject } from '../model/json.js';
import {
  deprecationsPath,
  FILTERS_FOLDER,
  INDEX_FILES,
  instancePath,
  listRoot,
  renamesPath,
  type Site,
  urlOf,
} from '../model/site.js';
import { parseJson } from './parse-json.js';

/** Folder of the user services' list. */
const API_ROOT = listRoot(userServicesIdentity);

export interface SiteView {
  /** Instance name to its published document. */
  readonly instances: ReadonlyMap<string, JsonObject>;
  /**
   * Instance name to what `_deprecations/` and `_renames/` say of it, as the
   * fields `deprecation` (its entry's dates, reason, note and successor, or
   * null) and `previous_names` (in code-point order); empty for a site without them.
   */
  readonly lifecycle: ReadonlyMap<string, JsonObject>;
  /** Previous instance name to the instance its URL redirects to. */
  readonly previousNames: ReadonlyMap<string, string>;
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
  const previousNames = renamesOf(site);
  // The copies at previous names (for GitHub Pages) are no instances.
  const copies = new Set([...previousNames.keys()].map((name) => instancePath(userServicesIdentity, name)));
  for (const [path, bytes] of site) {
    const place = copies.has(path) ? ({ kind: 'other' } as const) : placeOf(path);
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
  return { instances, lifecycle: lifecycleOf(site, previousNames), previousNames, instanceBytes, membership, others };
}

/** The list of an object of a life-cycle file (`user_services`, `renames`); empty when the site has no such file. */
function entriesOf(site: Site, path: string, key: string): JsonObject[] {
  const bytes = site.get(path);
  if (bytes === undefined) return [];
  const list = asObject(parseJson(decoder.decode(bytes)), path).get(key);
  if (!Array.isArray(list)) throw new Error(`${path} holds no ${key} list`);
  return (list as readonly Json[]).map((e) => asObject(e, path));
}

function renamesOf(site: Site): Map<string, string> {
  const entries = entriesOf(site, renamesPath(), 'renames');
  return new Map(entries.map((e) => [String(e.get('previous_name')), String(e.get('instance_name'))]));
}

/** The fields of a `_deprecations/` entry that describe the deprecation (not the service). */
const DEPRECATION_KEYS = ['since', 'reason', 'note', 'replaced_by', 'sunset'] as const;

function lifecycleOf(site: Site, previousNames: ReadonlyMap<string, string>): Map<string, JsonObject> {
  const out = new Map<string, JsonObject>();
  const entry = (instance: string) => {
    let e = out.get(instance) as Map<string, Json> | undefined;
    if (e === undefined) {
      e = new Map<string, Json>([
        ['deprecation', null],
        ['previous_names', []],
      ]);
      out.set(instance, e);
    }
    return e;
  };
  for (const d of entriesOf(site, deprecationsPath(), 'user_services')) {
    // A service no more assignable without a deprecation mapping has nothing more to say.
    if (d.get('since') === null) continue;
    entry(String(d.get('instance_name'))).set(
      'deprecation',
      new Map(DEPRECATION_KEYS.map((k) => [k, d.get(k) ?? null])),
    );
  }
  for (const [previous, instance] of previousNames) {
    const e = entry(instance);
    e.set('previous_names', [...(e.get('previous_names') as string[]), previous].sort(compareCodePoints));
  }
  return out;
}
