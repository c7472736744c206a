/**
 * Spreads the first stage of the analysis (each file on its own) over threads:
 * the files are cut into as many runs of neighbours as there are threads; this
 * thread analyzes the first run itself while the others work. The results are
 * the same whatever the number of threads, because what the first stage says
 * of a file depends on that file alone.
 *
 * Threads exist only in the bundled command line, which carries the thread's
 * code as a string; from source (the unit tests) everything runs here.
 */
import { availableParallelism, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { analyzeTexts, type FileResult } from '../core/analysis/analyze.js';
import type { AnalyzedKind } from '../core/analysis/kind.js';
import type { InputFile } from '../core/reading/input.js';

declare const __ANALYZE_WORKER__: string | undefined;
const WORKER_SOURCE = typeof __ANALYZE_WORKER__ === 'string' ? __ANALYZE_WORKER__ : null;

/** Below this many files to analyze, starting a thread costs more than it saves (measured by npm run bench). */
export const MIN_FILES_FOR_THREADS = 1500;

/**
 * How many threads to use: the number asked for; by default, for large
 * catalogs, a second one when a core is idle (a second thread on a machine
 * already busy only adds the cost of starting it).
 */
export function threadCount(asked: number | null, files: number): number {
  if (WORKER_SOURCE === null || files < 2) return 1;
  if (asked !== null) return Math.max(1, Math.min(asked, files));
  const idle = availableParallelism() - (loadavg()[0] ?? 0);
  return files >= MIN_FILES_FOR_THREADS && idle >= 1 ? 2 : 1;
}

/** Threads started ahead of need, so that their start overlaps the reading of the files. */
export class AnalysisThreads {
  private readonly workers: Worker[];

  constructor(count: number) {
    this.workers = WORKER_SOURCE === null ? [] : Array.from({ length: count - 1 }, () => startWorker());
  }

  /**
   * The first stage for `files` of `kinds`. A thread knows the tool's kinds
   * (`KINDS`) alone and is sent their names: it fails (and so does this) on a
   * name it does not know.
   */
  async analyze(files: readonly InputFile[], dir: string, kinds: readonly AnalyzedKind[]): Promise<FileResult[]> {
    const parts = this.workers.length + 1;
    const size = Math.ceil(files.length / parts);
    const job = (i: number): AnalyzeJob => ({
      files: files.slice(i * size, (i + 1) * size),
      dir,
      kinds: kinds.map((k) => k.name),
    });
    const jobs = this.workers.map((worker, i) => run(worker, job(i + 1)));
    try {
      const own = analyzeTexts(files.slice(0, size), dir, kinds);
      return [...own, ...(await Promise.all(jobs)).flat()];
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

function startWorker(): Worker {
  const worker = new Worker(WORKER_SOURCE as string, { eval: true });
  // A thread never keeps the command line alive.
  worker.unref();
  return worker;
}

/** What a thread is sent: files to analyze, their folder, and the names of the kinds to analyze them as. */
export interface AnalyzeJob {
  readonly files: readonly InputFile[];
  readonly dir: string;
  readonly kinds: readonly string[];
}

function run(worker: Worker, job: AnalyzeJob): Promise<FileResult[]> {
  if (job.files.length === 0) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    // Referenced while it works, so that the process waits for its answer.
    worker.ref();
    worker.once('message', (results: FileResult[] | { error: string }) => {
      worker.unref();
      if (Array.isArray(results)) resolve(results);
      else reject(new Error(results.error));
    });
    worker.once('error', reject);
    worker.postMessage(job);
  });
}

/** When and how many threads a run uses; threads may start before the files are read. */
export class ThreadPlan {
  private started: AnalysisThreads | null = null;

  constructor(private readonly asked: number | null) {}

  /** Starts threads now for this many files, when they are worth it; they wait for `analyze`. */
  prestart(files: number): void {
    const count = threadCount(this.asked, files);
    if (count > 1 && this.started === null) this.started = new AnalysisThreads(count);
  }

  /** The first stage of the analysis for these files of `kinds`, on threads when worth it. */
  async analyze(files: readonly InputFile[], dir: string, kinds: readonly AnalyzedKind[]): Promise<FileResult[]> {
    const count = threadCount(this.asked, files.length);
    const threads = this.started ?? (count > 1 ? new AnalysisThreads(count) : null);
    this.started = null;
    return threads === null ? analyzeTexts(files, dir, kinds) : threads.analyze(files, dir, kinds);
  }

  /** Stops threads started ahead of need that were not needed after all. */
  async close(): Promise<void> {
    await this.started?.close();
    this.started = null;
  }
}
