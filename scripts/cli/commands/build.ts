import { isAbsolute, resolve } from 'node:path';
import { claimOutputs, shownPath } from '../../adapters/output-claims.js';
import { OutputRefusedError } from '../../adapters/output-errors.js';
import { publishedLifecycle } from '../../adapters/published-lifecycle.js';
import { publishedFrom, type WriteOptions, writeSite } from '../../adapters/write-site.js';
import { CatalogRunner, cacheFolder } from '../../app/runner.js';
import { type Diagnostic, error, hasErrors } from '../../core/diagnostics/diagnostic.js';
import type { FormatName } from '../../core/diagnostics/format/index.js';
import type { Summary } from '../../core/diagnostics/format/types.js';
import { cloudfrontSizeWarnings } from '../../core/hosting/cloudfront-size.js';
import { hostingFiles } from '../../core/hosting/index.js';
import { KINDS } from '../../core/kinds/index.js';
import type { Command } from '../command.js';
import { HOSTING, hostingFolder } from '../hosting.js';
import type { Io } from '../io.js';
import { FORMAT, NO_CACHE, type OptionDecl, SERVICES, THREADS, usageOf } from '../option-decls.js';
import { formatOption, parseOptions, threadsOption } from '../options.js';
import { countBySeverity, filesRead, printReport } from '../report.js';
import { historyOption, SYNC_OPTIONS, signingKeyOption, syncSettings } from '../sync-options.js';

/** Where `build` publishes the site by default, from the working directory. */
export const DEFAULT_OUT = 'dist';

const OPTIONS: readonly OptionDecl[] = [
  SERVICES,
  {
    name: 'out',
    type: 'string',
    value: 'DIR',
    default: DEFAULT_OUT,
    shownDefault: `\`${DEFAULT_OUT}\``,
    meaning: 'where `build` publishes the site',
  },
  {
    name: 'hosting-out',
    type: 'string',
    value: 'DIR',
    shownDefault: `\`${HOSTING}\` beside the site`,
    meaning: 'where `build` writes the files administrators install ([Hosting](#hosting))',
  },
  {
    name: 'no-compress',
    type: 'boolean',
    default: false,
    shownDefault: 'off',
    meaning: 'no `.gz` and `.br` copies (for hosts that compress by themselves)',
  },
  FORMAT,
  { name: 'pretty', type: 'boolean', default: false, shownDefault: 'off', meaning: 'indent the JSON files' },
  NO_CACHE,
  THREADS,
  ...SYNC_OPTIONS,
];

