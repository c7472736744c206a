/**
 * The built site as a value: relative path to bytes. Writing, diffing, serving
 * and testing all consume this one value.
 */
import { compareCodePoints } from '../diagnostics/diagnostic.js';
import type { KindIdentity } from '../kinds/kind.js';
import { userServicesIdentity } from '../kinds/user-services/identity.js';
import { FLAGS, type Flag, type Service } from './service.js';
import { FILTERS_FOLDER } from './site-folders.js';

export { FILTERS_FOLDER };

export type Site = ReadonlyMap<string, Uint8Array>;

/** The API's version: the `v1` of its URLs, the OpenAPI document's `info.version`, `_index/`'s `api_version`. */
export const API_VERSION = 1;

/** Folder of version 1 of the API: the OpenAPI document and the schemas are published here. */
export const API_VERSION_ROOT = `api/v${API_VERSION}`;

/** Folder of every kind's list: `api/v1/configs` (the spec's URLs). */
export const CONFIGS_ROOT = `${API_VERSION_ROOT}/configs`;

/** What a folder URL answers, first found first: the API's JSON, else a page (the catalog page at `/`). */
export const INDEX_FILES = ['index.json', 'index.html'] as const;
const [JSON_INDEX] = INDEX_FILES;

/**
 * Folder of a kind's list, without leading or trailing slash:
 * `api/v1/configs/<name>` (user services: `api/v1/configs/user_services`).
 */
export const listRoot = (kind: Pick<KindIdentity, 'name'>): string => `${CONFIGS_ROOT}/${kind.name}`;
/** Site path of a kind's list: `api/v1/configs/<name>/index.json`. */
export const listPath = (kind: Pick<KindIdentity, 'name'>): string => `${listRoot(kind)}/${JSON_INDEX}`;
/** Site path of an instance's JSON: `api/v1/configs/<name>/<instance>/index.json`. */
export const instancePath = (kind: Pick<KindIdentity, 'name'>, instance: string): string =>
  `${listRoot(kind)}/${instance}/${JSON_INDEX}`;
/** Folder of a kind's filtered lists: `api/v1/configs/<name>/filters`. */
export const filtersRoot = (kind: Pick<KindIdentity, 'name'>): string => `${listRoot(kind)}/${FILTERS_FOLDER}`;
/**
 * Site path of a filter's list, `flags` a non-empty subset of the kind's
 * flags in their order: `api/v1/configs/<name>/filters/for_hg/for_cc/index.json`.
 */
export const filterPath = (kind: Pick<KindIdentity, 'name'>, flags: readonly string[]): string =>
  `${filtersRoot(kind)}/${flags.join('/')}/${JSON_INDEX}`;

/**
 * The 2^n - 1 non-empty sets of a kind's n flags, each in the kind's order;
 * set `i - 1` holds flag `j` when bit `j` of `i` is set (user services: 15
 * sets, `[for_hg]` first, all four last). None for a kind without flags.
 */
export function filterSets<F extends string>(kind: { readonly flags: readonly F[] }): readonly (readonly F[])[] {
  const { flags } = kind;
  return Array.from({ length: (1 << flags.length) - 1 }, (_, i) => flags.filter((_, bit) => ((i + 1) >> bit) & 1));
}

/**
 * The first character of the API's own folders beside the instances
 * (`_full/`, `_index/`, `_history/`, `_manifest/`, `_deprecations/`,
 * `_renames/`): no instance name can
 * start with it (`INSTANCE_NAME_FIRST` in instance-name.ts), so these folders
 * never clash with a service, whatever its file is called.
 */
export const SYNC_PREFIX = '_';

/** The API's own folders beside the instances, by what they hold (see `SYNC_PREFIX`). */
export const SYNC_FOLDERS = {
  full: `${SYNC_PREFIX}full`,
  index: `${SYNC_PREFIX}index`,
  history: `${SYNC_PREFIX}history`,
  manifest: `${SYNC_PREFIX}manifest`,
  deprecations: `${SYNC_PREFIX}deprecations`,
  renames: `${SYNC_PREFIX}renames`,
} as const;

/**
 * Site path of the index file of one of a kind's own folders:
 * `api/v1/configs/<name>/_deprecations/index.json` (a kind that publishes none
 * has no file there).
 */
export const ownFolderPath = (kind: Pick<KindIdentity, 'name'>, folder: keyof typeof SYNC_FOLDERS): string =>
  `${listRoot(kind)}/${SYNC_FOLDERS[folder]}/${JSON_INDEX}`;

// The user services' own files, which their emit steps publish: helpers of that kind, no kind asked.

