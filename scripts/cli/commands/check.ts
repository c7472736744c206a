import { CatalogRunner } from '../../app/runner.js';
import type { Command } from '../command.js';
import { FORMAT, NO_CACHE, SERVICES, THREADS, usageOf } from '../option-decls.js';
import { formatOption, parseOptions, threadsOption } from '../options.js';
import { countBySeverity, printReport } from '../report.js';

const OPTIONS = [SERVICES, FORMAT, NO_CACHE, THREADS];

export const check: Command = {
  summary: 'validate the service files and write nothing',
  usage: usageOf('check', OPTIONS),
  options: OPTIONS,
  examples: ['user-services check', 'user-services check --services catalog/services --format github'],
  async run(args, io) {
    const { values } = parseOptions(args, OPTIONS);
    const format = formatOption(values.format);
    const started = performance.now();
    const analysis = await new CatalogRunner(io).run(
      { folder: String(values.services) },
      { cache: values['no-cache'] !== true, threads: threadsOption(values.threads) },
    );
    const seconds = (performance.now() - started) / 1000;
    const summary = { command: 'check', services: analysis.fileCount, ...countBySeverity(analysis), seconds };
    return printReport({ diagnostics: analysis.diagnostics, summary }, format, io);
  },
};
