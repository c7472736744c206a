import { error } from '../diagnostics/diagnostic.js';
import { walkEntries } from '../reading/tree.js';
import { type Check, MERGE_KEY, type Rule } from './rule.js';

/**
 * YAML 1.1 merge keys look like they copy a mapping, but YAML 1.2 reads `<<` as
 * an ordinary key: refuse it rather than publish a surprising `"<<"` key.
 */
const check: Check = ({ files }) =>
  files.flatMap((f) => {
    if (f.root === null) return [];
    return [...walkEntries(f.root)]
      .filter(([e]) => e.key.kind === 'scalar' && !e.key.quoted && e.key.value === MERGE_KEY)
      .map(([e]) => error('merge-key', f.locate(e.key.start), {}));
  });

/** The rule `merge-keys`. */
export const mergeKeys: Rule = {
  meta: {
    id: 'merge-keys',
    scope: 'file',
    codes: ['merge-key'],
    docs: 'YAML 1.1 merge keys (<<) are not YAML 1.2, and read differently by each parser.',
  },
  check,
};
