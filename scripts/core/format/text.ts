import { messageFor } from '../messages.js';
import { paint } from '../words.js';
import { summaryLine } from './summary.js';
import type { Formatter } from './types.js';
import { visible } from './visible.js';

/** `services/foo.yaml:4:10: error <code>: <message>`, one line per problem. */
export const text: Formatter = ({ diagnostics, summary }, { color }) => {
  const lines = diagnostics.map((d) => {
    const where = paint(color, '1', `${visible(d.file)}:${d.line}:${d.column}:`);
    const severity = paint(color, d.severity === 'error' ? '31' : '33', d.severity);
    // One problem per line, whatever a message quotes.
    const message = visible(messageFor(d).replace(/\s*[\r\n]+\s*/g, ' '));
    return `${where} ${severity} ${paint(color, '2', d.code)}: ${message}\n`;
  });
  return { out: lines.join(''), err: `${summaryLine(summary)}\n` };
};
