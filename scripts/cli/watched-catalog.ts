/**
 * The catalog of a process that reads the services folder again on every
 * change (`serve`, `serve --watch`): the folder's entries stay in memory (see
 * `WatchedFolder`), each file's result stays with its entry, and after a change
 * only the entries named are read and only those whose content changed are
 * analyzed. An entry that did not change keeps its result, so its `Service` is
 * the very same object from one analysis to the next (the emit steps reuse
 * what they made of it). The analysis is the one `loadCatalog` gives for the
 * folder: every file's result comes from `analyzeFiles`, the catalog from
 * `combine`.
 */
import { resolve } from 'node:path';
import { MissingFolderError } from '../adapters/read-services.js';
import { type FolderChange, WatchedFolder } from '../adapters/watched-folder.js';
import { ThreadPlan } from '../adapters/workers.js';
import { type Analysis, combine, type FileResult } from '../core/analyze.js';
import type { Input, InputFile } from '../core/input.js';
import type { Io } from './io.js';

export class WatchedCatalog {
  private folder: WatchedFolder | null = null;
  private readonly results = new WeakMap<InputFile, FileResult>();

  /** `servicesDir` as the user wrote it, relative to `io.cwd`. */
  constructor(
    private readonly servicesDir: string,
    private readonly io: Io,
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

  private async read(change: FolderChange, threads: ThreadPlan): Promise<Input> {
    if (this.folder !== null) return this.folder.update(change);
    const dir = resolve(this.io.cwd, this.servicesDir);
    // Every file will be analyzed: start the threads while the files are read.
    this.folder = await WatchedFolder.read(dir, this.io.cwd, (count) => threads.prestart(count));
    return this.folder.current();
  }

  private async analyzeInput(input: Input, threads: ThreadPlan): Promise<Analysis> {
    const misses = input.files.filter((f) => !this.results.has(f));
    const computed = await threads.analyze(misses, input.dir);
    for (const [i, file] of misses.entries()) this.results.set(file, computed[i] as FileResult);
    return combine(
      input.dir,
      input.files.map((f) => this.results.get(f) as FileResult),
    );
  }
}
