import { resolve } from 'node:path';
import { MissingFolderError } from '../../adapters/read-services.js';
import { createPreviewServer, type PreviewServer } from '../../adapters/server.js';
import { DEBOUNCE_MS, watchFolder } from '../../adapters/watch.js';
import type { FolderChange } from '../../adapters/watched-folder.js';
import { CatalogRunner } from '../../app/runner.js';
import type { WatchedCatalog } from '../../app/watched-catalog.js';
import { type Diagnostic, hasErrors } from '../../core/diagnostics/diagnostic.js';
import type { FormatName } from '../../core/diagnostics/format/index.js';
import { KINDS } from '../../core/kinds/index.js';
import type { ConfigKind } from '../../core/kinds/kind.js';
import { listRoot, type Site } from '../../core/model/site.js';
import { entryRole, kindFolders } from '../../core/reading/input.js';
import type { CatalogHistory } from '../../core/sync/history.js';
import type { Command } from '../command.js';
import { type Io, UsageError } from '../io.js';
import { listenFailure } from '../listen-failure.js';
import { FORMAT, type OptionDecl, SERVICES, usageOf } from '../option-decls.js';
import { formatOption, parseOptions } from '../options.js';
import { countBySeverity, filesRead, printReport } from '../report.js';
import { HISTORY, historyOf, historyOption } from '../sync-options.js';

export interface PreviewOptions {
  readonly services: string;
  readonly host: string;
  readonly port: number;
  readonly watch: boolean;
  readonly format: FormatName;
  /** How many commits the history covers (`--history N`; 0 or absent: none), read once when the server starts. */
  readonly historyLimit?: number;
  /** The history read. */
  readonly history?: CatalogHistory | null;
}

const OPTIONS: readonly OptionDecl[] = [
  SERVICES,
  {
    name: 'port',
    type: 'string',
    value: 'N',
    default: '8080',
    shownDefault: '`8080`',
    meaning: 'the port; `0` picks a free one',
  },
  {
    name: 'host',
    type: 'string',
    value: 'HOST',
    default: '127.0.0.1',
    shownDefault: '`127.0.0.1`',
    meaning: 'the address to listen on (`0.0.0.0` to be reachable from other machines)',
  },
  {
    name: 'watch',
    type: 'boolean',
    default: false,
    shownDefault: 'off',
    meaning: 'rebuild when an entry of the services folder changes',
  },
  { ...FORMAT, meaning: 'how problems are printed, as for `build`' },
  HISTORY,
];

export const serve: Command = {
  summary: 'serve the API from memory, with the filters of the spec, for previews and clients',
  usage: usageOf('serve', OPTIONS),
  options: OPTIONS,
  examples: ['user-services serve --watch', 'user-services serve --port 0 --host 0.0.0.0'],
  async run(args, io) {
    const { values } = parseOptions(args, OPTIONS);
    const options: PreviewOptions = {
      services: String(values.services),
      host: String(values.host),
      port: portOption(String(values.port)),
      watch: values.watch === true,
      format: formatOption(values.format),
      historyLimit: historyOption(values.history),
    };
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    // Nobody reads what it prints any more (`serve | head -1`): it stops as it would on a signal.
    io.closed?.addEventListener('abort', onSignal);
    try {
      return await preview(options, io, stop.signal);
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      io.closed?.removeEventListener('abort', onSignal);
    }
  },
};

function portOption(value: string): number {
  const port = /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) throw new UsageError(`--port must be a number from 0 to 65535, not "${value}"`);
  return port;
}

/**
 * Builds the site in memory and serves it until `signal` aborts or the server
 * closes; with `watch`, rebuilds on every change and swaps in each good site.
 */
export async function preview(given: PreviewOptions, io: Io, signal: AbortSignal): Promise<number> {
  const runner = new CatalogRunner(io);
  // The history of the commits, as build publishes it: read once, since serving changes no commit,
  // and what it says of them printed once, with the first build's report, as build prints it.
  const read = await historyOf(runner, given.services, io, given.historyLimit ?? 0);
  const options = { ...given, history: read.history };
  const catalog = await runner.watched(options.services);
  // Watched from before the first read, which takes seconds for a large catalog: a change made
  // meanwhile is not missed, it waits for the server.
  const watching = options.watch ? watchCatalog(runner, catalog, options, io) : undefined;
  try {
    let first = await buildInMemory(runner, catalog, 'all', options, io, read.notes);
    while ('again' in first) first = await buildInMemory(runner, catalog, first.again, options, io, read.notes);
    if (first.site === undefined) return 1;
    const server = createPreviewServer(first.site, KINDS);
    let url: string;
    try {
      const address = await server.listen(options.port, options.host);
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      // The list of the first kind: the one a reader of the API starts with.
      url = `http://${host}:${address.port}/${listRoot(KINDS[0] as ConfigKind)}/`;
    } catch (e) {
      // Another program on the port, or an address this machine cannot use: the command line must change.
      io.stderr.write(
        `user-services serve: ${listenFailure(e as NodeJS.ErrnoException, options.host, options.port)}\n`,
      );
      return 2;
    }
    io.stderr.write(`serve: listening on ${url}\n`);
    watching?.start(server, first.site);
    await Promise.race([server.closed, aborted(signal)]);
    watching?.close();
    await server.close();
    io.stderr.write('serve: stopped\n');
    return 0;
  } finally {
    watching?.close();
  }
}

