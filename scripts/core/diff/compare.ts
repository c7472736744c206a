/**
 * Compares two built sites as clients see them, kind by kind: instance
 * documents by instance name, list membership by the kind's key. An object
 * that disappears under one instance name and appears under another with the
 * same key (compared as uniqueness compares them, `nameKey`) is reported as
 * one rename.
 */

import { compareCodePoints } from '../diagnostics/diagnostic.js';
import { sameBytes } from '../diagnostics/words.js';
import type { Json, JsonObject } from '../model/json.js';
import { serialize } from '../model/json.js';
import { listRoot, type Site } from '../model/site.js';
import { nameKey } from '../unicode/fold.js';
import { classifyField, classifyKind } from './classify.js';
import type { DiffableKind } from './kind.js';
import { type KindView, noLifecycle, readSite, type SiteView } from './read-site.js';
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
 * What changed in the published API from `base` to `head` (two built sites)
 * for each of `kinds`: each instance added, removed or changed with its
 * changed fields and class, the lists it entered or left, and the other files
 * that changed, in path order. Changes come kind by kind in the order of
 * `kinds`. Throws when a site's JSON is not what the tool publishes (a bug, not input).
 */
export function diffSites(base: Site, head: Site, kinds: readonly DiffableKind[]): SiteDiff {
  const before = readSite(base, kinds);
  const after = readSite(head, kinds);
  const changes = kinds.flatMap((kind) => kindChanges(pairOf(kind, before, after)));
  return { changes, otherFiles: otherFileChanges(before, after) };
}

/** One kind's side by side: its views of both sites, where its instances are, what an object has by default. */
interface Pair {
  readonly kind: DiffableKind;
  readonly before: KindView;
  readonly after: KindView;
  readonly root: string;
  /** The life-cycle fields of an object the life-cycle files say nothing of (none for a kind without them). */
  readonly noLifecycle: JsonObject;
}

const EMPTY: KindView = {
  instances: new Map(),
  lifecycle: new Map(),
  previousNames: new Map(),
  instanceBytes: new Map(),
  membership: new Map(),
};

const pairOf = (kind: DiffableKind, before: SiteView, after: SiteView): Pair => ({
  kind,
  before: before.kinds.get(kind.name) ?? EMPTY,
  after: after.kinds.get(kind.name) ?? EMPTY,
  root: listRoot(kind),
  noLifecycle: kind.diff.lifecycle === null ? new Map() : noLifecycle(),
});

/** A kind's changes, by class (most disruptive first), then instance name. */
function kindChanges(p: Pair): InstanceChange[] {
  const { before, after } = p;
  const removed = [...before.instances.keys()].filter((i) => !after.instances.has(i));
  const added = [...after.instances.keys()].filter((i) => !before.instances.has(i));
  const renames = pairRenames(p, removed, added);
  const renamedFrom = new Set(renames.keys());
  const renamedTo = new Set(renames.values());
  const changes: InstanceChange[] = [
    ...removed.filter((i) => !renamedFrom.has(i)).map((i) => change(p, 'removed', i, null)),
    ...added.filter((i) => !renamedTo.has(i)).map((i) => change(p, 'added', null, i)),
    ...[...renames].map(([from, to]) => change(p, 'renamed', from, to)),
    ...[...after.instances.keys()]
      .filter((i) => before.instances.has(i) && changed(p, i))
      .map((i) => change(p, 'changed', i, i)),
  ];
  return changes.sort((a, b) => classRank(a.class) - classRank(b.class) || compareCodePoints(a.instance, b.instance));
}

/** Whether clients see an instance differently: its document's bytes, or what is published of it beside. */
const changed = (p: Pair, i: string): boolean =>
  !sameBytes(p.before.instanceBytes.get(i), p.after.instanceBytes.get(i)) ||
  !same(lifecycleOf(p, p.before, i), lifecycleOf(p, p.after, i));

/** An instance's life-cycle fields as the diff compares them (their defaults for a site without them). */
const lifecycleOf = (p: Pair, view: KindView, instance: string): JsonObject =>
  view.lifecycle.get(instance) ?? p.noLifecycle;

/** The document clients see of an instance, with its life-cycle fields after the instance's own. */
const fullDocument = (p: Pair, view: KindView, instance: string): JsonObject | undefined => {
  const doc = view.instances.get(instance);
  return doc === undefined ? undefined : new Map([...doc, ...lifecycleOf(p, view, instance)]);
};

