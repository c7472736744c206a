import { hasErrors } from '../core/diagnostic.js';
import { type FormatName, formatters } from '../core/format/index.js';
import type { Report } from '../core/format/types.js';
import { type Io, wantsColor } from './io.js';

/** Prints a report in the chosen format and returns the exit status it implies. */
export function printReport(report: Report, format: FormatName, io: Io): number {
  const { out, err } = formatters[format](report, { color: wantsColor(io) });
  io.stdout.write(out);
  io.stderr.write(err);
  return hasErrors(report.diagnostics) ? 1 : 0;
}

export function countBySeverity(report: Pick<Report, 'diagnostics'>) {
  const errors = report.diagnostics.filter((d) => d.severity === 'error').length;
  return { errors, warnings: report.diagnostics.length - errors };
}