/** A build whose files stayed as read (its site, or none when it has errors), or what changed while it ran. */
type Built = { readonly site: Site | undefined } | { readonly again: FolderChange };

/**
 * The site of the catalog, or undefined when it has errors, and the report
 * printed; but nothing printed and what changed returned when a file read for
 * it was still being written (see `WatchedFolder.unsettled`): a site is never
 * built from half a file. `notes` (the history's) are reported after the
 * catalog's problems and counted with them.
 */
async function buildInMemory(
  runner: CatalogRunner,
  catalog: WatchedCatalog,
  change: FolderChange,
  options: PreviewOptions,
  io: Io,
  notes: readonly Diagnostic[] = [],
): Promise<Built> {
  const started = performance.now();
  const analysis = await catalog.analyze(change);
  const site = hasErrors(analysis.diagnostics)
    ? undefined
    : await runner.emit(analysis.catalog, { pretty: false, history: options.history ?? null });
  const seconds = (performance.now() - started) / 1000;
  const again = await catalog.unsettled();
  if (again !== null) return { again };
  const diagnostics = [...analysis.diagnostics, ...notes];
  const read = await filesRead(analysis, () => runner.kindsToAnalyze());
  const summary = { command: 'serve', ...read, ...countBySeverity({ diagnostics }), seconds };
  printReport({ diagnostics, summary }, options.format, io);
  return { site };
}

/** Rebuilds on every change once `start` has given it the server; changes made before wait. */
function watchCatalog(runner: CatalogRunner, catalog: WatchedCatalog, options: PreviewOptions, io: Io) {
  let serving: (state: { server: PreviewServer; served: Site }) => void = () => {};
  const ready = new Promise<{ server: PreviewServer; served: Site }>((resolve) => {
    serving = resolve;
  });
  // Why the folder cannot be read (not found, a symbolic link, a file): said once, until it is back or changes.
  let gone: string | null = null;
  const watcher = watchFolder(resolve(io.cwd, options.services), {
    debounceMs: DEBOUNCE_MS,
    relevant: (name) => entryRole(name) !== 'hidden',
    subFolders: [...kindFolders(KINDS).keys()],
    onError: (e) => io.stderr.write(`serve: ${e.message}; still serving the last good site\n`),
    async onChange(change) {
      const state = await ready;
      let built: Built;
      try {
        built = await buildInMemory(runner, catalog, change, options, io);
      } catch (e) {
        if (!(e instanceof MissingFolderError)) throw e;
        if (gone !== e.message)
          io.stderr.write(`serve: ${e.message}; still serving the last good site until it is back\n`);
        gone = e.message;
        return;
      }
      gone = null;
      if ('again' in built) return built.again;
      const next = built.site;
      if (next === undefined) {
        io.stderr.write('serve: the change has errors; still serving the last good site\n');
      } else if (sameSite(next, state.served)) {
        io.stderr.write('serve: the published site did not change\n');
      } else {
        state.server.setSite(next);
        state.served = next;
        io.stderr.write('serve: now serving the new site\n');
      }
    },
  });
  return {
    start(server: PreviewServer, first: Site) {
      io.stderr.write(`serve: watching ${options.services} for changes\n`);
      serving({ server, served: first });
    },
    close() {
      watcher.close();
    },
  };
}

// Compared in place: copying the 17 MB of a site of 10,000 services took longer than comparing it.
const sameBytes = (a: Uint8Array | undefined, b: Uint8Array | undefined) =>
  a !== undefined && b !== undefined && (a === b || Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b));

function sameSite(a: Site, b: Site): boolean {
  if (a.size !== b.size) return false;
  for (const [path, bytes] of a) if (!sameBytes(bytes, b.get(path))) return false;
  return true;
}

const aborted = (signal: AbortSignal): Promise<void> =>
  signal.aborted ? Promise.resolve() : new Promise((done) => signal.addEventListener('abort', () => done()));
