import { plural } from '../words.js';
import type { FilesRead, Summary } from './types.js';

/**
 * `12 services read`; with `read` (several kinds), each kind that has files:
 * `3 services and 2 widgets read`, `1 service, 2 widgets and 1 gadget read`
 * (`0 services read` when none has).
 */
export function readWords(services: number, read?: readonly FilesRead[]): string {
  const some = (read ?? []).filter((r) => r.count > 0).map((r) => plural(r.count, r.noun));
  if (some.length === 0) return `${plural(services, 'service')} read`;
  const last = some.pop() as string;
  return `${some.length === 0 ? last : `${some.join(', ')} and ${last}`} read`;
}

/** One line saying what the run did. */
export function summaryLine(s: Summary): string {
  const parts = [s.checked === undefined ? readWords(s.services ?? 0, s.read) : `${plural(s.checked, 'file')} checked`];
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
