import { error } from '../diagnostics/diagnostic.js';
import type { Check, Rule } from './rule.js';

/**
 * Instance names the API's own paths use, refused in any case: `filters` is the
 * folder of the filtered lists; `index` would read as the list itself. Instance
 * names are ASCII (see `instance-name.ts`), so lower case is their case folding.
 */
export const RESERVED_INSTANCE_NAMES: readonly string[] = ['filters', 'index'];

const RESERVED = new Set(RESERVED_INSTANCE_NAMES);

const check: Check = ({ files }) =>
  files
    .filter((f) => RESERVED.has(f.instance.toLowerCase()))
    .map((f) => error('reserved-instance-name', f.locate(0), { name: f.instance }));

/** The rule `reserved-name`. */
export const reservedName: Rule = {
  meta: {
    id: 'reserved-name',
    scope: 'file',
    codes: ['reserved-instance-name'],
    docs: "Instance names the API's own paths use (filters, index) are refused.",
  },
  check,
};
