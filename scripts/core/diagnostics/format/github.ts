import { messageFor } from '../messages.js';
import { summaryLine } from './summary.js';
import type { Formatter } from './types.js';
import { visible } from './visible.js';

// Workflow command escaping, as the runner's own toolkit does it; other controls are made visible.
const escapeData = (s: string) => visible(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * GitHub Actions annotations: `::error file=...,line=...,col=...,title=...::message`.
 * GitHub places an annotation by the file's path from the repository root, so
 * each path (relative to the working directory) is prefixed with `workspace`,
 * the working directory's path from that root.
 */
export const github: Formatter = ({ diagnostics, summary }, { workspace = '' }) => {
  const lines = diagnostics.map((d) => {
    const file = escapeProperty(fromRoot(workspace, d.file));
    const props = `file=${file},line=${d.line},col=${d.column},title=${escapeProperty(d.code)}`;
    return `::${d.severity === 'error' ? 'error' : 'warning'} ${props}::${escapeData(messageFor(d))}\n`;
  });
  return { out: lines.join(''), err: `${summaryLine(summary)}\n` };
};

/** `prefix/file` with `/` separators and its `.` and `..` segments resolved: `cat/../services/a.yaml` -> `services/a.yaml`. */
export function fromRoot(prefix: string, file: string): string {
  const out: string[] = [];
  for (const part of `${prefix}/${file}`.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out.at(-1) !== '..') out.pop();
    else out.push(part);
  }
  return out.join('/') || '.';
}
