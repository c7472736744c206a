import { error } from '../diagnostic.js';
import { clashes, type Rule } from './rule.js';

/**
 * Checkouts on macOS and Windows fold case, and `a.yaml` and `a.yml` publish the
 * same URL, so instance names must differ ignoring case. Valid instance names
 * are ASCII, whose case folding is lower case; other names are refused anyway.
 */
export const uniqueInstanceNames: Rule = ({ files }) =>
  clashes(files, (f) => f.instance.toLowerCase()).map(([f, other]) =>
    error('duplicate-instance-name', f.locate(0), { name: f.instance, other: other.path }),
  );
