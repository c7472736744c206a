import { loadCatalog } from '../catalog.js';
import type { Command } from '../command.js';
import { formatOption, formatOptionSpec, parseOptions, servicesOption } from '../options.js';
import { countBySeverity, printReport } from '../report.js';

export const check: Command = {
  summary: 'validate the service files and write nothing',
  usage: 'user-services check [--services DIR] [--format text|github|json]',
  async run(args, io) {
    const { values } = parseOptions(args, { ...servicesOption, ...formatOptionSpec });
    const format = formatOption(values.format);
    const started = performance.now();
    const analysis = await loadCatalog(String(values.services), io);
    const seconds = (performance.now() - started) / 1000;
    const summary = { command: 'check', services: analysis.fileCount, ...countBySeverity(analysis), seconds };
    return printReport({ diagnostics: analysis.diagnostics, summary }, format, io);
  },
};
