import { messageFor } from '../messages.js';
import { summaryLine } from './summary.js';
import type { Formatter } from './types.js';
import { visible } from './visible.js';

// Workflow command escaping, as the runner's own toolkit does it; other controls are made visible.
const escapeData = (s: string) => visible(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions annotations: `::error file=...,line=...,col=...,title=...::message`. */
export const github: Formatter = ({ diagnostics, summary }) => {
  const lines = diagnostics.map((d) => {
    const props = `file=${escapeProperty(d.file)},line=${d.line},col=${d.column},title=${escapeProperty(d.code)}`;
    return `::${d.severity === 'error' ? 'error' : 'warning'} ${props}::${escapeData(messageFor(d))}\n`;
  });
  return { out: lines.join(''), err: `${summaryLine(summary)}\n` };
};
