import { resolve } from 'node:path';
import { writeSite } from '../../adapters/write-site.js';
import { hasErrors } from '../../core/diagnostic.js';
import { emitSite } from '../../core/emit/index.js';
import { hostingFiles } from '../../core/hosting/index.js';
import { loadCatalog } from '../catalog.js';
import type { Command } from '../command.js';
import { hostingFolder } from '../hosting.js';
import { formatOption, formatOptionSpec, parseOptions, servicesOption } from '../options.js';
import { countBySeverity, printReport } from '../report.js';

export const build: Command = {
  summary: 'validate the service files and write the static API',
  usage:
    'user-services build [--services DIR] [--out DIR] [--hosting-out DIR] [--no-compress] [--format text|github|json] [--pretty]',
  async run(args, io) {
    const { values } = parseOptions(args, {
      ...servicesOption,
      ...formatOptionSpec,
      out: { type: 'string', default: 'dist' },
      pretty: { type: 'boolean', default: false },
      'hosting-out': { type: 'string' },
      'no-compress': { type: 'boolean', default: false },
    });
    const format = formatOption(values.format);
    const out = resolve(io.cwd, String(values.out));
    const hostingOut = hostingFolder(out, values['hosting-out'], io.cwd);
    const started = performance.now();
    const analysis = await loadCatalog(String(values.services), io);
    const counts = { command: 'build', services: analysis.fileCount, ...countBySeverity(analysis) };
    // A catalog with errors writes nothing: the published site stays as it was.
    const files = hasErrors(analysis.diagnostics)
      ? undefined
      : await writeSite(
          out,
          emitSite(analysis.services, { pretty: values.pretty === true, compress: values['no-compress'] !== true }),
        );
    // The administrator's host files, beside the site; the summary counts the site's files.
    if (files !== undefined) await writeSite(hostingOut, hostingFiles());
    const seconds = (performance.now() - started) / 1000;
    return printReport({ diagnostics: analysis.diagnostics, summary: { ...counts, files, seconds } }, format, io);
  },
};
