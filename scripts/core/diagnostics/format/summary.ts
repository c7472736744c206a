import { plural } from '../words.js';
import type { Summary } from './types.js';

/** One line saying what the run did. */
export function summaryLine(s: Summary): string {
  const parts = [
    s.checked === undefined ? `${plural(s.services ?? 0, 'service')} read` : `${plural(s.checked, 'file')} checked`,
  ];
  if (s.errors > 0 || s.warnings > 0) {
    parts.push(`${plural(s.errors, 'error')}${s.warnings > 0 ? `, ${plural(s.warnings, 'warning')}` : ''}`);
  }
  if (s.files !== undefined) {
    const { written, unchanged, removed } = s.files;
    parts.push(`${plural(written, 'file')} written, ${unchanged} unchanged, ${removed} removed`);
  } else if (s.errors > 0 && s.command === 'build') {
    parts.push('nothing written');
  }
  return `${s.command}: ${parts.join(', ')} in ${s.seconds.toFixed(2)} s`;
}
