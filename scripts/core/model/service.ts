/**
 * A valid user service with every default applied: what the emit steps publish.
 */

import { entryOf, type Node } from '../reading/tree.js';
import { type Json, type JsonObject, toJson } from './json.js';

/** The four filter flags, in the order of the filter paths and the spec's query. */
export const FLAGS = ['for_hg', 'for_cc', 'for_ivr', 'for_enduser'] as const;
export type Flag = (typeof FLAGS)[number];

/** The fields of a list entry and of an instance, in the order they are published (the spec's example). */
export const LIST_FIELDS = ['technical_name', 'display_name', 'description', 'no_more_assignable'] as const;
/** The fields an instance publishes, in their published order (the spec's). */
export const INSTANCE_FIELDS = [...LIST_FIELDS, 'for_hg', 'for_ivr', 'for_cc', 'for_enduser', 'add_data'] as const;
/** A field an instance publishes. */
export type PublishedField = (typeof INSTANCE_FIELDS)[number];

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
}

/** The service of a tree that passed every rule. */
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
  };
}
