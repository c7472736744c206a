/**
 * The body of an analysis thread: the first stage of the analysis (each file
 * on its own) for the files it is sent, as the kinds of the tool (`KINDS`) it
 * is sent the names of. Bundled on its own and started from a string (see
 * `scripts/bundle-speed.mjs`), so the command line stays one file.
 */
import { parentPort } from 'node:worker_threads';
import { analyzeTexts } from '../core/analysis/analyze.js';
import { KINDS } from '../core/kinds/index.js';
import type { AnalyzeJob } from './workers.js';

parentPort?.on('message', (job: AnalyzeJob) => {
  const kinds = KINDS.filter((k) => job.kinds.includes(k.name));
  const unknown = job.kinds.filter((name) => !kinds.some((k) => k.name === name));
  if (unknown.length > 0) parentPort?.postMessage({ error: `an analysis thread knows no kind ${unknown.join(', ')}` });
  else parentPort?.postMessage(analyzeTexts(job.files, job.dir, kinds));
});