export const build: Command = {
  summary: 'validate the service files and write the static API',
  usage: usageOf('build', OPTIONS),
  options: OPTIONS,
  examples: ['user-services build', 'user-services build --out site --no-compress --format github'],
  async run(args, io) {
    const { values } = parseOptions(args, OPTIONS);
    const format = formatOption(values.format);
    const historyLimit = historyOption(values.history);
    const signingKey = await signingKeyOption(values, io);
    const out = resolve(io.cwd, String(values.out));
    const hostingOut = hostingFolder(out, values['hosting-out'], io.cwd);
    const outputs = [
      { option: '--out', path: out, absolute: isAbsolute(String(values.out)) },
      {
        option: '--hosting-out',
        path: hostingOut,
        absolute: isAbsolute(String(values['hosting-out'] ?? values.out)),
      },
    ] as const;
    const started = performance.now();
    const counts: Omit<Summary, 'seconds'> & { services: number } = {
      command: 'build',
      services: 0,
      errors: 0,
      warnings: 0,
    };
    try {
      // Before anything is read or written: an output that is not the tool's is refused whole.
      const services = resolve(io.cwd, String(values.services));
      const useCache = values['no-cache'] !== true;
      claimOutputs(outputs, { services, cwd: io.cwd, cache: useCache ? cacheFolder(io.cwd) : null });
      const label = (i: 0 | 1) => ({
        option: outputs[i].option,
        folder: shownPath(outputs[i].path, io.cwd, outputs[i].absolute),
      });
      const notes = format === 'json' ? () => {} : (line: string) => io.stderr.write(`build: ${line}\n`);
      const writing = { cwd: io.cwd, onWait: (lock: string) => notes(waiting(lock)) };
      // The input's time: a build that read its input before the published one's never replaces it.
      const readAt = Date.now();
      const runner = new CatalogRunner(io);
      const analysis = await runner.run(
        { folder: String(values.services) },
        { cache: useCache, threads: threadsOption(values.threads) },
      );
      const failed = hasErrors(analysis.diagnostics);
      // The history and the key decide the site too; read only for a catalog that builds.
      const sync = failed ? null : await syncSettings(runner, String(values.services), io, historyLimit, signingKey);
      const diagnostics = [...analysis.diagnostics, ...(sync?.notes ?? [])];
      const read = await filesRead(analysis, () => runner.kindsToAnalyze());
      Object.assign(counts, { ...read, ...countBySeverity({ diagnostics }) });
      const settings = { pretty: values.pretty === true, compress: values['no-compress'] !== true };
      const emitOptions = { ...settings, history: sync?.history ?? null, signingKey: sync?.signingKey ?? null };
      const source = `${analysis.key} ${JSON.stringify(settings)} ${sync?.key ?? ''}`;
      const emitAndWrite = async () => {
        const site = await runner.emitStored((await analysis.analysis()).catalog, emitOptions, useCache);
        return writeSite(out, site, { ...writing, source, label: label(0), readAt } satisfies WriteOptions);
      };
      // A catalog with errors writes nothing: the published site stays as it was. One built from
      // the same input with the same options as the published site needs no emitting or writing.
      const files = failed ? undefined : ((await publishedFrom(out, source, label(0))) ?? (await emitAndWrite()));
      if (files?.superseded) notes(SUPERSEDED);
      // The administrator's host files, beside the site; the summary counts the site's files.
      if (files !== undefined) {
        const lifecycle = await publishedLifecycle(out, KINDS);
        const hosting = hostingFiles(KINDS, lifecycle);
        await writeSite(hostingOut, hosting, { ...writing, label: label(1) });
        diagnostics.push(...cloudfrontSizeWarnings(hosting, KINDS, lifecycle, label(1).folder));
        Object.assign(counts, countBySeverity({ diagnostics }));
      }
      const seconds = (performance.now() - started) / 1000;
      const summary = { ...counts, files: files && countsOf(files), seconds };
      return printReport({ diagnostics, summary }, format, io);
    } catch (e) {
      if (!(e instanceof OutputRefusedError) || format === 'text') throw e;
      // Located at the folder as the user named it.
      const given = e.args.option === '--out' ? values.out : values['hosting-out'];
      const file = typeof given === 'string' ? given : e.args.folder;
      return printRefusal(e, file, format, io, { ...counts, seconds: (performance.now() - started) / 1000 });
    }
  },
};

const waiting = (lock: string) =>
  `waiting for another build, which holds ${lock}; this one goes on when that one ends (a lock left by a build that died is taken over)`;

const SUPERSEDED =
  'a build of input read after this one published meanwhile; this build wrote nothing, so the newer site stays';

const countsOf = ({ written, unchanged, removed }: { written: number; unchanged: number; removed: number }) => ({
  written,
  unchanged,
  removed,
});

/**
 * A refused output as the one diagnostic of a report in a machine format
 * (json, github): located at the folder as the user named it, line 1,
 * column 1. Exit status 2.
 */
function printRefusal(
  e: OutputRefusedError,
  file: string,
  format: FormatName,
  io: Io,
  summary: Summary & { services: number },
): number {
  const at = { file, line: 1, column: 1 };
  const diagnostic = error(e.code, at, e.args as never) as Diagnostic;
  printReport({ diagnostics: [diagnostic], summary: { ...summary, errors: summary.errors + 1 } }, format, io);
  return 2;
}
