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
    const message = visible(oneLine(messageFor(d)));
    return `${where} ${severity} ${paint(color, '2', d.code)}: ${message}\n`;
  });
  return { out: lines.join(''), err: `${summaryLine(summary)}\n` };
};

/**
 * The text on one line: each run of line breaks, with the white space around
 * it, becomes one space. Split and trimmed rather than replaced by a regular
 * expression of white space around line breaks, which retries at each space of a long run and is quadratic in its length.
 */
export function oneLine(message: string): string {
  const parts = message.split(/[\r\n]+/);
  if (parts.length === 1) return message;
  return parts.map((p, i) => (i === 0 ? p.trimEnd() : i === parts.length - 1 ? p.trimStart() : p.trim())).join(' ');
}
