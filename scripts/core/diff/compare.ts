/**
 * Compares two built sites as clients see them: instance documents by instance
 * name, list membership by technical name. A service that disappears under one
 * instance name and appears under another with the same technical name
 * (compared as uniqueness compares them, `nameKey`) is reported as one rename.
 */

import { compareCodePoints } from '../diagnostics/diagnostic.js';
import { sameBytes } from '../diagnostics/words.js';
import { userServicesIdentity } from '../kinds/user-services/identity.js';
import type { Json, JsonObject } from '../model/json.js';
import { serialize } from '../model/json.js';
import { instancePath, type Site, urlOf } from '../model/site.js';
import { nameKey } from '../unicode/fold.js';
import { classifyField, classifyKind } from './classify.js';
import { readSite, type SiteView } from './read-site.js';
import {
  type ChangeKind,
  classRank,
  type FieldChange,
  type InstanceChange,
  type OldUrl,
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
      .filter((i) => before.instances.has(i) && changed(before, after, i))
      .map((i) => change('changed', before, after, i, i)),
  ];
  changes.sort((a, b) => classRank(a.class) - classRank(b.class) || compareCodePoints(a.instance, b.instance));
  return { changes, otherFiles: otherFileChanges(before, after) };
}

/** Whether clients see an instance differently: its document's bytes, or what is published of it beside. */
const changed = (before: SiteView, after: SiteView, i: string): boolean =>
  !sameBytes(before.instanceBytes.get(i), after.instanceBytes.get(i)) ||
  !same(lifecycleOf(before, i), lifecycleOf(after, i));

/** An instance's `deprecation` and `previous_names` as the diff compares them (none for a site without them). */
const NO_LIFECYCLE: JsonObject = new Map<string, Json>([
  ['deprecation', null],
  ['previous_names', []],
]);
const lifecycleOf = (view: SiteView, instance: string): JsonObject => view.lifecycle.get(instance) ?? NO_LIFECYCLE;

/** The document clients see of an instance, with its life-cycle fields after the instance's own. */
const fullDocument = (view: SiteView, instance: string): JsonObject | undefined => {
  const doc = view.instances.get(instance);
  return doc === undefined ? undefined : new Map([...doc, ...lifecycleOf(view, instance)]);
};

const urlOfInstance = (instance: string): string => urlOf(instancePath(userServicesIdentity, instance));

/** What the URL of an instance that went answers in the new site. */
function oldUrlOf(after: SiteView, instance: string): OldUrl {
  const target = after.previousNames.get(instance);
  return target === undefined
    ? { url: urlOfInstance(instance), status: 404, location: null }
    : { url: urlOfInstance(instance), status: 308, location: urlOfInstance(target) };
}

/** The base's previous names of `from` that no longer redirect to `to` (see `InstanceChange.formerNames`). */
function formerNames(before: SiteView, after: SiteView, from: string | null, to: string | null): OldUrl[] {
  if (from === null) return [];
  const names = lifecycleOf(before, from).get('previous_names');
  return (Array.isArray(names) ? names : [])
    .map(String)
    .filter((name) => (to === null || after.previousNames.get(name) !== to) && !after.instances.has(name))
    .map((name) => oldUrlOf(after, name));
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
  const old = from === null ? undefined : fullDocument(before, from);
  const now = to === null ? undefined : fullDocument(after, to);
  const fields = now === undefined ? [] : old === undefined ? newFields(now) : fieldChanges(old, now);
  const oldUrl = kind === 'removed' || kind === 'renamed' ? oldUrlOf(after, from as string) : null;
  const redirected = oldUrl?.location === (to === null ? undefined : urlOfInstance(to));
  const kindClass = classifyKind(kind, old?.get('no_more_assignable') === true, redirected);
  const was = listsOf(before, old);
  const is = listsOf(after, now);
  const instance = (to ?? from) as string;
  return {
    kind,
    instance,
    renamedFrom: kind === 'renamed' ? from : null,
    technicalName: String((now ?? old)?.get('technical_name')),
    url: urlOfInstance(instance),
    oldUrl,
    formerNames: formerNames(before, after, from, to),
    // Bytes that differ with no field that does can only be a matter of form: cosmetic.
    class: worstClass([...(kindClass === null ? [] : [kindClass]), ...fields.map((f) => f.class)]) ?? 'cosmetic',
    fields,
    enters: is.filter((url) => !was.includes(url)),
    leaves: was.filter((url) => !is.includes(url)),
  };
}

const listsOf = (view: SiteView, doc: JsonObject | undefined): readonly string[] =>
  doc === undefined ? [] : (view.membership.get(String(doc.get('technical_name'))) ?? []);

/**
 * Every field of a new service, in the order of its document: what it has is
 * what clients gain (a `deprecation` or `previous_names` it does not have is left out).
 */
function newFields(now: JsonObject): FieldChange[] {
  const unset = (field: string, value: Json) =>
    (field === 'deprecation' && value === null) || (field === 'previous_names' && same(value, []));
  return [...now]
    .filter(([field, value]) => !unset(field, value))
    .map(([field, value]) => ({ field, class: 'additive', before: null, after: value }));
}

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
