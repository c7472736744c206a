/**
 * Compares two built sites as clients see them: instance documents by instance
 * name, list membership by technical name. A service that disappears under one
 * instance name and appears under another with the same technical name
 * (compared as uniqueness compares them, `nameKey`) is reported as one rename.
 */

import { compareCodePoints } from '../diagnostics/diagnostic.js';
import { sameBytes } from '../diagnostics/words.js';
import type { Json, JsonObject } from '../model/json.js';
import { serialize } from '../model/json.js';
import type { Site } from '../model/site.js';
import { nameKey } from '../unicode/fold.js';
import { classifyField, classifyKind } from './classify.js';
import { readSite, type SiteView } from './read-site.js';
import {
  type ChangeKind,
  classRank,
  type FieldChange,
  type InstanceChange,
  type OtherFileChange,
  type SiteDiff,
  worstClass,
} from './types.js';

/**
 * What changed in the published API from `base` to `head` (two built sites):
 * each instance added, removed or changed with its changed fields and class,
 * the lists it entered or left, and the other files that changed, in path order.
 * Throws when a site's JSON is not what the tool publishes (a bug, not input).
 */
export function diffSites(base: Site, head: Site): SiteDiff {
  const before = readSite(base);
  const after = readSite(head);
  const removed = [...before.instances.keys()].filter((i) => !after.instances.has(i));
  const added = [...after.instances.keys()].filter((i) => !before.instances.has(i));
  const renames = pairRenames(removed, added, before, after);
  const renamedFrom = new Set(renames.keys());
  const renamedTo = new Set(renames.values());
  const changes: InstanceChange[] = [
    ...removed.filter((i) => !renamedFrom.has(i)).map((i) => change('removed', before, after, i, null)),
    ...added.filter((i) => !renamedTo.has(i)).map((i) => change('added', before, after, null, i)),
    ...[...renames].map(([from, to]) => change('renamed', before, after, from, to)),
    ...[...after.instances.keys()]
      .filter((i) => before.instances.has(i) && !sameBytes(before.instanceBytes.get(i), after.instanceBytes.get(i)))
      .map((i) => change('changed', before, after, i, i)),
  ];
  changes.sort((a, b) => classRank(a.class) - classRank(b.class) || compareCodePoints(a.instance, b.instance));
  return { changes, otherFiles: otherFileChanges(before, after) };
}

const technicalName = (view: SiteView, instance: string): string =>
  String(view.instances.get(instance)?.get('technical_name'));

function pairRenames(removed: string[], added: string[], before: SiteView, after: SiteView): Map<string, string> {
  const addedByName = new Map(added.map((i) => [nameKey(technicalName(after, i)), i]));
  const pairs = new Map<string, string>();
  for (const from of removed) {
    const to = addedByName.get(nameKey(technicalName(before, from)));
    if (to !== undefined) pairs.set(from, to);
  }
  return pairs;
}

function change(
  kind: ChangeKind,
  before: SiteView,
  after: SiteView,
  from: string | null,
  to: string | null,
): InstanceChange {
  const old = from === null ? undefined : before.instances.get(from);
  const now = to === null ? undefined : after.instances.get(to);
  const fields = old !== undefined && now !== undefined ? fieldChanges(old, now) : [];
  const kindClass = classifyKind(kind, old?.get('no_more_assignable') === true);
  const was = listsOf(before, old);
  const is = listsOf(after, now);
  return {
    kind,
    instance: (to ?? from) as string,
    renamedFrom: kind === 'renamed' ? from : null,
    technicalName: String((now ?? old)?.get('technical_name')),
    // Bytes that differ with no field that does can only be a matter of form: cosmetic.
    class: worstClass([...(kindClass === null ? [] : [kindClass]), ...fields.map((f) => f.class)]) ?? 'cosmetic',
    fields,
    enters: is.filter((url) => !was.includes(url)),
    leaves: was.filter((url) => !is.includes(url)),
  };
}

const listsOf = (view: SiteView, doc: JsonObject | undefined): readonly string[] =>
  doc === undefined ? [] : (view.membership.get(String(doc.get('technical_name'))) ?? []);

/** Published fields whose value changed, in the order of the document. */
function fieldChanges(old: JsonObject, now: JsonObject): FieldChange[] {
  const names = [...new Set([...now.keys(), ...old.keys()])];
  return names.flatMap((field) => {
    const a = old.get(field) ?? null;
    const b = now.get(field) ?? null;
    return same(a, b) ? [] : [{ field, class: classifyField(field, a, b), before: a, after: b }];
  });
}

const same = (a: Json, b: Json): boolean => serialize(a, false) === serialize(b, false);

function otherFileChanges(before: SiteView, after: SiteView): OtherFileChange[] {
  const paths = [...new Set([...before.others.keys(), ...after.others.keys()])].sort(compareCodePoints);
  return paths.flatMap((path): OtherFileChange[] => {
    const a = before.others.get(path);
    const b = after.others.get(path);
    if (a === undefined) return [{ path, change: 'added' }];
    if (b === undefined) return [{ path, change: 'removed' }];
    return sameBytes(a, b) ? [] : [{ path, change: 'changed' }];
  });
}
