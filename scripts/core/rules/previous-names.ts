import { type Diagnostic, error } from '../diagnostics/diagnostic.js';
import { instanceNameProblem, isReservedInstanceName } from '../model/instance-name.js';
import { entryOf } from '../reading/tree.js';
import type { Check, Rule } from './rule.js';

/**
 * Each of `previous_names` must be a name a service file could have had:
 * the instance-name rule of model/instance-name.ts, reserved names included.
 * Items that are not strings are the schema's (`wrong-type`).
 */
const check: Check = ({ files }) =>
  files.flatMap((f): Diagnostic[] => {
    const list = f.root === null ? undefined : entryOf(f.root, 'previous_names')?.value;
    if (list?.kind !== 'seq') return [];
    return list.items.flatMap((item) => {
      if (item.kind !== 'scalar' || typeof item.value !== 'string') return [];
      const name = item.value;
      const problem = instanceNameProblem(name) ?? (isReservedInstanceName(name) ? 'reserved' : null);
      return problem === null ? [] : [error('invalid-previous-name', f.locate(item.start), { name, problem })];
    });
  });

/** The rule `previous-names`. */
export const previousNames: Rule = {
  meta: {
    id: 'previous-names',
    scope: 'file',
    codes: ['invalid-previous-name'],
    docs: 'Each previous name of a service is a valid instance name, so that its old URL can redirect.',
  },
  check,
};