/** The URL of an instance of the pair's kind: `/<root>/<instance>/`. */
const urlOfInstance = (p: Pair, instance: string): string => `/${p.root}/${instance}/`;

/** What the URL of an instance that went answers in the new site. */
function oldUrlOf(p: Pair, instance: string): OldUrl {
  const target = p.after.previousNames.get(instance);
  return target === undefined
    ? { url: urlOfInstance(p, instance), status: 404, location: null }
    : { url: urlOfInstance(p, instance), status: 308, location: urlOfInstance(p, target) };
}

/** The base's previous names of `from` that no longer redirect to `to` (see `InstanceChange.formerNames`). */
function formerNames(p: Pair, from: string | null, to: string | null): OldUrl[] {
  if (from === null) return [];
  const names = lifecycleOf(p, p.before, from).get('previous_names');
  return (Array.isArray(names) ? names : [])
    .map(String)
    .filter((name) => (to === null || p.after.previousNames.get(name) !== to) && !p.after.instances.has(name))
    .map((name) => oldUrlOf(p, name));
}

const keyOf = (p: Pair, doc: JsonObject | undefined): string => String(doc?.get(p.kind.diff.key));

function pairRenames(p: Pair, removed: string[], added: string[]): Map<string, string> {
  const addedByKey = new Map(added.map((i) => [nameKey(keyOf(p, p.after.instances.get(i))), i]));
  const pairs = new Map<string, string>();
  for (const from of removed) {
    const to = addedByKey.get(nameKey(keyOf(p, p.before.instances.get(from))));
    if (to !== undefined) pairs.set(from, to);
  }
  return pairs;
}

function change(p: Pair, kind: ChangeKind, from: string | null, to: string | null): InstanceChange {
  const old = from === null ? undefined : fullDocument(p, p.before, from);
  const now = to === null ? undefined : fullDocument(p, p.after, to);
  const fields = now === undefined ? [] : old === undefined ? newFields(p, now) : fieldChanges(p, old, now);
  const oldUrl = kind === 'removed' || kind === 'renamed' ? oldUrlOf(p, from as string) : null;
  const redirected = oldUrl?.location === (to === null ? undefined : urlOfInstance(p, to));
  const announcedBy = p.kind.diff.removalAnnouncedBy;
  const kindClass = classifyKind(kind, announcedBy !== null && old?.get(announcedBy) === true, redirected);
  const was = listsOf(p.before, keyOf(p, old), old);
  const is = listsOf(p.after, keyOf(p, now), now);
  const instance = (to ?? from) as string;
  return {
    kind,
    instance,
    renamedFrom: kind === 'renamed' ? from : null,
    technicalName: keyOf(p, now ?? old),
    url: urlOfInstance(p, instance),
    oldUrl,
    formerNames: formerNames(p, from, to),
    // Bytes that differ with no field that does can only be a matter of form: cosmetic.
    class: worstClass([...(kindClass === null ? [] : [kindClass]), ...fields.map((f) => f.class)]) ?? 'cosmetic',
    fields,
    enters: is.filter((url) => !was.includes(url)),
    leaves: was.filter((url) => !is.includes(url)),
  };
}

const listsOf = (view: KindView, key: string, doc: JsonObject | undefined): readonly string[] =>
  doc === undefined ? [] : (view.membership.get(key) ?? []);

/**
 * Every field of a new object, in the order of its document: what it has is
 * what clients gain (a life-cycle field at its default, no `deprecation` or
 * no `previous_names`, is left out).
 */
function newFields(p: Pair, now: JsonObject): FieldChange[] {
  const unset = (field: string, value: Json) => {
    const byDefault = p.noLifecycle.get(field);
    return byDefault !== undefined && same(value, byDefault);
  };
  return [...now]
    .filter(([field, value]) => !unset(field, value))
    .map(([field, value]) => ({ field, class: 'additive', before: null, after: value }));
}

/** Published fields whose value changed, in the order of the document. */
function fieldChanges(p: Pair, old: JsonObject, now: JsonObject): FieldChange[] {
  const names = [...new Set([...now.keys(), ...old.keys()])];
  return names.flatMap((field) => {
    const a = old.get(field) ?? null;
    const b = now.get(field) ?? null;
    return same(a, b) ? [] : [{ field, class: classifyField(p.kind, field, a, b), before: a, after: b }];
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
