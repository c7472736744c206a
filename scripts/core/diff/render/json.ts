import { type Json, serialize } from '../../model/json.js';
import { CHANGE_CLASSES, countByClass, type InstanceChange, type OldUrl, verdictOf } from '../types.js';
import type { DiffRenderer } from './types.js';

/**
 * A stable, documented shape (CONTRIBUTING.md, "The diff as JSON"). `version`
 * changes only when a field is removed or changes meaning. Built as ordered
 * maps so that `add_data` values keep their key order, as clients see them.
 */
export const json: DiffRenderer = (diff, { base, head }) => {
  const counts = countByClass(diff);
  const body = new Map<string, Json>([
    ['version', 1],
    ['base', base],
    ['head', head],
    ['verdict', verdictOf(diff)],
    ['counts', new Map(CHANGE_CLASSES.map((c) => [c, counts[c]]))],
    ['changes', diff.changes.map(changeJson)],
    [
      'otherFiles',
      diff.otherFiles.map(
        (f) =>
          new Map([
            ['path', f.path],
            ['change', f.change],
          ]),
      ),
    ],
  ]);
  return serialize(body, true);
};

const oldUrlJson = (o: OldUrl): Json =>
  new Map<string, Json>([
    ['url', o.url],
    ['status', o.status],
    ['location', o.location],
  ]);

const changeJson = (c: InstanceChange): Json =>
  new Map<string, Json>([
    ['instance', c.instance],
    ['kind', c.kind],
    ['class', c.class],
    ['renamedFrom', c.renamedFrom],
    ['technicalName', c.technicalName],
    ['url', c.url],
    ['oldUrl', c.oldUrl === null ? null : oldUrlJson(c.oldUrl)],
    ['formerNames', c.formerNames.map(oldUrlJson)],
    [
      'fields',
      c.fields.map(
        (f) =>
          new Map<string, Json>([
            ['field', f.field],
            ['class', f.class],
            ['before', f.before],
            ['after', f.after],
          ]),
      ),
    ],
    ['enters', c.enters],
    ['leaves', c.leaves],
  ]);
