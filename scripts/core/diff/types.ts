/**
 * What a change to the published API means to a client. The classes are listed
 * from the most to the least disruptive; an instance takes the class of its
 * most disruptive change.
 */
import type { Json } from '../model/json.js';

/** The classes of a change, most disruptive first (the order verdicts rank them in). */
export const CHANGE_CLASSES = [
  'breaking',
  'planned-removal',
  'deprecation',
  'undeprecation',
  'additive',
  'cosmetic',
] as const;
export type ChangeClass = (typeof CHANGE_CLASSES)[number];

/** One field of an instance whose published value changed. */
export interface FieldChange {
  readonly field: string;
  readonly class: ChangeClass;
  readonly before: Json;
  readonly after: Json;
}

export type ChangeKind = 'added' | 'removed' | 'renamed' | 'changed';

/** What the URL of an instance that went answers now: 404, or a redirect (308) to `location`. */
export interface OldUrl {
  readonly url: string;
  readonly status: 404 | 308;
  readonly location: string | null;
}

/** Everything that happened to one service between the two sites. */
export interface InstanceChange {
  readonly kind: ChangeKind;
  /** The instance name in the new site; for a removal, the one it had. */
  readonly instance: string;
  /** For a rename, the instance name in the base; otherwise null. */
  readonly renamedFrom: string | null;
  /** The technical name in the new site; for a removal, the one it had. */
  readonly technicalName: string;
  /** The instance URL of `instance`. */
  readonly url: string;
  /** For a removal or a rename, what the URL that went answers now; otherwise null. */
  readonly oldUrl: OldUrl | null;
  /**
   * Each previous name the service had in the base whose URL no longer
   * redirects to it (dropped from `previous_names`, or the service removed):
   * what that URL answers now, 404 or a redirect to another service. A
   * previous name that became an instance of its own is left out (it answers
   * 200; the diff reports that instance).
   */
  readonly formerNames: readonly OldUrl[];
  /** The most disruptive class among the kind and the field changes. */
  readonly class: ChangeClass;
  /**
   * Each field whose value changed, `deprecation` and `previous_names` after the
   * instance document's; for a new service, every field it has (before: null).
   */
  readonly fields: readonly FieldChange[];
  /** URLs of the lists (the whole list and filtered lists) the service enters. */
  readonly enters: readonly string[];
  /** URLs of the lists the service leaves. */
  readonly leaves: readonly string[];
}

/** A file of the site that is neither an instance nor a list, e.g. added by another emit step. */
export interface OtherFileChange {
  readonly path: string;
  readonly change: 'added' | 'removed' | 'changed';
}

export interface SiteDiff {
  /** Sorted by class (most disruptive first), then by instance name. */
  readonly changes: readonly InstanceChange[];
  readonly otherFiles: readonly OtherFileChange[];
}

/** A class's rank in `CHANGE_CLASSES`: 0 for the most disruptive. */
export const classRank = (c: ChangeClass): number => CHANGE_CLASSES.indexOf(c);

/** The most disruptive of some classes, or null for none. */
export function worstClass(classes: readonly ChangeClass[]): ChangeClass | null {
  return classes.reduce<ChangeClass | null>((w, c) => (w === null || classRank(c) < classRank(w) ? c : w), null);
}

/** How many instances fall in each class, every class present. */
export function countByClass(diff: SiteDiff): Record<ChangeClass, number> {
  const counts = Object.fromEntries(CHANGE_CLASSES.map((c) => [c, 0])) as Record<ChangeClass, number>;
  for (const change of diff.changes) counts[change.class] += 1;
  return counts;
}

/** The class of the whole diff: the most disruptive class of any instance, or null when nothing changed. */
export const verdictOf = (diff: SiteDiff): ChangeClass | null => worstClass(diff.changes.map((c) => c.class));
