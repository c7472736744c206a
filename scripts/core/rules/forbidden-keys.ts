import { error } from '../diagnostic.js';
import { keyName, walkEntries } from '../tree.js';
import { FORBIDDEN_KEYS, type Rule } from './rule.js';

/**
 * `__proto__`, `constructor` and `prototype` are refused at every depth, add_data
 * included: clients parse the published JSON with tools that may treat them as
 * an object's prototype.
 */
export const forbiddenKeys: Rule = ({ files }) =>
  files.flatMap((f) => {
    if (f.root === null) return [];
    return [...walkEntries(f.root)]
      .filter(([e]) => FORBIDDEN_KEYS.has(keyName(e.key)))
      .map(([e]) => error('forbidden-key', f.locate(e.key.start), { key: keyName(e.key) }));
  });
