import { paint } from '../../diagnostics/words.js';
import type { DiffableKind } from '../kind.js';
import { type ChangeClass, type InstanceChange, verdictOf } from '../types.js';
import type { DiffRenderer } from './types.js';
import {
  changesByKind,
  classLabels,
  countsPhrase,
  fieldLine,
  formerNamePhrases,
  jsonText,
  kindPhrase,
  namesKinds,
  showsTechnicalName,
  verdictTitles,
} from './words.js';

const colors: Record<ChangeClass, string> = {
  breaking: '31',
  'planned-removal': '33',
  deprecation: '33',
  undeprecation: '36',
  additive: '32',
  cosmetic: '2',
};

const plain = (name: string) => name;

/**
 * For a terminal: a verdict, then one block per instance with every field and
 * list it touches; with more than one kind, the blocks of each kind that
 * changed under a line with its name (`widgets:`).
 */
export const text: DiffRenderer = (diff, { base, head, color, kinds }) => {
  const verdict = verdictOf(diff);
  const title = verdictTitles[verdict ?? 'none'];
  const lines = [`API diff ${base} -> ${head}: ${verdict === null ? title : paint(color, colors[verdict], title)}`];
  if (diff.changes.length > 0) lines.push(countsPhrase(diff, kinds), '');
  const groups = changesByKind(diff, kinds).filter((g) => g.changes.length > 0);
  for (const [i, { kind, changes }] of groups.entries()) {
    if (namesKinds(kinds)) lines.push(...(i > 0 ? [''] : []), `${kind.name}:`);
    for (const change of changes) lines.push(...block(change, kind, color));
  }
  if (diff.otherFiles.length > 0) {
    lines.push('', 'Other files of the site:', ...diff.otherFiles.map((f) => `  ${f.change} ${f.path}`));
  }
  return `${lines.join('\n')}\n`;
};

function block(change: InstanceChange, kind: DiffableKind, color: boolean): string[] {
  const label = paint(color, colors[change.class], `[${classLabels[change.class]}]`);
  const head = `${label} ${change.instance}: ${kindPhrase(change, kind, plain) ?? 'changed'}`;
  const details = [
    ...(showsTechnicalName(change) ? [`${kind.diff.key} ${jsonText(change.technicalName)}`] : []),
    ...change.fields.map((f) => fieldLine(change, kind, f, plain, '->')),
    ...formerNamePhrases(change, plain),
    ...change.enters.map((url) => `enters ${url}`),
    ...change.leaves.map((url) => `leaves ${url}`),
  ];
  return [head, ...details.map((d) => `    ${d}`)];
}
