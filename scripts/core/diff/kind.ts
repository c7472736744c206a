/**
 * What the diff needs to know of a kind of configuration object: how clients
 * key its objects, how each change of a published field is classified, what
 * the reports call one object, and which life-cycle files it publishes
 * beside its instances. The diff reads each kind's list, filter lists and
 * instances under the kind's root (`listRoot` of `model/site.ts`) and compares kind by kind.
 */
import type { KindIdentity } from '../kinds/kind.js';
import { listRoot } from '../model/site.js';
import type { ChangeClass } from './types.js';

/** The class of a change of one field from `before` to `after` (JSON values as published; null when unset). */
export type Transition = (before: unknown, after: unknown) => ChangeClass;

/**
 * The files of a kind's life cycle beside its instances, as paths under the
 * kind's root (user services: `_deprecations/index.json`, whose list is keyed
 * by the kind's name, and `_renames/index.json`, keyed `renames`: the shapes
 * `emit/sync/lifecycle.ts` writes). The diff reads them back as two fields
 * of each object, `deprecation` and `previous_names`, after its document's.
 */
export interface LifecycleFiles {
  readonly deprecations: string;
  readonly renames: string;
}

/** The diff's part of a kind. */
export interface DiffKind {
  readonly diff: {
    /**
     * One transition for every field clients see of an object (its
     * document's, and `deprecation` and `previous_names` when the kind has
     * life-cycle files); a field that is not here (a site of another version)
     * is cosmetic.
     */
    readonly fields: Readonly<Record<string, Transition>>;
    /**
     * The field by which clients key an object, in its document and in each
     * entry of its lists (user services: `technical_name`): list membership is
     * read by it, and an object that goes under one instance name and comes
     * under another with the same key (compared as `nameKey` compares) is one rename.
     */
    readonly key: string;
    /**
     * The boolean field whose `true` announces the object's removal (user
     * services: `no_more_assignable`): removed after it, a removal is planned,
     * not breaking. Null: every removal is breaking.
     */
    readonly removalAnnouncedBy: string | null;
    /** Its life-cycle files, or null for a kind without them. */
    readonly lifecycle: LifecycleFiles | null;
    /** What the reports call one object of the kind (`service`: "1 service changed", "new service at ..."). */
    readonly noun: string;
  };
}

/** The parts of a kind the diff reads: its name and its diff part. */
export type DiffableKind = Pick<KindIdentity, 'name'> & DiffKind;

/** The kind whose instance URL `url` is (`/api/v1/configs/<name>/<instance>/`), or undefined. */
export function kindOfUrl<K extends Pick<KindIdentity, 'name'>>(kinds: readonly K[], url: string): K | undefined {
  return kinds.find((kind) => url.startsWith(`/${listRoot(kind)}/`));
}
