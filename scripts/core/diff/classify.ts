/**
 * The classification rules, from the client's point of view (CONTRIBUTING.md
 * explains each). A client keys services by technical name, addresses an
 * instance by its URL, and fetches filtered lists to know what it may assign.
 */
import { FLAGS, type Flag, type LifecycleField, type PublishedField } from '../model/service.js';
import type { ChangeClass, ChangeKind } from './types.js';

type Transition = (before: unknown, after: unknown) => ChangeClass;

const always =
  (c: ChangeClass): Transition =>
  () =>
    c;

// A flag turned off takes the service out of filtered lists a client relies on;
// turned on, it only adds the service to lists.
const flag: Transition = (before, after) => (before === true && after !== true ? 'breaking' : 'additive');

const flags = Object.fromEntries(FLAGS.map((f) => [f, flag])) as Record<Flag, Transition>;

// An old URL that stops redirecting answers 404 to the clients that kept it; a new one only adds a URL.
const previousNames: Transition = (before, after) => {
  const kept = new Set(Array.isArray(after) ? after : []);
  return (Array.isArray(before) ? before : []).every((name) => kept.has(name)) ? 'additive' : 'breaking';
};

/**
 * One transition for every field of a service that clients see (the instance
 * document's, and those published beside it): a new field does not compile
 * until it is classified here.
 */
const rules: Record<PublishedField | LifecycleField, Transition> = {
  // Clients key services by technical name: a new name is a different service to them.
  technical_name: always('breaking'),
  display_name: always('cosmetic'),
  description: always('cosmetic'),
  add_data: always('cosmetic'),
  no_more_assignable: (_, after) => (after === true ? 'deprecation' : 'undeprecation'),
  // New or changed dates, reason or successor tell clients when and where to move; withdrawn, they need not.
  deprecation: (_, after) => (after === null ? 'undeprecation' : 'deprecation'),
  previous_names: previousNames,
  ...flags,
};

/**
 * The class of a change of one published field (`field` as read from a site,
 * which may name a field this version does not publish: cosmetic).
 */
export function classifyField(field: string, before: unknown, after: unknown): ChangeClass {
  const rule = Object.hasOwn(rules, field) ? rules[field as PublishedField | LifecycleField] : undefined;
  return (rule ?? always('cosmetic'))(before, after);
}

/**
 * The class of what happened to the instance itself, apart from its fields;
 * `redirected`: its old URL now redirects to the service (a previous name).
 */
export function classifyKind(kind: ChangeKind, wasDeprecated: boolean, redirected = false): ChangeClass | null {
  switch (kind) {
    case 'added':
      return 'additive';
    case 'removed':
      // Announced by no_more_assignable first, clients had time to stop assigning it.
      return wasDeprecated ? 'planned-removal' : 'breaking';
    case 'renamed':
      // The old URL answers 404, unless the service keeps it among its previous names (a 308 to the new one).
      return redirected ? 'additive' : 'breaking';
    case 'changed':
      return null;
  }
}
