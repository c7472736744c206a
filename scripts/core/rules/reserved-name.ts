import { error } from '../diagnostics/diagnostic.js';
import { isReservedInstanceName } from '../model/instance-name.js';
import type { Check, Rule } from './rule.js';

const check: Check = ({ files }) =>
  files
    .filter((f) => isReservedInstanceName(f.instance))
    .map((f) => error('reserved-instance-name', f.locate(0), { name: f.instance }));

/** The rule `reserved-name`. */
export const reservedName: Rule = {
  meta: {
    id: 'reserved-name',
    scope: 'file',
    codes: ['reserved-instance-name'],
    docs: "Instance names the API's own paths use (filters, index, and index. followed by anything) are refused.",
  },
  check,
};
