import { CatalogRunner } from '../../app/runner.js';
import type { Command } from '../command.js';
import { catalogOptionSpec, formatOption, parseOptions, threadsOption } from '../options.js';
import { countBySeverity, printReport } from '../report.js';

export const check: Command = {
  summary: 'validate the service files and write nothing',
  usage: 'user-services check [--services DIR] [--format text|github|json] [--no-cache] [--threads N]',
  async run(args, io) {
    const { values } = parseOptions(args, catalogOptionSpec);
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
