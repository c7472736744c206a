import { resolve } from 'node:path';
import { writeSite } from '../../adapters/write-site.js';
import { hasErrors } from '../../core/diagnostic.js';
import { emitSite } from '../../core/emit/index.js';
import { loadCatalog } from '../catalog.js';
import type { Command } from '../command.js';
import { formatOption, formatOptionSpec, parseOptions, servicesOption } from '../options.js';
import { countBySeverity, printReport } from '../report.js';

export const build: Command = {
  summary: 'validate the service files and write the static API',
  usage: 'user-services build [--services DIR] [--out DIR] [--format text|github|json] [--pretty]',
  async run(args, io) {
    const { values } = parseOptions(args, {
      ...servicesOption,
      ...formatOptionSpec,
      out: { type: 'string', default: 'dist' },
      pretty: { type: 'boolean', default: false },
    });
    const format = formatOption(values.format);
    const started = performance.now();
    const analysis = await loadCatalog(String(values.services), io);
    const counts = { command: 'build', services: analysis.fileCount, ...countBySeverity(analysis) };
    // A catalog with errors writes nothing: the published site stays as it was.
    const files = hasErrors(analysis.diagnostics)
      ? undefined
      : await writeSite(
          resolve(io.cwd, String(values.out)),
          emitSite(analysis.services, { pretty: values.pretty === true }),
        );
    const seconds = (performance.now() - started) / 1000;
    return printReport({ diagnostics: analysis.diagnostics, summary: { ...counts, files, seconds } }, format, io);
  },
};
