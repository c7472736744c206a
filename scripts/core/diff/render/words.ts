/** The wording every diff format shares: class names, verdicts, what happened to an instance. */
import { type Json, serialize } from '../../model/json.js';
import { listRoot } from '../../model/site.js';
import { type DiffableKind, kindOfUrl } from '../kind.js';
import {
  CHANGE_CLASSES,
  type ChangeClass,
  countByClass,
  type FieldChange,
  type InstanceChange,
  type OldUrl,
  type SiteDiff,
} from '../types.js';

/** Each change class as the renders name it. */
export const classLabels: Record<ChangeClass, string> = {
  breaking: 'breaking',
  'planned-removal': 'planned removal',
  deprecation: 'deprecation',
  undeprecation: 'undeprecation',
  additive: 'additive',
  cosmetic: 'cosmetic',
};

/** The verdict of a whole diff, by its most disruptive class. */
export const verdictTitles: Record<ChangeClass | 'none', string> = {
  breaking: 'Breaking API change',
  'planned-removal': 'Planned removal, nothing breaking',
  deprecation: 'Deprecation, nothing breaking',
  undeprecation: 'Undeprecation, nothing breaking',
  additive: 'Additive API change',
  cosmetic: 'Cosmetic API change',
  none: 'No change to the published API',
};

import { plural } from '../../diagnostics/words.js';

export { plural };

/** One kind's changes in a diff. */
export interface KindChanges {
  readonly kind: DiffableKind;
  readonly changes: readonly InstanceChange[];
}

/**
 * The changes of `diff` kind by kind, in the order of `kinds` (every kind,
 * with or without changes): a change is of the kind whose root its URL is
 * under, else of the first kind.
 */
export function changesByKind(diff: SiteDiff, kinds: readonly DiffableKind[]): KindChanges[] {
  const [first] = kinds;
  const of = (c: InstanceChange) => (kinds.length === 1 ? first : (kindOfUrl(kinds, c.url) ?? first));
  return kinds.map((kind) => ({ kind, changes: diff.changes.filter((c) => of(c) === kind) }));
}

/** Whether the renders say which kind each change is of: only when more than one kind was compared. */
export const namesKinds = (kinds: readonly DiffableKind[]): boolean => kinds.length > 1;

/**
 * "3 services changed: 1 breaking, 2 additive" (one phrase per kind that
 * changed, joined by "; "), or "" when nothing changed.
 */
export function countsPhrase(diff: SiteDiff, kinds: readonly DiffableKind[]): string {
  return changesByKind(diff, kinds)
    .filter((group) => group.changes.length > 0)
    .map(({ kind, changes }) => {
      const counts = countByClass({ changes, otherFiles: [] });
      const parts = CHANGE_CLASSES.filter((c) => counts[c] > 0).map((c) => `${counts[c]} ${classLabels[c]}`);
      return `${plural(changes.length, kind.diff.noun)} changed: ${parts.join(', ')}`;
    })
    .join('; ');
}

/**
 * What happened to the instance itself, with the URL it concerns: where a new
 * service answers, what the URL of one that went answers now (404, or a
 * redirect); `show` is how names and URLs are shown.
 */
export function kindPhrase(change: InstanceChange, kind: DiffableKind, show: (name: string) => string): string | null {
  switch (change.kind) {
    case 'added':
      return `new ${kind.diff.noun} at ${show(change.url)}`;
    case 'removed': {
      const announcedBy = kind.diff.removalAnnouncedBy;
      const why =
        change.class === 'planned-removal' && announcedBy !== null
          ? `after being marked ${show(announcedBy)}`
          : 'while still assignable';
      return `removed ${why}; ${oldUrlPhrase(change, show)}`;
    }
    case 'renamed':
      return `renamed from ${show(change.renamedFrom ?? '')}; ${oldUrlPhrase(change, show)}`;
    case 'changed':
      return null;
  }
}

