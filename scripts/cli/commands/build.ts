import { resolve } from 'node:path';
import { claimOutputs } from '../../adapters/output-owner.js';
import { displayPath } from '../../adapters/read-services.js';
import { publishedFrom, writeSite } from '../../adapters/write-site.js';
import { CatalogRunner } from '../../app/runner.js';
import { hasErrors } from '../../core/diagnostic.js';
import { hostingFiles } from '../../core/hosting/index.js';
import type { Command } from '../command.js';
import { hostingFolder } from '../hosting.js';
import { catalogOptionSpec, formatOption, parseOptions, threadsOption } from '../options.js';
import { countBySeverity, printReport } from '../report.js';

export const build: Command = {
  summary: 'validate the service files and write the static API',
  usage:
    'user-services build [--services DIR] [--out DIR] [--hosting-out DIR] [--no-compress] [--format text|github|json] [--pretty] [--no-cache] [--threads N]',
  async run(args, io) {
    const { values } = parseOptions(args, {
      ...catalogOptionSpec,
      out: { type: 'string', default: 'dist' },
      pretty: { type: 'boolean', default: false },
      'hosting-out': { type: 'string' },
      'no-compress': { type: 'boolean', default: false },
    });
    const format = formatOption(values.format);
    const out = resolve(io.cwd, String(values.out));
    const hostingOut = hostingFolder(out, values['hosting-out'], io.cwd);
    const outputs = [
      { option: '--out', path: out },
      { option: '--hosting-out', path: hostingOut },
    ] as const;
    // Before anything is read or written: an output that is not the tool's is refused whole.
    claimOutputs(outputs, resolve(io.cwd, String(values.services)), io.cwd);
    const label = (i: 0 | 1) => ({ option: outputs[i].option, folder: displayPath(outputs[i].path, io.cwd) });
    const started = performance.now();
    const runner = new CatalogRunner(io);
    const useCache = values['no-cache'] !== true;
    const analysis = await runner.run(
      { folder: String(values.services) },
      { cache: useCache, threads: threadsOption(values.threads) },
    );
    const counts = { command: 'build', services: analysis.fileCount, ...countBySeverity(analysis) };
    const emitOptions = { pretty: values.pretty === true, compress: values['no-compress'] !== true };
    const source = `${analysis.key} ${JSON.stringify(emitOptions)}`;
    const emitAndWrite = async () => {
      const site = await runner.emitStored((await analysis.analysis()).services, emitOptions, useCache);
      return writeSite(out, site, { source, label: label(0) });
    };
    // A catalog with errors writes nothing: the published site stays as it was. One built from
    // the same input with the same options as the published site needs no emitting or writing.
    const files = hasErrors(analysis.diagnostics)
      ? undefined
      : ((await publishedFrom(out, source, label(0))) ?? (await emitAndWrite()));
    // The administrator's host files, beside the site; the summary counts the site's files.
    if (files !== undefined) await writeSite(hostingOut, hostingFiles(), { label: label(1) });
    const seconds = (performance.now() - started) / 1000;
    return printReport({ diagnostics: analysis.diagnostics, summary: { ...counts, files, seconds } }, format, io);
  },
};
