import { CatalogRunner } from '../../app/runner.js';
import { compareDiagnostics } from '../../core/diagnostics/diagnostic.js';
import { quoteShort } from '../../core/diagnostics/shorten.js';
import { pastSunset } from '../../core/lifecycle/sunset.js';
import { dateProblem } from '../../core/model/calendar-date.js';
import type { Command } from '../command.js';
import { UsageError } from '../io.js';
import { FORMAT, NO_CACHE, type OptionDecl, SERVICES, THREADS, usageOf } from '../option-decls.js';
import { formatOption, parseOptions, threadsOption } from '../options.js';
import { countBySeverity, filesRead, printReport } from '../report.js';

const AS_OF: OptionDecl = {
  name: 'as-of',
  type: 'string',
  value: 'YYYY-MM-DD',
  shownDefault: 'none: no sunset is checked',
  meaning:
    'also refuse (`past-sunset`, exit status 1) every service still published on or after its `deprecation.sunset`, as of this day ([Deprecations and renames](#deprecations-and-renames))',
};

const OPTIONS = [SERVICES, FORMAT, NO_CACHE, THREADS, AS_OF];

/** `--as-of`'s day, or null without it; a value that is no calendar day is a usage error. */
function asOfOption(value: unknown): string | null {
  if (value === undefined) return null;
  const day = String(value);
  const problem = dateProblem(day);
  if (problem === 'format') throw new UsageError(`--as-of takes a day written YYYY-MM-DD, not ${quoteShort(day)}`);
  if (problem === 'calendar')
    throw new UsageError(
      `--as-of ${day} is written YYYY-MM-DD, but the calendar has no such day; give a real date (months 01-12, and the days that month has)`,
    );
  return day;
}

export const check: Command = {
  summary: 'validate the service files and write nothing',
  usage: usageOf('check', OPTIONS),
  options: OPTIONS,
  examples: [
    'user-services check',
    'user-services check --services catalog/services --format github',
    'user-services check --as-of "$(date -u +%F)"',
  ],
  async run(args, io) {
    const { values } = parseOptions(args, OPTIONS);
    const format = formatOption(values.format);
    const asOf = asOfOption(values['as-of']);
    const started = performance.now();
    const runner = new CatalogRunner(io);
    const analysis = await runner.run(
      { folder: String(values.services) },
      { cache: values['no-cache'] !== true, threads: threadsOption(values.threads) },
    );
    // The sunsets of the objects that build, of every kind; a file with errors has said so already.
    const late = asOf === null ? [] : pastSunset(await analysis.analysis(), asOf, await runner.kindsToAnalyze());
    const diagnostics = [...analysis.diagnostics, ...late].sort(compareDiagnostics);
    const seconds = (performance.now() - started) / 1000;
    const read = await filesRead(analysis, () => runner.kindsToAnalyze());
    const summary = { command: 'check', ...read, ...countBySeverity({ diagnostics }), seconds };
    return printReport({ diagnostics, summary }, format, io);
  },
};
