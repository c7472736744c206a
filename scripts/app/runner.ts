/**
 * The one analysis driver of the command line: every command that reads a
 * catalog (`build`, `check`, both sides of `diff`, `serve`, `serve --watch`)
 * goes through a `CatalogRunner`. It owns the cache policy (where the cache is,
 * when a folder's listing answers, which files are parsed again), the threads,
 * the watched folder's kept results and the emit memo; the core's two stages
 * (`analyzeTexts`, `combine`) and its emit steps know nothing of any of these.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AnalysisCache } from '../adapters/cache.js';
import { StoredMemo } from '../adapters/compressed-store.js';
import { readServicesAtRevision } from '../adapters/git.js';
import { MissingFolderError, readServices } from '../adapters/read-services.js';
import { statServices } from '../adapters/stat-services.js';
import type { Analysis } from '../core/analysis/analyze.js';
import type { EmitOptions } from '../core/emit/step.js';
import type { Catalog } from '../core/kinds/catalog.js';
import type { ConfigKind } from '../core/kinds/kind.js';
import type { Site } from '../core/model/site.js';
import type { Input } from '../core/reading/input.js';
import { bundledPageAssets } from '../page/assets.js';
import { bundledCloudflareWorker } from '../worker/assets.js';
import type { CatalogRun } from './cached-analysis.js';
import { KeptEmitMemo } from './emit-memo.js';
import { identity } from './identity.js';
import type { WatchedCatalog } from './watched-catalog.js';

/** What the bundle carries for the emit: the page's assets and the Cloudflare Pages Worker (none from source). */
const bundledAssets = () => ({ page: bundledPageAssets(), cloudflareWorker: bundledCloudflareWorker() });

export type { CatalogRun } from './cached-analysis.js';

/** What the runner may know of the process: its working directory and environment (git reads it). */
export interface RunnerContext {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * Where a catalog comes from: a services folder (as the user wrote it,
 * relative to the working directory), that folder as a git revision holds it,
 * or an input already in memory.
 */
export type CatalogSource =
  | { readonly folder: string }
  | { readonly folder: string; readonly revision: string }
  | { readonly input: Input };

export interface RunOptions {
  /** Use and update the results kept from earlier runs (only for a folder read from disk). */
  readonly cache: boolean;
  /** Threads for the analysis of files; null: chosen by the size of the work. */
  readonly threads: number | null;
}

/** No cache, threads as the work asks: what `diff` and `serve` use. */
export const NO_CACHE: RunOptions = { cache: false, threads: null };

/** How to emit a site, as a command asks (the page's assets are the runner's to add). */
export type SiteOptions = Omit<EmitOptions, 'page'>;

/**
 * The one analysis driver: `run(source, options)` reads a folder, a git
 * revision or an input in memory and analyzes it (with the cache and threads as
 * `options` say), `emit` turns an analysis into a site with this runner's emit
 * memo. Used by build, check, both sides of diff, and serve.
 */
export class CatalogRunner {
  /** Kept across this runner's emits: `serve --watch` emits again after each change. */
  private readonly memo = new KeptEmitMemo();

  /**
   * `kinds`: the kinds of configuration object to read and analyze; absent,
   * the tool's (`KINDS`), loaded with the analysis only when files are
   * analyzed.
   */
  constructor(
    private readonly context: RunnerContext,
    private readonly kinds?: readonly ConfigKind[],
  ) {}

  /**
   * The analysis of one catalog. Throws `MissingFolderError` (naming the folder
   * as given) when a folder cannot be read, `GitRevisionError` when a revision
   * or its folder does not exist; every problem of the files themselves is a
   * diagnostic of the run.
   */
  async run(source: CatalogSource, options: RunOptions = NO_CACHE): Promise<CatalogRun> {
    if ('input' in source) return this.analyze(async () => source.input, null, options.threads);
    const { cwd, env } = this.context;
    if ('revision' in source) {
      return this.analyze(
        async () => readServicesAtRevision(source.revision, source.folder, cwd, env, await this.kindsToAnalyze()),
        null,
        options.threads,
      );
    }
    try {
      return await this.runFolder(resolve(cwd, source.folder), options);
    } catch (e) {
      // Name the folder as the user wrote it, not as resolved.
      if (e instanceof MissingFolderError) throw e.naming(source.folder);
      throw e;
    }
  }

