import { error } from '../diagnostic.js';
import type { Rule } from './rule.js';

/** A build from an empty folder would publish an empty API; that is never what was meant. */
export const emptyCatalog: Rule = ({ dir, files }) =>
  files.length > 0 ? [] : [error('no-services', { file: dir, line: 1, column: 1 }, { dir })];