/** What the URL of an instance that went answers now: `/…/x/ answers 404`, or its redirect. */
function oldUrlPhrase(change: InstanceChange, show: (name: string) => string): string {
  return change.oldUrl === null ? '' : answerPhrase(change.oldUrl, show);
}

/** What a URL that went answers now: `/…/x/ answers 404`, or `/…/x/ redirects (308) to /…/y/`. */
export const answerPhrase = (old: OldUrl, show: (name: string) => string): string =>
  old.location === null ? `${show(old.url)} answers 404` : `${show(old.url)} redirects (308) to ${show(old.location)}`;

/** What each previous name's URL that stops redirecting to the service answers now, one phrase each. */
export const formerNamePhrases = (change: InstanceChange, show: (name: string) => string): string[] =>
  change.formerNames.map((old) => `previous name ${answerPhrase(old, show)}`);

/**
 * A value as the text and Markdown renders show it: a deprecation by its dates,
 * reason, successor (with its instance URL, under `kind`'s root) and note;
 * anything else as the compact JSON clients read.
 */
export function valueText(kind: DiffableKind, field: string, value: Json): string {
  if (field !== 'deprecation' || !(value instanceof Map)) return jsonText(value);
  const d = value as ReadonlyMap<string, Json>;
  const successor = d.get('replaced_by');
  const parts = [
    `since ${String(d.get('since'))}`,
    ...(d.get('reason') == null ? [] : [`reason ${String(d.get('reason'))}`]),
    ...(successor instanceof Map
      ? [`replaced by ${String(successor.get('instance_name'))} (${successorUrl(kind, successor)})`]
      : []),
    ...(d.get('sunset') == null ? [] : [`sunset ${String(d.get('sunset'))}`]),
    ...(d.get('note') == null ? [] : [`note ${jsonText(d.get('note') as Json)}`]),
  ];
  return parts.join(', ');
}

/** The successor's instance URL from the site root (`_deprecations/` names it relative to itself). */
const successorUrl = (kind: DiffableKind, successor: ReadonlyMap<string, Json>): string =>
  `/${listRoot(kind)}/${String(successor.get('instance_name'))}/`;

/** A published value as clients read it: compact JSON. */
export const jsonText = (value: Json): string => serialize(value, false).trimEnd();

/** A field as a text render lists it: a new object's value, or the change with its class. */
export function fieldLine(
  change: InstanceChange,
  kind: DiffableKind,
  f: FieldChange,
  show: (s: string) => string,
  arrow: string,
): string {
  const field = show(f.field);
  if (change.kind === 'added') return `${field}: ${show(valueText(kind, f.field, f.after))}`;
  const [before, after] = [f.before, f.after].map((v) =>
    v === null && f.field === 'deprecation' ? 'none' : valueText(kind, f.field, v),
  );
  return `${field}: ${show(before as string)} ${arrow} ${show(after as string)} (${classLabels[f.class]})`;
}

/** A short account of a field change: flags with their values, a deprecation with its dates, other fields by name. */
export function fieldPhrase(f: FieldChange, kind: DiffableKind, show: (name: string) => string, arrow: string): string {
  if (f.field === 'deprecation')
    return `${show(f.field)} ${f.after === null ? 'withdrawn' : valueText(kind, f.field, f.after)}`;
  return typeof f.before === 'boolean' && typeof f.after === 'boolean'
    ? `${show(f.field)} ${f.before} ${arrow} ${f.after}`
    : `${show(f.field)} changed`;
}

/** "enters 1 list, leaves 2 lists", or "" when the lists stay the same. */
export function listsPhrase(change: InstanceChange): string {
  const parts = [];
  if (change.enters.length > 0) parts.push(`enters ${plural(change.enters.length, 'list')}`);
  if (change.leaves.length > 0) parts.push(`leaves ${plural(change.leaves.length, 'list')}`);
  return parts.join(', ');
}

/** The instance's technical name is worth repeating when the service goes or moves (a new one lists it). */
export const showsTechnicalName = (change: InstanceChange): boolean =>
  change.kind === 'removed' || change.kind === 'renamed';
