import { error } from '../diagnostics/diagnostic.js';
import { instanceNameProblem } from '../model/instance-name.js';
import type { Check, Rule } from './rule.js';

// The rule itself is the model's (model/instance-name.ts), which the OpenAPI document and the messages share.
const check: Check = ({ files }) =>
  files.flatMap((f) => {
    const problem = instanceNameProblem(f.instance);
    return problem === null ? [] : [error('invalid-instance-name', f.locate(0), { name: f.instance, problem })];
  });

/** The rule `instance-name`. */
export const instanceName: Rule = {
  meta: {
    id: 'instance-name',
    scope: 'file',
    codes: ['invalid-instance-name'],
    docs: 'The file name is the instance name: a URL path segment and a folder name everywhere.',
  },
  check,
};
