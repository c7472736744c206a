/**
 * A built site read back the way a client reads it, kind by kind: the
 * instance documents and the keys in each list, each list by the URL clients
 * fetch.
 */
import { compareCodePoints } from '../diagnostics/diagnostic.js';
import { instanceNameProblem } from '../model/instance-name.js';
import type { Json, JsonObject } from '../model/json.js';
import { FILTERS_FOLDER, INDEX_FILES, listRoot, type Site, urlOf } from '../model/site.js';
import type { DiffableKind } from './kind.js';
import { parseJson } from './parse-json.js';

/** What a site publishes of one kind (all empty for a site without the kind's folder). */
export interface KindView {
  /** Instance name to its published document. */
  readonly instances: ReadonlyMap<string, JsonObject>;
  /**
   * Instance name to what the kind's life-cycle files say of it, as the
   * fields `deprecation` (its entry's dates, reason, note and successor, or
   * null) and `previous_names` (in code-point order); empty for a site or a
   * kind without them.
   */
  readonly lifecycle: ReadonlyMap<string, JsonObject>;
  /** Previous instance name to the instance its URL redirects to. */
  readonly previousNames: ReadonlyMap<string, string>;
  /** Instance name to the exact bytes of its document. */
  readonly instanceBytes: ReadonlyMap<string, Uint8Array>;
  /** Key (user services: technical name) to the URLs of the lists that hold it, in code-point order. */
  readonly membership: ReadonlyMap<string, readonly string[]>;
}

export interface SiteView {
  /** Each kind's view, by kind name. */
  readonly kinds: ReadonlyMap<string, KindView>;
  /** Every file that is neither an instance nor a list of any kind. */
  readonly others: ReadonlyMap<string, Uint8Array>;
}

const [JSON_INDEX] = INDEX_FILES;
const INDEX = `/${JSON_INDEX}`;
const decoder = new TextDecoder();

type Place = { kind: 'list' } | { kind: 'instance'; instance: string } | { kind: 'other' };

/** What `path` is under a kind's root `root` (a path known to start with `${root}/`). */
function placeOf(path: string, root: string): Place {
  if (!path.endsWith(INDEX)) return { kind: 'other' };
  const inner = path.slice(root.length + 1, -INDEX.length);
  if (path === `${root}${INDEX}` || inner.startsWith(`${FILTERS_FOLDER}/`)) return { kind: 'list' };
  // The API's own folders (`_full/`, `_index/`, ...) are named as no instance can be.
  if (inner.includes('/') || inner === FILTERS_FOLDER || instanceNameProblem(inner) !== null) return { kind: 'other' };
  return { kind: 'instance', instance: inner };
}

const asObject = (value: Json, path: string): JsonObject => {
  if (!(value instanceof Map)) throw new Error(`${path} is not a JSON object`);
  return value;
};

/** The keys of a list's entries: the list is the array under the kind's name. */
function listKeys(body: JsonObject, path: string, kind: DiffableKind): string[] {
  const entries = body.get(kind.name);
  if (!Array.isArray(entries)) throw new Error(`${path} holds no ${kind.name} list`);
  return (entries as readonly Json[]).map((e) => String(asObject(e, path).get(kind.diff.key)));
}

interface Reading {
  readonly kind: DiffableKind;
  readonly root: string;
  /** `root/`: what the paths of the kind's files start with. */
  readonly prefix: string;
  readonly previousNames: ReadonlyMap<string, string>;
  /** The copies at previous names (for GitHub Pages): no instances. */
  readonly copies: ReadonlySet<string>;
  readonly instances: Map<string, JsonObject>;
  readonly instanceBytes: Map<string, Uint8Array>;
  readonly membership: Map<string, string[]>;
}

function startReading(site: Site, kind: DiffableKind): Reading {
  const root = listRoot(kind);
  const previousNames = renamesOf(site, kind, root);
  const copies = new Set([...previousNames.keys()].map((name) => `${root}/${name}${INDEX}`));
  const prefix = `${root}/`;
  return {
    kind,
    root,
    prefix,
    previousNames,
    copies,
    instances: new Map(),
    instanceBytes: new Map(),
    membership: new Map(),
  };
}

/**
 * The published API of a site, as `diff` compares it: for each of `kinds`,
 * each instance's object by instance name and each list's keys by its URL;
 * every other file by path. A kind the site has no folder for reads as
 * empty. Throws on a list or instance file that is not the JSON the tool publishes.
 */
export function readSite(site: Site, kinds: readonly DiffableKind[]): SiteView {
  const readings = kinds.map((kind) => startReading(site, kind));
  const others = new Map<string, Uint8Array>();
  for (const [path, bytes] of site) {
    const r = readings.find((r) => path.startsWith(r.prefix));
    const place = r === undefined || r.copies.has(path) ? ({ kind: 'other' } as const) : placeOf(path, r.root);
    if (r === undefined || place.kind === 'other') {
      others.set(path, bytes);
      continue;
    }
    const body = asObject(parseJson(decoder.decode(bytes)), path);
    if (place.kind === 'instance') {
      r.instances.set(place.instance, body);
      r.instanceBytes.set(place.instance, bytes);
      continue;
    }
    for (const key of listKeys(body, path, r.kind))
      r.membership.set(key, [...(r.membership.get(key) ?? []), urlOf(path)]);
  }
  const views = readings.map((r): [string, KindView] => {
    for (const urls of r.membership.values()) urls.sort(compareCodePoints);
    const { instances, previousNames, instanceBytes, membership } = r;
    const lifecycle = lifecycleOf(site, r.kind, r.root, previousNames);
    return [r.kind.name, { instances, lifecycle, previousNames, instanceBytes, membership }];
  });
  return { kinds: new Map(views), others };
}

/** The list of an object of a life-cycle file (`user_services`, `renames`); empty when the site has no such file. */
function entriesOf(site: Site, path: string, key: string): JsonObject[] {
  const bytes = site.get(path);
  if (bytes === undefined) return [];
  const list = asObject(parseJson(decoder.decode(bytes)), path).get(key);
  if (!Array.isArray(list)) throw new Error(`${path} holds no ${key} list`);
  return (list as readonly Json[]).map((e) => asObject(e, path));
}

function renamesOf(site: Site, kind: DiffableKind, root: string): Map<string, string> {
  const files = kind.diff.lifecycle;
  const entries = files === null ? [] : entriesOf(site, `${root}/${files.renames}`, 'renames');
  return new Map(entries.map((e) => [String(e.get('previous_name')), String(e.get('instance_name'))]));
}

/** The fields of a deprecations entry that describe the deprecation (not the object). */
const DEPRECATION_KEYS = ['since', 'reason', 'note', 'replaced_by', 'sunset'] as const;

/** What an object of a kind with life-cycle files has when they say nothing of it. */
export const noLifecycle = (): Map<string, Json> =>
  new Map<string, Json>([
    ['deprecation', null],
    ['previous_names', []],
  ]);

function lifecycleOf(
  site: Site,
  kind: DiffableKind,
  root: string,
  previousNames: ReadonlyMap<string, string>,
): Map<string, JsonObject> {
  const out = new Map<string, JsonObject>();
  const files = kind.diff.lifecycle;
  if (files === null) return out;
  const entry = (instance: string) => {
    let e = out.get(instance) as Map<string, Json> | undefined;
    if (e === undefined) {
      e = noLifecycle();
      out.set(instance, e);
    }
    return e;
  };
  for (const d of entriesOf(site, `${root}/${files.deprecations}`, kind.name)) {
    // An object whose removal is announced without a deprecation mapping has nothing more to say.
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
