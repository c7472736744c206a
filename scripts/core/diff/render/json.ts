import { type Json, serialize } from '../../model/json.js';
import { CHANGE_CLASSES, countByClass, type InstanceChange, type OldUrl, verdictOf } from '../types.js';
import type { DiffRenderer } from './types.js';
import { changesByKind, type KindChanges, namesKinds } from './words.js';

/**
 * A stable, documented shape (CONTRIBUTING.md, "The diff as JSON"). `version`
 * changes only when a field is removed or changes meaning. Built as ordered
 * maps so that `add_data` values keep their key order, as clients see them.
 * `counts` and `changes` are the first kind's (user services); with more
 * than one kind, each other kind's `verdict`, `counts` and `changes` follow
 * under `kinds`, by kind name; the top `verdict` is the whole diff's.
 */
export const json: DiffRenderer = (diff, { base, head, kinds }) => {
  const [first, ...rest] = changesByKind(diff, kinds);
  const body = new Map<string, Json>([
    ['version', 1],
    ['base', base],
    ['head', head],
    ['verdict', verdictOf(diff)],
    ...kindEntries(first?.changes ?? []),
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
  if (namesKinds(kinds)) body.set('kinds', new Map(rest.map((group) => [group.kind.name, kindJson(group)])));
  return serialize(body, true);
};

/** A kind's `counts` (every class present) and `changes`. */
const kindEntries = (changes: readonly InstanceChange[]): [string, Json][] => {
  const counts = countByClass({ changes, otherFiles: [] });
  return [
    ['counts', new Map(CHANGE_CLASSES.map((c) => [c, counts[c]]))],
    ['changes', changes.map(changeJson)],
  ];
};

/** One further kind under `kinds`: its own verdict, counts and changes. */
const kindJson = ({ changes }: KindChanges): Json =>
  new Map<string, Json>([['verdict', verdictOf({ changes, otherFiles: [] })], ...kindEntries(changes)]);

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