  /**
   * The analysis of a folder kept in memory and read again after each change
   * (`serve`, `serve --watch`): see watched-catalog.ts. Loaded only here, with
   * the parser it needs.
   */
  async watched(folder: string): Promise<WatchedCatalog> {
    const { WatchedCatalog } = await import('./watched-catalog.js');
    return new WatchedCatalog(folder, this.context, await this.kindsToAnalyze());
  }

  /**
   * The site of a catalog (an analysis's, of this runner's kinds), with the
   * page's assets of the bundle (none from source), emitted with this runner's
   * memo. Pure but for the memo: the same catalog and options give the same bytes.
   */
  async emit(catalog: Catalog, options: SiteOptions): Promise<Site> {
    // Loaded only here: a build that changes nothing never needs the emit steps.
    const { emitCatalog } = await import('../core/emit/index.js');
    return emitCatalog(catalog, await this.kindsToAnalyze(), { ...options, ...bundledAssets() }, this.memo);
  }

  /** The same, with compressed copies kept in the cache's store across builds (`useCache`). */
  async emitStored(catalog: Catalog, options: SiteOptions, useCache: boolean): Promise<Site> {
    const folder = useCache ? cacheFolder(this.context.cwd) : null;
    const store = folder === null ? undefined : StoredMemo.open(folder, identity);
    const { emitCatalog } = await import('../core/emit/index.js');
    const kinds = await this.kindsToAnalyze();
    const site = emitCatalog(catalog, kinds, { ...options, ...bundledAssets() }, new KeptEmitMemo(store));
    store?.save();
    return site;
  }

  /**
   * Only the API files of a catalog (what `diff` compares: see
   * `emitCatalogApiFiles`), with a memo of its own per call.
   */
  async emitApiFiles(catalog: Catalog): Promise<Site> {
    const { emitCatalogApiFiles } = await import('../core/emit/index.js');
    return emitCatalogApiFiles(catalog, await this.kindsToAnalyze());
  }

  /** The kinds given, or the tool's, loaded only now: a run the cache answers never needs their rules. */
  async kindsToAnalyze(): Promise<readonly ConfigKind[]> {
    return this.kinds ?? (await import('../core/kinds/index.js')).KINDS;
  }

  private async runFolder(dir: string, options: RunOptions): Promise<CatalogRun> {
    const folder = options.cache ? cacheFolder(this.context.cwd) : null;
    const cache = folder === null ? null : new AnalysisCache(folder, identity);
    const read = async (prestart?: (count: number) => void) =>
      readServices(dir, this.context.cwd, await this.kindsToAnalyze(), prestart);
    // Nothing changed since the last run, as lstat tells: its answer, without reading a file.
    const listing = cache === null ? null : statServices(dir, this.context.cwd);
    const known = listing === null ? undefined : cache?.catalogByListing(listing);
    if (known === undefined) return this.analyze(read, cache, options.threads, listing);
    let full: Promise<Analysis> | undefined;
    const analysis = () => {
      full ??= this.analyze(read, cache, options.threads).then((run) => run.analysis());
      return full;
    };
    const { key, diagnostics, fileCount, filesByKind } = known;
    return { key, diagnostics, fileCount, filesByKind, analysis };
  }

  /** Reads (`read`, which may start threads ahead of need) and analyzes, with the cache when there is one. */
  private async analyze(
    read: (prestart?: (count: number) => void) => Promise<Input>,
    cache: AnalysisCache | null,
    threadCount: number | null,
    listing: string | null = null,
  ): Promise<CatalogRun> {
    const { runCatalog, ThreadPlan } = await analysisModules();
    const threads = new ThreadPlan(threadCount);
    try {
      // Without kept results every file will be analyzed: start the threads while the files are read.
      const prestart = cache === null || !cache.hasFiles() ? (count: number) => threads.prestart(count) : undefined;
      return await runCatalog(await read(prestart), cache, threads, await this.kindsToAnalyze(), listing);
    } catch (e) {
      await threads.close();
      throw e;
    }
  }
}

/** The cache's folder from the folder of the nearest `package.json`. */
export const CACHE_FOLDER = 'node_modules/.cache/user-services';

/**
 * Where results are kept between runs, by the convention of Node tools:
 * `node_modules/.cache/user-services` beside the nearest `package.json` at or
 * above `cwd` (an absolute path); null without one: no cache.
 */
export function cacheFolder(cwd: string): string | null {
  for (let dir = cwd; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, CACHE_FOLDER);
    if (dirname(dir) === dir) return null;
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
