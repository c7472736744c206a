import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AnalysisCache } from '../adapters/cache.js';
import { StoredMemo } from '../adapters/emit-memo.js';
import { MissingFolderError, readServices } from '../adapters/read-services.js';
import { statServices } from '../adapters/stat-services.js';
import type { Analysis } from '../core/analyze.js';
import type { CatalogRun } from './cached-analysis.js';
import { identity } from './identity.js';
import type { Io } from './io.js';

/**
 * Reads and validates the services folder, without the cache: what `diff` compares
 * (`build` and `check` use `loadCatalogRun`, `serve` its own `watched-catalog.ts`).
 */
export async function loadCatalog(servicesDir: string, io: Io): Promise<Analysis> {
  try {
    const input = await readServices(resolve(io.cwd, servicesDir), io.cwd);
    const { runCatalog, ThreadPlan } = await analysisModules();
    return await (await runCatalog(input, null, new ThreadPlan(null))).analysis();
  } catch (e) {
    // Name the folder as the user wrote it, not as resolved.
    if (e instanceof MissingFolderError) throw e.naming(servicesDir);
    throw e;
  }
}

/**
 * Where results are kept between runs, by the convention of Node tools:
 * `node_modules/.cache/user-services` beside the nearest `package.json` above
 * the working directory; without one, no cache.
 */
export function cacheFolder(io: Io): string | null {
  for (let dir = io.cwd; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'node_modules', '.cache', 'user-services');
    if (dirname(dir) === dir) return null;
  }
}

export interface RunOptions {
  /** Use and update the results kept from earlier runs. */
  readonly cache: boolean;
  /** Threads for the analysis of files; null: chosen by the size of the work. */
  readonly threads: number | null;
}

/** Like `loadCatalog`, using the cache so that unchanged files are not parsed again, and threads. */
export async function loadCatalogRun(servicesDir: string, io: Io, options: RunOptions): Promise<CatalogRun> {
  const folder = options.cache ? cacheFolder(io) : null;
  const cache = folder === null ? null : new AnalysisCache(folder, identity);
  const dir = resolve(io.cwd, servicesDir);
  try {
    // Nothing changed since the last run, as lstat tells: its answer, without reading a file.
    const listing = cache === null ? null : statServices(dir, io.cwd);
    const known = listing === null ? undefined : cache?.catalogByListing(listing);
    if (known !== undefined) {
      let full: Promise<Analysis> | undefined;
      const analysis = () => {
        full ??= readAndAnalyze(dir, io, cache, options.threads).then((run) => run.analysis());
        return full;
      };
      return { key: known.key, diagnostics: known.diagnostics, fileCount: known.fileCount, analysis };
    }
    return await readAndAnalyze(dir, io, cache, options.threads, listing);
  } catch (e) {
    if (e instanceof MissingFolderError) throw e.naming(servicesDir);
    throw e;
  }
}

async function readAndAnalyze(
  dir: string,
  io: Io,
  cache: AnalysisCache | null,
  threadCount: number | null,
  listing: string | null = null,
): Promise<CatalogRun> {
  const { runCatalog, ThreadPlan } = await analysisModules();
  const threads = new ThreadPlan(threadCount);
  try {
    // Without kept results every file will be analyzed: start the threads while the files are read.
    const prestart = cache === null || !cache.hasFiles() ? (count: number) => threads.prestart(count) : undefined;
    return await runCatalog(await readServices(dir, io.cwd, prestart), cache, threads, listing);
  } catch (e) {
    await threads.close();
    throw e;
  }
}

/**
 * The parser, the validator and the threads, loaded only when files are to be
 * analyzed: a run that the cache answers never needs them (see scripts/bundle.mjs).
 */
async function analysisModules() {
  const [{ runCatalog }, { ThreadPlan }] = await Promise.all([
    import('./cached-analysis.js'),
    import('../adapters/workers.js'),
  ]);
  return { runCatalog, ThreadPlan };
}

/** The memo of compressed copies kept with the cache, or none without a cache. */
export function openEmitMemo(io: Io, useCache: boolean): StoredMemo | undefined {
  const folder = useCache ? cacheFolder(io) : null;
  return folder === null ? undefined : StoredMemo.open(folder, identity);
}
