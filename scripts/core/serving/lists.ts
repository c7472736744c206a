/**
 * What serving knows of each kind's list, made once from the kinds (never on
 * a request): where the list is, the URLs that read its filters, its query
 * grammar, and the file that answers each set of its flags. The preview
 * server, the Cloudflare Worker and every host file read these, so that each
 * kind's list answers its own filters (`query.ts`, `body.ts`) and no module
 * names a kind.
 */
import type { KindIdentity } from '../kinds/kind.js';
import { filterPath, filterSets, listPath, listRoot } from '../model/site.js';
import { bodyNotRead } from './body.js';
import type { HttpError } from './http-error.js';
import { listUrls, type QueryGrammar, queryGrammar } from './query.js';

/** One kind's list as served: see the module's comment. */
export interface ServedList {
  readonly kind: KindIdentity;
  /** Site path of the list's file: `api/v1/configs/<name>/index.json`. */
  readonly path: string;
  /** Folder of the list, without slashes around it: `api/v1/configs/<name>`. */
  readonly root: string;
  /** The URLs that read the filters: the list's folder URL, then its file's. */
  readonly urls: readonly [folder: string, file: string];
  readonly grammar: QueryGrammar;
  /** What a host that cannot read a body answers a request with one (400). */
  readonly bodyNotRead: HttpError;
  /**
   * The site path answering each set of the kind's flags, by bit mask (bit
   * `i`: `kind.flags[i]` is set): the list at 0, a filter's file otherwise.
   */
  readonly answers: readonly string[];
}

/** The kinds' lists that read filters, by site path of the list's file, in the kinds' order. */
export type ServedLists = ReadonlyMap<string, ServedList>;

/** One kind's list as served; the kind has at least one flag. */
export function servedList(kind: KindIdentity): ServedList {
  const answers = [listPath(kind), ...filterSets(kind).map((flags) => filterPath(kind, flags))];
  return {
    kind,
    path: listPath(kind),
    root: listRoot(kind),
    urls: listUrls(kind),
    grammar: queryGrammar(kind.flags),
    bodyNotRead: bodyNotRead(kind.flags),
    answers,
  };
}

/**
 * The lists of `kinds` that read filters: one per kind with flags, in the
 * kinds' order (a kind without flags has a list that reads none: served as
 * any other file). Throws when two kinds share a name (a bug of the list of kinds).
 */
export function servedLists(kinds: readonly KindIdentity[]): ServedLists {
  const lists = new Map<string, ServedList>();
  for (const kind of kinds) {
    if (kinds.filter((k) => k.name === kind.name).length > 1) throw new Error(`two kinds are named ${kind.name}`);
    if (kind.flags.length > 0) lists.set(listPath(kind), servedList(kind));
  }
  return lists;
}

/** The site path answering `list` for the flags of `set` (others ignored): the list, or the filter file of the flags. */
export function filteredListPath(list: ServedList, set: ReadonlySet<string>): string {
  let mask = 0;
  list.kind.flags.forEach((flag, bit) => {
    if (set.has(flag)) mask |= 1 << bit;
  });
  return list.answers[mask] as string;
}
