/**
 * The body of an analysis thread: the first stage of the analysis (each file
 * on its own) for the files it is sent. Bundled on its own and started from a
 * string (see `scripts/bundle-speed.mjs`), so the command line stays one file.
 */
import { parentPort } from 'node:worker_threads';
import { analyzeTexts } from '../core/analysis/analyze.js';
import type { InputFile } from '../core/reading/input.js';

parentPort?.on('message', (job: { files: InputFile[]; dir: string }) => {
  parentPort?.postMessage(analyzeTexts(job.files, job.dir));
});
