import { error } from '../diagnostics/diagnostic.js';
import { keyName, walkEntries } from '../reading/tree.js';
import { type Check, FORBIDDEN_KEYS, type Rule } from './rule.js';

/**
 * `__proto__`, `constructor` and `prototype` are refused at every depth, add_data
 * included: clients parse the published JSON with tools that may treat them as
 * an object's prototype.
 */
const check: Check = ({ files }) =>
  files.flatMap((f) => {
    if (f.root === null) return [];
    return [...walkEntries(f.root)]
      .filter(([e]) => FORBIDDEN_KEYS.has(keyName(e.key)))
      .map(([e]) => error('forbidden-key', f.locate(e.key.start), { key: keyName(e.key) }));
  });

/** The rule `forbidden-keys`. */
export const forbiddenKeys: Rule = {
  meta: {
    id: 'forbidden-keys',
    scope: 'file',
    codes: ['forbidden-key'],
    docs: 'Keys that JavaScript gives a meaning (__proto__, constructor, prototype) are refused.',
  },
  check,
};
