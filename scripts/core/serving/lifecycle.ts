/**
 * What an object's life cycle adds to the answers of the API, computed once
 * from the `_deprecations/` and `_renames/` each kind publishes in its list's
 * folder (user services: emit/sync/lifecycle.ts; a kind without them has none):
 * the headers of a deprecated instance and the redirects of previous names.
 * The preview server, the Cloudflare Worker and every host file (nginx,
 * Caddy, CloudFront, `_headers` and `_redirects`) derive from this module.
 *
 * - `Deprecation: @<unix seconds>` (RFC 9745 section 2: a structured-field
 *   Date, RFC 9651) from `since`, midnight UTC;
 * - `Sunset: <HTTP-date>` (RFC 8594) from `sunset`;
 * - `Link` (RFC 8288): `<../_deprecations/>; rel="deprecation"` (RFC 9745
 *   section 3) and, with a successor, `<../<successor>/>; rel="successor-version"`
 *   (RFC 5829), relative to the instance URL so that they hold under any site root;
 * - a previous instance URL answers 308 to the instance URL (RFC 9110 15.4.9),
 *   its folder URL with or without the final slash, and its `index.json` to the
 *   new `index.json`.
 *
 * A service no more assignable without a `deprecation` mapping has no date,
 * which the `Deprecation` header needs: its answers carry none of these.
 */

import type { KindIdentity } from '../kinds/kind.js';
import { httpDate, unixSeconds } from '../model/calendar-date.js';
import { INDEX_FILES, instancePath, listRoot, ownFolderPath, SYNC_FOLDERS } from '../model/site.js';
import type { Header } from './headers.js';

/** The headers a deprecated instance's answers add, by site path of its file, and the redirects of previous names. */
export interface Lifecycle {
  /** Site path of an instance file (`api/.../<instance>/index.json`) to the headers its answers add. */
  readonly headers: ReadonlyMap<string, readonly Header[]>;
  /** URL path of a previous instance (decoded, as requested) to the URL path it redirects to. */
  readonly redirects: ReadonlyMap<string, string>;
}

/** A site without deprecations or previous names. */
export const NO_LIFECYCLE: Lifecycle = { headers: new Map(), redirects: new Map() };

/** The headers a browser may read of a cross-origin answer besides the safelisted ones (Fetch, CORS). */
export const LIFECYCLE_HEADER_NAMES = ['Deprecation', 'Sunset', 'Link'] as const;

/** Sent with the life-cycle headers, so that scripts in browsers can read them (`Access-Control-Expose-Headers`). */
export const EXPOSE_LIFECYCLE: Header = ['Access-Control-Expose-Headers', LIFECYCLE_HEADER_NAMES.join(', ')];

interface DeprecationEntry {
  readonly instance_name: string;
  readonly since: string | null;
  readonly replaced_by: { readonly instance_name: string } | null;
  readonly sunset: string | null;
}

interface RenameEntry {
  readonly previous_name: string;
  readonly instance_name: string;
}

/**
 * The headers of one deprecated instance's answers (see the module's
 * comment), with `EXPOSE_LIFECYCLE` last; none without a date.
 */
export function deprecationHeaders(d: DeprecationEntry): Header[] {
  if (d.since === null) return [];
  const links = [`<../${SYNC_FOLDERS.deprecations}/>; rel="deprecation"; type="application/json"`];
  if (d.replaced_by !== null) links.push(`<../${d.replaced_by.instance_name}/>; rel="successor-version"`);
  return [
    ['Deprecation', `@${unixSeconds(d.since)}`],
    ...(d.sunset === null ? [] : [['Sunset', httpDate(d.sunset)] as Header]),
    ['Link', links.join(', ')],
    EXPOSE_LIFECYCLE,
  ];
}

/**
 * The URL paths a previous name of an object of `kind` answers at, each with
 * where it redirects: folder URL, without its slash, its file.
 */
export function renameRedirects(
  kind: Pick<KindIdentity, 'name'>,
  previous: string,
  instance: string,
): [from: string, to: string][] {
  const [index] = INDEX_FILES;
  const from = `/${listRoot(kind)}/${previous}`;
  const to = `/${listRoot(kind)}/${instance}/`;
  return [
    [`${from}/`, to],
    [from, to],
    [`${from}/${index}`, `${to}${index}`],
  ];
}

/** One kind's life-cycle files as parsed JSON: `_deprecations/` (its list under the kind's name) and `_renames/`. */
export interface LifecycleFiles {
  readonly kind: Pick<KindIdentity, 'name'>;
  /** The body of `_deprecations/`, or null when the kind publishes none. */
  readonly deprecations: unknown;
  /** The body of `_renames/`, or null when the kind publishes none. */
  readonly renames: unknown;
}

/** The site paths of `kind`'s life-cycle files, as `LifecycleFiles` names them. */
export const lifecyclePaths = (kind: Pick<KindIdentity, 'name'>) =>
  ({ deprecations: ownFolderPath(kind, 'deprecations'), renames: ownFolderPath(kind, 'renames') }) as const;

/**
 * The life cycle of a site from each kind's life-cycle files, in the kinds'
 * order. Throws on a body the build does not write (a bug, not input).
 */
export function lifecycleFrom(files: readonly LifecycleFiles[]): Lifecycle {
  const entries = <T>(body: unknown, key: string): readonly T[] => {
    if (body === null) return [];
    const list = (body as Record<string, unknown>)[key];
    if (!Array.isArray(list)) throw new Error(`not a life-cycle file: no ${key} list`);
    return list as T[];
  };
  const headers = new Map<string, Header[]>();
  const redirects = new Map<string, string>();
  for (const { kind, deprecations, renames } of files) {
    for (const d of entries<DeprecationEntry>(deprecations, kind.name)) {
      const list = deprecationHeaders(d);
      if (list.length > 0) headers.set(instancePath(kind, d.instance_name), list);
    }
    for (const r of entries<RenameEntry>(renames, 'renames')) {
      for (const [from, to] of renameRedirects(kind, r.previous_name, r.instance_name)) redirects.set(from, to);
    }
  }
  return { headers, redirects };
}

const decoder = new TextDecoder();

/** The life cycle of a built site with objects of `kinds` (see `lifecycleFrom`); a kind without the two files has none. */
export function lifecycleOf(
  site: ReadonlyMap<string, Uint8Array>,
  kinds: readonly Pick<KindIdentity, 'name'>[],
): Lifecycle {
  const read = (path: string): unknown => {
    const bytes = site.get(path);
    return bytes === undefined ? null : JSON.parse(decoder.decode(bytes));
  };
  return lifecycleFrom(
    kinds.map((kind) => {
      const paths = lifecyclePaths(kind);
      return { kind, deprecations: read(paths.deprecations), renames: read(paths.renames) };
    }),
  );
}
