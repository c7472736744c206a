/**
 * A valid user service with every default applied: what the emit steps publish.
 */

import { entryOf, type Node } from '../reading/tree.js';
import { type Json, type JsonObject, toJson } from './json.js';
import { serviceSchema } from './service-schema.js';

/** The four filter flags, in the order of the filter paths and the spec's query. */
export const FLAGS = ['for_hg', 'for_cc', 'for_ivr', 'for_enduser'] as const;
export type Flag = (typeof FLAGS)[number];

/** The fields of a list entry and of an instance, in the order they are published (the spec's example). */
export const LIST_FIELDS = ['technical_name', 'display_name', 'description', 'no_more_assignable'] as const;
/** The fields an instance publishes, in their published order (the spec's). */
export const INSTANCE_FIELDS = [...LIST_FIELDS, 'for_hg', 'for_ivr', 'for_cc', 'for_enduser', 'add_data'] as const;
/** A field an instance publishes. */
export type PublishedField = (typeof INSTANCE_FIELDS)[number];

/**
 * The fields of a service that the spec's documents do not hold: published
 * only in files of their own (`_deprecations/`, `_renames/`) and in headers
 * and redirects, since the spec's list and instance keep exactly their keys.
 */
export const LIFECYCLE_FIELDS = ['deprecation', 'previous_names'] as const;
/** A field of a service beyond the spec's documents. */
export type LifecycleField = (typeof LIFECYCLE_FIELDS)[number];

/** Why a service was deprecated: the values the service schema's `deprecation.reason` allows. */
export const DEPRECATION_REASONS = serviceSchema.properties.deprecation.properties.reason.enum;
export type DeprecationReason = (typeof DEPRECATION_REASONS)[number];
/** The fields a `deprecation` mapping may hold, in the schema's order. */
export const DEPRECATION_FIELDS = Object.keys(serviceSchema.properties.deprecation.properties);

/**
 * A service's `deprecation` mapping, as written (dates `YYYY-MM-DD`, see
 * calendar-date.ts). Values only: where a field is written is no part of what
 * is published (`check --as-of` finds the sunset in the file's outline), so a
 * service reads the same wherever its lines stand.
 */
export interface Deprecation {
  readonly since: string;
  readonly reason: DeprecationReason | null;
  readonly note: string | null;
  /** The instance name of the service that replaces it. */
  readonly replaced_by: string | null;
  readonly sunset: string | null;
}

export interface Service {
  readonly instance: string;
  readonly technical_name: string;
  readonly display_name: string;
  readonly description: string;
  readonly no_more_assignable: boolean;
  readonly for_hg: boolean;
  readonly for_cc: boolean;
  readonly for_ivr: boolean;
  readonly for_enduser: boolean;
  readonly add_data: JsonObject;
  readonly deprecation: Deprecation | null;
  /** Instance names the service had before, each redirected to its URL; as written. */
  readonly previous_names: readonly string[];
}

/**
 * The service of a tree that passed every rule: its values alone, with every
 * default applied, and no position in the file, so that two files that differ
 * only in layout (order, indentation, comments, quoting) give equal services.
 */
export function toService(instance: string, root: Node): Service {
  const get = (name: string): Json | undefined => {
    const e = entryOf(root, name);
    return e === undefined ? undefined : toJson(e.value);
  };
  const flag = (name: string) => get(name) === true;
  const technical_name = get('technical_name') as string;
  return {
    instance,
    technical_name,
    display_name: (get('display_name') as string | undefined) ?? technical_name,
    description: (get('description') as string | undefined) ?? '',
    no_more_assignable: flag('no_more_assignable'),
    for_hg: flag('for_hg'),
    for_cc: flag('for_cc'),
    for_ivr: flag('for_ivr'),
    for_enduser: flag('for_enduser'),
    add_data: (get('add_data') as JsonObject | undefined) ?? new Map(),
    deprecation: deprecationOf(entryOf(root, 'deprecation')?.value),
    previous_names: (get('previous_names') as string[] | undefined) ?? [],
  };
}

function deprecationOf(node: Node | undefined): Deprecation | null {
  if (node === undefined) return null;
  const text = (name: string): string | null => {
    const e = entryOf(node, name);
    return e?.value.kind === 'scalar' && typeof e.value.value === 'string' ? e.value.value : null;
  };
  return {
    since: text('since') as string,
    reason: text('reason') as DeprecationReason | null,
    note: text('note'),
    replaced_by: text('replaced_by'),
    sunset: text('sunset'),
  };
}
