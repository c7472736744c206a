import { type ChangeClass, type InstanceChange, verdictOf } from '../types.js';
import type { DiffRenderer } from './types.js';
import {
  classLabels,
  countsPhrase,
  fieldLine,
  formerNamePhrases,
  jsonText,
  kindPhrase,
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

import { paint } from '../../diagnostics/words.js';

const plain = (name: string) => name;

/** For a terminal: a verdict, then one block per instance with every field and list it touches. */
export const text: DiffRenderer = (diff, { base, head, color }) => {
  const verdict = verdictOf(diff);
  const title = verdictTitles[verdict ?? 'none'];
  const lines = [`API diff ${base} -> ${head}: ${verdict === null ? title : paint(color, colors[verdict], title)}`];
  if (diff.changes.length > 0) lines.push(countsPhrase(diff), '');
  for (const change of diff.changes) lines.push(...block(change, color));
  if (diff.otherFiles.length > 0) {
    lines.push('', 'Other files of the site:', ...diff.otherFiles.map((f) => `  ${f.change} ${f.path}`));
  }
  return `${lines.join('\n')}\n`;
};

function block(change: InstanceChange, color: boolean): string[] {
  const label = paint(color, colors[change.class], `[${classLabels[change.class]}]`);
  const head = `${label} ${change.instance}: ${kindPhrase(change, plain) ?? 'changed'}`;
  const details = [
    ...(showsTechnicalName(change) ? [`technical_name ${jsonText(change.technicalName)}`] : []),
    ...change.fields.map((f) => fieldLine(change, f, plain, '->')),
    ...formerNamePhrases(change, plain),
    ...change.enters.map((url) => `enters ${url}`),
    ...change.leaves.map((url) => `leaves ${url}`),
  ];
  return [head, ...details.map((d) => `    ${d}`)];
}
