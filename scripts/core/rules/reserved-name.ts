import { error } from '../diagnostic.js';
import type { Rule } from './rule.js';

/**
 * Instance names the API's own paths use, refused in any case: `filters` is the
 * folder of the filtered lists; `index` would read as the list itself. Instance
 * names are ASCII (see `instance-name.ts`), so lower case is their case folding.
 */
export const RESERVED_INSTANCE_NAMES: readonly string[] = ['filters', 'index'];

const RESERVED = new Set(RESERVED_INSTANCE_NAMES);

export const reservedName: Rule = ({ files }) =>
  files
    .filter((f) => RESERVED.has(f.instance.toLowerCase()))
    .map((f) => error('reserved-instance-name', f.locate(0), { name: f.instance }));
