import { error } from '../diagnostics/diagnostic.js';
import type { Check, Rule } from './rule.js';

/** A build from an empty folder would publish an empty API; that is never what was meant. */
const check: Check = ({ dir, files }) =>
  files.length > 0 ? [] : [error('no-services', { file: dir, line: 1, column: 1 }, { dir })];

/** The rule `empty-catalog`. */
export const emptyCatalog: Rule = {
  meta: {
    id: 'empty-catalog',
    scope: 'catalog',
    codes: ['no-services'],
    reads: [],
    docs: 'A build from an empty folder would publish an empty API.',
  },
  check,
};