/** Site path of every instance in one document: `api/v1/configs/user_services/_full/index.json`. */
export const fullPath = (): string => ownFolderPath(userServicesIdentity, 'full');
/** Site path of the instances' hashes and sizes: `.../_index/index.json`. */
export const hashIndexPath = (): string => ownFolderPath(userServicesIdentity, 'index');
/** Site path of the catalog's change history as JSON: `.../_history/index.json`. */
export const historyPath = (): string => ownFolderPath(userServicesIdentity, 'history');
/**
 * Site path of the change history as an Atom feed: beside the list's folder
 * (`api/v1/configs/user_services.atom`), not in it, so that no host's rule for
 * the API's JSON files (`/api/v1/configs/user_services/*`) labels it JSON.
 */
export const feedPath = (): string => `${listRoot(userServicesIdentity)}.atom`;
/** Site path of every deprecated service with its dates, reason and successor: `.../_deprecations/index.json`. */
export const deprecationsPath = (): string => ownFolderPath(userServicesIdentity, 'deprecations');
/** Site path of every previous instance name and the instance it redirects to: `.../_renames/index.json`. */
export const renamesPath = (): string => ownFolderPath(userServicesIdentity, 'renames');
/** Site path of the manifest of every published file: `.../_manifest/index.json`. */
export const manifestPath = (): string => ownFolderPath(userServicesIdentity, 'manifest');
/** Site path of the manifest's detached signature: `.../_manifest/signature.json`. */
export const signaturePath = (): string => `${listRoot(userServicesIdentity)}/${SYNC_FOLDERS.manifest}/signature.json`;

/**
 * The URL (absolute path) a site file answers at: a folder's index file at the
 * folder URL (`a/b/index.json` and `a/b/index.html` at `/a/b/`, `index.html` at
 * `/`), any other file at its own path (`/404.json`).
 */
export function urlOf(path: string): string {
  const index = INDEX_FILES.find((name) => path === name || path.endsWith(`/${name}`));
  return `/${index === undefined ? path : path.slice(0, -index.length)}`;
}

/**
 * Files of the site that hosts read and clients never get: Netlify's and
 * Cloudflare Pages' rules, the Pages Worker, GitHub Pages' marker. Every host
 * and the preview server answer them with the JSON 404, as if unpublished.
 */
export const HOST_ONLY_FILES = {
  headers: '_headers',
  redirects: '_redirects',
  noJekyll: '.nojekyll',
  worker: '_worker.js',
} as const;

/** The paths of `HOST_ONLY_FILES`, at the top of the site. */
export const HOST_ONLY_PATHS: readonly string[] = Object.values(HOST_ONLY_FILES);

const bit = (flag: Flag): number => 1 << FLAGS.indexOf(flag);
const [HG, CC, IVR, ENDUSER] = [bit('for_hg'), bit('for_cc'), bit('for_ivr'), bit('for_enduser')];

/**
 * A service's flags as bits, bit `i` for `FLAGS[i]`: an index into tables made
 * once for each of the 16 sets. (Read by name: a loop over FLAGS reading
 * `s[flag]` cost several times more, three times per service.)
 */
export const flagMask = (s: Pick<Service, Flag>): number =>
  (s.for_hg ? HG : 0) | (s.for_cc ? CC : 0) | (s.for_ivr ? IVR : 0) | (s.for_enduser ? ENDUSER : 0);

/** A site with its paths in code-point order, so that iterating it is deterministic. */
export function sortedSite(entries: Iterable<readonly [string, Uint8Array]>): Site {
  return new Map(sortByPath([...entries]));
}

/**
 * Sorts entries by path in code-point order, in place (a stable sort). Without
 * a surrogate in any path, code units compare as code points do, and the
 * engine's own comparison of strings is several times faster than comparing
 * unit by unit: at 10,000 services this sort was most of the cost of a site.
 * `memo` may answer with the order found before for the same paths in the same
 * order: an emit after an edit sorts them again (twice: when the host files
 * read the site, and at the end). Returns `entries`.
 */
export function sortByPath<T extends readonly [string, unknown]>(entries: T[], memo?: SortMemo): T[] {
  const paths = entries.map(([path]) => path);
  const order = memo === undefined ? orderByPath(paths) : memo.sortOrder(paths, orderByPath);
  const sorted = order.map((i) => entries[i] as T);
  sorted.forEach((entry, i) => {
    entries[i] = entry;
  });
  return entries;
}

/** Keeps orders found by `sortByPath` (see `EmitMemo.sortOrder`). */
export interface SortMemo {
  sortOrder(paths: readonly string[], compute: (paths: readonly string[]) => readonly number[]): readonly number[];
}

/** The indices of the paths in code-point order, equal paths in their given order. */
export function orderByPath(paths: readonly string[]): number[] {
  const compare = paths.some((path) => SURROGATE.test(path)) ? compareCodePoints : compareCodeUnits;
  return paths.map((_, i) => i).sort((a, b) => compare(paths[a] as string, paths[b] as string) || a - b);
}

const SURROGATE = /[\uD800-\uDFFF]/;
const compareCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const encoder = new TextEncoder();
/** A string's UTF-8 bytes. */
export const utf8 = (text: string): Uint8Array => encoder.encode(text);
