/**
 * The history tests' shared pieces: the commit times their repositories use,
 * the published `_history/` of a build folder, and one change of it as the
 * build writes it (README "Keeping a copy in sync").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyPath } from '../../scripts/core/model/site.js';

/** The commit time of the `i`-th commit of a test repository (ISO 8601, UTC). */
export const commitTime = (i: number): string => `2024-01-02T00:${String(i).padStart(2, '0')}:00Z`;

/** The parsed `_history/index.json` of the site `build` wrote into `root/dist`. */
export const historyOf = (root: string) => JSON.parse(readFileSync(join(root, 'dist', historyPath()), 'utf8'));

/** One change of the service `a` (technical name Call Waiting) at the `i`-th commit, as `_history/` lists it. */
export const changeOfA = (commit: string, i: number, kind: string, cls: string, fields: string[]) => ({
  commit,
  time: commitTime(i),
  instance_name: 'a',
  technical_name: 'Call Waiting',
  kind,
  class: cls,
  renamed_from: null,
  fields,
});
