import type { DiffableKind } from '../kind.js';
import type { ChangeClass, InstanceChange, SiteDiff } from '../types.js';
import { verdictOf } from '../types.js';
import type { DiffRenderer } from './types.js';
import {
  changesByKind,
  classLabels,
  countsPhrase,
  fieldLine,
  fieldPhrase,
  formerNamePhrases,
  jsonText,
  kindPhrase,
  listsPhrase,
  namesKinds,
  plural,
  showsTechnicalName,
  verdictTitles,
} from './words.js';

/** The hidden line by which CI finds its own comment on a pull request, to update it in place. */
export const DIFF_MARKER = '<!-- user-services-diff -->';

// GitHub refuses comments above 65,536 characters; past this size the details are left out.
const MAX_LENGTH = 60_000;

const icons: Record<ChangeClass | 'none', string> = {
  breaking: '❌',
  'planned-removal': '🗑️',
  deprecation: '⚠️',
  undeprecation: '↩️',
  additive: '➕',
  cosmetic: '✏️',
  none: '✅',
};

/** Inline code that survives any content: a fence longer than every run of backticks inside. */
export function code(s: string): string {
  const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${s}${pad}${fence}`;
}

/**
 * For a pull-request comment: a one-line verdict, the marker, a table with one
 * row per instance, and every field and list in a folded section. With more
 * than one kind, the table has a column `Kind` and the details name each
 * instance's kind.
 */
export const markdown: DiffRenderer = (diff, { base, head, kinds }) => {
  const verdict = verdictOf(diff) ?? 'none';
  const counts = countsPhrase(diff, kinds);
  const line = `${icons[verdict]} **${verdictTitles[verdict]}** from ${code(base)} to ${code(head)}${counts === '' ? '' : ` (${counts})`}.`;
  if (diff.changes.length === 0 && diff.otherFiles.length === 0) return `${line}\n${DIFF_MARKER}\n`;
  const top = [line, DIFF_MARKER, '', ...table(diff, kinds), ''].join('\n');
  const details = ['<details><summary>Details</summary>', '', ...detailLines(diff, kinds), '</details>', ''].join('\n');
  const folded =
    top.length + details.length <= MAX_LENGTH
      ? details
      : `_The details are too long for a comment; run ${code(`user-services diff --base ${base}`)} to see them._\n`;
  return `${top}\n${folded}`;
};

function table(diff: SiteDiff, kinds: readonly DiffableKind[]): string[] {
  if (diff.changes.length === 0)
    return [`No instance changed; ${plural(diff.otherFiles.length, 'other file')} of the site did.`];
  const named = namesKinds(kinds);
  const rows = changesByKind(diff, kinds).flatMap(({ kind, changes }) =>
    changes.map((c) => {
      // A new object's fields are in the details: the row says where it answers.
      const fields = c.kind === 'added' ? [] : c.fields.map((f) => fieldPhrase(f, kind, code, '→'));
      const what = [kindPhrase(c, kind, code), ...fields, ...formerNamePhrases(c, code)].filter((p) => p !== null);
      const of = named ? ` ${code(kind.name)} |` : '';
      return `| ${icons[c.class]} ${classLabels[c.class]} |${of} ${code(c.instance)} | ${what.join('; ')} | ${listsPhrase(c) || '—'} |`;
    }),
  );
  const header = named
    ? ['| Class | Kind | Instance | Change | Lists |', '|---|---|---|---|---|']
    : ['| Class | Instance | Change | Lists |', '|---|---|---|---|'];
  return [...header, ...rows];
}

function detailLines(diff: SiteDiff, kinds: readonly DiffableKind[]): string[] {
  const named = namesKinds(kinds);
  const blocks = changesByKind(diff, kinds).flatMap(({ kind, changes }) =>
    changes.map((c) => [...instanceDetails(c, kind, named), '']),
  );
  if (diff.otherFiles.length > 0) {
    blocks.push(['**Other files of the site**', ...diff.otherFiles.map((f) => `- ${f.change} ${code(f.path)}`), '']);
  }
  return blocks.flat();
}

function instanceDetails(c: InstanceChange, kind: DiffableKind, named: boolean): string[] {
  const items = [
    ...(showsTechnicalName(c) ? [`${code(kind.diff.key)}: ${code(jsonText(c.technicalName))}`] : []),
    ...c.fields.map((f) => fieldLine(c, kind, f, code, '→')),
    ...formerNamePhrases(c, code),
    ...c.enters.map((url) => `enters ${code(url)}`),
    ...c.leaves.map((url) => `leaves ${code(url)}`),
  ];
  const what = kindPhrase(c, kind, code) ?? 'changed';
  const of = named ? ` of ${code(kind.name)}` : '';
  return [`**${code(c.instance)}**${of} (${classLabels[c.class]}): ${what}`, ...items.map((i) => `- ${i}`)];
}
