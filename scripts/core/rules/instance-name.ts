import { error } from '../diagnostic.js';
import type { Rule } from './rule.js';

// The instance name becomes a URL path segment and a folder name on every
// operating system, so it keeps to characters that need no escaping anywhere.
const PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const MAX_LENGTH = 100;

export const instanceName: Rule = ({ files }) =>
  files.flatMap((f) => {
    const problem = !PATTERN.test(f.instance)
      ? 'pattern'
      : f.instance.length > MAX_LENGTH
        ? 'too-long'
        : f.instance.endsWith('.')
          ? 'trailing-dot'
          : null;
    return problem === null ? [] : [error('invalid-instance-name', f.locate(0), { name: f.instance, problem })];
  });
