import { error } from '../diagnostics/diagnostic.js';
import { type Check, clashes, type Rule } from './rule.js';

/**
 * Checkouts on macOS and Windows fold case, and `a.yaml` and `a.yml` publish the
 * same URL, so instance names must differ ignoring case. Valid instance names
 * are ASCII, whose case folding is lower case; other names are refused anyway.
 * Each kind has its URLs of its own: names are compared within a kind.
 */
const check: Check = ({ files }) =>
  clashes(files, (f) => `${f.configKind}/${f.instance.toLowerCase()}`).map(([f, other]) =>
    error('duplicate-instance-name', f.locate(0), { name: f.instance, other: other.path }),
  );

/** The rule `unique-instance-names`. */
export const uniqueInstanceNames: Rule = {
  meta: {
    id: 'unique-instance-names',
    scope: 'catalog',
    codes: ['duplicate-instance-name'],
    reads: [],
    docs: 'Instance names of one kind differ ignoring case: checkouts on macOS and Windows fold case.',
  },
  check,
};
