import { messageFor } from '../messages.js';
import type { Formatter } from './types.js';

/**
 * A stable, documented shape (see README, "JSON output"). `version` changes only
 * when a field is removed or changes meaning.
 */
export const json: Formatter = ({ diagnostics, summary }) => {
  const body = {
    version: 1,
    diagnostics: diagnostics.map((d) => ({
      code: d.code,
      severity: d.severity,
      file: d.file,
      line: d.line,
      column: d.column,
      message: messageFor(d),
      args: d.args,
    })),
    // Milliseconds, as measured: a double of the seconds prints seventeen digits (0.48730000000000001).
    summary: { ...summary, seconds: Math.round(summary.seconds * 1000) / 1000 },
  };
  return { out: `${JSON.stringify(body, null, 2)}\n`, err: '' };
};
