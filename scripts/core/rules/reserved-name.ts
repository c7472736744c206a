import { error } from '../diagnostic.js';
import type { Rule } from './rule.js';

// `filters` is the folder of the filtered lists; `index` would read as the list itself.
const RESERVED = new Set(['filters', 'index']);

export const reservedName: Rule = ({ files }) =>
  files
    .filter((f) => RESERVED.has(f.instance.toLowerCase()))
    .map((f) => error('reserved-instance-name', f.locate(0), { name: f.instance }));
