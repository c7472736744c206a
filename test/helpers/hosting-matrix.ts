/**
 * The README's hosting matrix, generated from the conformance table's
 * documented differences: every host the suite runs, and where one answers
 * otherwise than the spec, what and why.
 */
import type { Answer } from './conformance.js';
import { HOST_DIFFERENCES } from './host-differences.js';

export const MATRIX_START = '<!-- hosting-matrix:start (generated: npm run hosts:matrix) -->';
export const MATRIX_END = '<!-- hosting-matrix:end -->';

const show = (a: Answer): string => {
  const [kind, rest = ''] = a.body.split(/:(.*)/s);
  const type = a.type === undefined || a.type === 'application/json' ? '' : ` (${a.type})`;
  if (kind === 'error') return `${a.status} JSON \`${rest}\`${type}`;
  if (kind === 'location') return `${a.status} to \`${rest}\``;
  if (kind === 'other') return `${a.status} the host's own body of ${rest}${type}`;
  if (kind === 'empty') return `${a.status} no body${a.type === undefined ? '' : `, typed ${a.type}`}`;
  return `${a.status} \`${rest}\`${type}`;
};

/** A Markdown table with its columns padded, as the formatter writes it. */
function table(rows: readonly (readonly string[])[]): string[] {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(3, ...rows.map((r) => [...(r[i] ?? '')].length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const [head = [], ...body] = rows;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)];
}

export function hostingMatrix(): string {
  const rows = Object.entries(HOST_DIFFERENCES).flatMap(([host, differences]) => {
    const entries = Object.entries(differences);
    if (entries.length === 0) return [[host, 'every row', "the spec's answer", '']];
    return entries.map(([row, d]) => [host, row, show(d.answer), d.why]);
  });
  const lines = table([['host', 'request', 'answer', 'why'], ...rows]);
  return `${MATRIX_START}\n${lines.join('\n')}\n${MATRIX_END}`;
}

/** The README with the matrix between its markers replaced. */
export function withMatrix(readme: string): string {
  const start = readme.indexOf(MATRIX_START);
  const end = readme.indexOf(MATRIX_END);
  if (start < 0 || end < start) throw new Error('the README has no hosting matrix markers');
  return readme.slice(0, start) + hostingMatrix() + readme.slice(end + MATRIX_END.length);
}
