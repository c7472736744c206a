import { error } from '../diagnostics/diagnostic.js';
import type { Check, Rule } from './rule.js';

// The instance name becomes a URL path segment and a folder name on every
// operating system, so it keeps to characters that need no escaping anywhere.
// These facts also make the instance name's schema in the OpenAPI document.

/** The characters of an instance name, as the inside of a regular-expression class. */
export const INSTANCE_NAME_CHARACTERS = 'A-Za-z0-9_.-';
/** The characters it may start with, likewise. */
export const INSTANCE_NAME_FIRST = 'A-Za-z0-9';
/** Longest instance name, in characters. */
export const INSTANCE_NAME_MAX_LENGTH = 100;

const PATTERN = new RegExp(`^[${INSTANCE_NAME_FIRST}][${INSTANCE_NAME_CHARACTERS}]*$`);

const check: Check = ({ files }) =>
  files.flatMap((f) => {
    const problem = !PATTERN.test(f.instance)
      ? 'pattern'
      : f.instance.length > INSTANCE_NAME_MAX_LENGTH
        ? 'too-long'
        : f.instance.endsWith('.')
          ? 'trailing-dot'
          : null;
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
