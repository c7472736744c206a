/**
 * The catalog of a process that reads the services folder again on every
 * change (`serve`, `serve --watch`): the folder's entries stay in memory (see
 * `WatchedFolder`), each file's result stays with its entry, and after a change
 * only the entries named are read and only those whose content changed are
 * analyzed. An entry that did not change keeps its result, so its value (a
 * `Service`, ...) is the very same object from one analysis to the next (the emit steps reuse
 * what they made of it). The analysis is the one `loadCatalog` gives for the
 * folder: every file's result comes from `analyzeTexts`, the catalog from
 * the two halves of `combine` (`catalogProblems`, `settle`).
 */
import { resolve } from 'node:path';
import { MissingFolderError } from '../adapters/read-services.js';
import { type FolderChange, WatchedFolder } from '../adapters/watched-folder.js';
import { ThreadPlan } from '../adapters/workers.js';
import { type Analysis, catalogProblems, type FileResult, settle } from '../core/analysis/analyze.js';
import type { AnalyzedKind } from '../core/analysis/kind.js';
import type { Diagnostic } from '../core/diagnostics/diagnostic.js';
import type { Catalog } from '../core/kinds/catalog.js';
import { type Input, type InputFile, ignoredWarnings } from '../core/reading/input.js';
import type { RunnerContext as Io } from './runner.js';

/**
 * The catalog of `serve` and `serve --watch` (see the module's comment): `load`
 * reads the folder whole, `update(change)` reads again only the entries named.
 */
export class WatchedCatalog {
  private folder: WatchedFolder | null = null;
  private readonly results = new WeakMap<InputFile, FileResult>();
  /** The last analysis: its files' results, what the catalog rules said of them, and its valid objects. */
  private last: {
    readonly dir: string;
    readonly results: readonly FileResult[];
    readonly problems: readonly Diagnostic[];
    readonly catalog: Catalog;
  } | null = null;

  /** `servicesDir` as the user wrote it, relative to `io.cwd`; `kinds`, the kinds to read and analyze. */
  constructor(
    private readonly servicesDir: string,
    private readonly io: Io,
    private readonly kinds: readonly AnalyzedKind[],
  ) {}

  /** The analysis of the folder: read whole the first time, afterwards after `change`. */
  async analyze(change: FolderChange = 'all'): Promise<Analysis> {
    const threads = new ThreadPlan(null);
    try {
      const input = await this.read(change, threads);
      return await this.analyzeInput(input, threads);
    } catch (e) {
      await threads.close();
      // Name the folder as the user wrote it, not as resolved.
      if (e instanceof MissingFolderError) throw e.naming(this.servicesDir);
      throw e;
    }
  }

  /**
   * Waits until what the last analysis read has stayed as it was for a while
   * (see `WatchedFolder.unsettled`): null when it did, so that the analysis may
   * be used; otherwise what changed since, to analyze again.
   */
  async unsettled(): Promise<FolderChange | null> {
    return this.folder === null ? 'all' : this.folder.unsettled();
  }

  private async read(change: FolderChange, threads: ThreadPlan): Promise<Input> {
    if (this.folder !== null) return this.folder.update(change);
    const dir = resolve(this.io.cwd, this.servicesDir);
    // Every file will be analyzed: start the threads while the files are read.
    this.folder = await WatchedFolder.read(dir, this.io.cwd, this.kinds, (count) => threads.prestart(count));
    return this.folder.current();
  }

  private async analyzeInput(input: Input, threads: ThreadPlan): Promise<Analysis> {
    const misses = input.files.filter((f) => !this.results.has(f));
    const computed = await threads.analyze(misses, input.dir, this.kinds);
    for (const [i, file] of misses.entries()) this.results.set(file, computed[i] as FileResult);
    const results = input.files.map((f) => this.results.get(f) as FileResult);
    const problems = this.catalogProblems(input.dir, results);
    const analysis = settle(results, [...problems, ...ignoredWarnings(input)], this.kinds, this.last?.catalog);
    this.last = { dir: input.dir, results, problems, catalog: analysis.catalog };
    return analysis;
  }

  /**
   * What the catalog rules say, as `combine` asks them. They see each file's
   * path, instance, kind and outline alone, so when those are as before (an edit that
   * leaves the technical name where it was), so is their answer: on 10,000
   * services, asking them again cost 15 to 40 ms of every change.
   */
  private catalogProblems(dir: string, results: readonly FileResult[]): readonly Diagnostic[] {
    const last = this.last;
    if (last !== null && last.dir === dir && sameOutlines(last.results, results)) return last.problems;
    return catalogProblems(dir, results, this.kinds);
  }
}

function sameOutlines(a: readonly FileResult[], b: readonly FileResult[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i] as FileResult;
    const same = x.path === y.path && x.instance === y.instance && x.configKind === y.configKind;
    return x === y || (same && samePlain(x.outline, y.outline));
  });
}

/** Deep equality of plain data (objects, arrays, numbers, strings, booleans, null). */
function samePlain(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.hasOwn(b, k) && samePlain(a[k as keyof typeof a], b[k as keyof typeof b]));
}
