/** The wording every diff format shares: class names, verdicts, what happened to an instance. */
import { type Json, serialize } from '../../model/json.js';
import {
  CHANGE_CLASSES,
  type ChangeClass,
  countByClass,
  type FieldChange,
  type InstanceChange,
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

/** "3 services changed: 1 breaking, 2 additive", or "" when nothing changed. */
export function countsPhrase(diff: SiteDiff): string {
  if (diff.changes.length === 0) return '';
  const counts = countByClass(diff);
  const parts = CHANGE_CLASSES.filter((c) => counts[c] > 0).map((c) => `${counts[c]} ${classLabels[c]}`);
  return `${plural(diff.changes.length, 'service')} changed: ${parts.join(', ')}`;
}

/** What happened to the instance itself; for a rename, `from` is how the old name is shown. */
export function kindPhrase(change: InstanceChange, show: (name: string) => string): string | null {
  switch (change.kind) {
    case 'added':
      return 'new service';
    case 'removed':
      return change.class === 'planned-removal'
        ? `removed after being marked ${show('no_more_assignable')}`
        : 'removed while still assignable';
    case 'renamed':
      return `renamed from ${show(change.renamedFrom ?? '')}`;
    case 'changed':
      return null;
  }
}

/** A published value as clients read it: compact JSON. */
export const jsonText = (value: Json): string => serialize(value, false).trimEnd();

/** A short account of a field change: flags with their values, other fields by name. */
export function fieldPhrase(f: FieldChange, show: (name: string) => string, arrow: string): string {
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

/** The instance's technical name is worth repeating when the service appears, goes, or moves. */
export const showsTechnicalName = (change: InstanceChange): boolean => change.kind !== 'changed';
