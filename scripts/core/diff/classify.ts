/**
 * The classification rules, from the client's point of view (CONTRIBUTING.md
 * explains each). A client keys objects by their kind's key (user services:
 * technical name), addresses an instance by its URL, and fetches filtered
 * lists to know what it may assign. Each kind lists its fields' transitions
 * (`DiffKind.diff.fields`) from the ones here.
 */
import type { DiffableKind, Transition } from './kind.js';
import type { ChangeClass, ChangeKind } from './types.js';

/** A change of the field is always of class `c`. */
export const always =
  (c: ChangeClass): Transition =>
  () =>
    c;

/**
 * A filter flag: turned off, it takes the object out of filtered lists a
 * client relies on (breaking); turned on, it only adds it to lists.
 */
export const flagTransition: Transition = (before, after) =>
  before === true && after !== true ? 'breaking' : 'additive';

/**
 * `previous_names` (a kind's `_renames/`): an old URL that stops redirecting
 * answers 404 to the clients that kept it (breaking); a new one only adds a URL.
 */
export const previousNamesTransition: Transition = (before, after) => {
  const kept = new Set(Array.isArray(after) ? after : []);
  return (Array.isArray(before) ? before : []).every((name) => kept.has(name)) ? 'additive' : 'breaking';
};

const cosmetic = always('cosmetic');

/**
 * The class of a change of one published field of an object of `kind`
 * (`field` as read from a site, which may name a field this version does not
 * publish: cosmetic).
 */
export function classifyField(kind: DiffableKind, field: string, before: unknown, after: unknown): ChangeClass {
  const { fields } = kind.diff;
  return (Object.hasOwn(fields, field) ? (fields[field] ?? cosmetic) : cosmetic)(before, after);
}

/**
 * The class of what happened to the instance itself, apart from its fields;
 * `wasAnnounced`: its removal was announced (`DiffKind.diff.removalAnnouncedBy`);
 * `redirected`: its old URL now redirects to the object (a previous name).
 */
export function classifyKind(kind: ChangeKind, wasAnnounced: boolean, redirected = false): ChangeClass | null {
  switch (kind) {
    case 'added':
      return 'additive';
    case 'removed':
      // Announced (user services: by no_more_assignable) first, clients had time to stop assigning it.
      return wasAnnounced ? 'planned-removal' : 'breaking';
    case 'renamed':
      // The old URL answers 404, unless the object keeps it among its previous names (a 308 to the new one).
      return redirected ? 'additive' : 'breaking';
    case 'changed':
      return null;
  }
}
