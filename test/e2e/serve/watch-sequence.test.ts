/**
 * `serve --watch` re-reads only the entries the system names after a change.
 * After each change of a long sequence (edits, files added, removed and
 * renamed, a broken file and its fix, a rename of the case alone, a directory
 * and a link named like service files, an editor's save), what it serves is,
 * file by file, the site a fresh read of the folder emits; while the folder has
 * errors, it prints the problems a fresh read finds and keeps the last good site.
 */

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Io } from '../../../scripts/cli/io.js';
import { countBySeverity, printReport } from '../../../scripts/cli/report.js';
import { hasErrors } from '../../../scripts/core/diagnostics/diagnostic.js';
import { HOST_ONLY_PATHS, type Site } from '../../../scripts/core/model/site.js';
import { buildCloudflareWorker } from '../../../scripts/worker/build-worker.mjs';
import { servicesOf } from '../../helpers/core.js';
import { tempDir, writeTree } from '../../helpers/fs.js';
import { request } from '../../helpers/http.js';
import { installPageAssets, pageAssets } from '../../helpers/page.js';
import { loadCatalog } from '../../helpers/runner.js';
import { type ServeProcess, startWatching } from '../../helpers/serve.js';
import { emitSite } from '../../helpers/user-services-kind.js';
import { START, STEPS } from '../../helpers/watch-steps.js';

// The Worker the bundle carries, which the served site (from the bundled command line) holds and its manifest lists.
let bundledWorker: string | undefined;
const worker = (): string => {
  bundledWorker ??= buildCloudflareWorker();
  return bundledWorker;
};

// Each rebuild ends with exactly one of these lines.
const OUTCOME =
  /serve: (now serving the new site|the published site did not change|the change has errors; still serving the last good site)\n/;

let work: string;
let serve: ServeProcess;
let origin: string;
const printed: string[] = [];
const io: Io = {
  get cwd() {
    return work;
  },
  env: {},
  stdout: { write: (s: string) => printed.push(s) },
  stderr: { write: () => true },
};

/** What a fresh read of the folder gives: the site, or the problems serve prints instead. */
async function fresh(): Promise<{ site: Site | null; problems: string }> {
  const analysis = await loadCatalog('services', io);
  printed.length = 0;
  const summary = { command: 'serve', services: analysis.fileCount, ...countBySeverity(analysis), seconds: 0 };
  printReport({ diagnostics: analysis.diagnostics, summary }, 'text', io);
  const site = hasErrors(analysis.diagnostics)
    ? null
    : emitSite(servicesOf(analysis), { pretty: false, page: pageAssets(), cloudflareWorker: worker() });
  return { site, problems: printed.join('') };
}

/** The paths whose answer is not the expected site's file: different bytes, or not 404 for a path it lacks or keeps for hosts. */
async function differences(expected: Site, paths: ReadonlySet<string>): Promise<string[]> {
  const wrong: string[] = [];
  for (const path of paths) {
    const reply = await request(origin, `/${path}`);
    // The files for hosts (_headers, _redirects, ...) are published but never answered: 404, as on every host.
    const bytes = HOST_ONLY_PATHS.includes(path) ? undefined : expected.get(path);
    const right = bytes === undefined ? reply.status === 404 : reply.status === 200 && reply.body.equals(bytes);
    if (!right) wrong.push(`${path}: ${reply.status}`);
  }
  return wrong;
}

beforeAll(async () => {
  installPageAssets();
  work = writeTree(
    tempDir('user-services-watch-sequence-'),
    Object.fromEntries(Object.entries(START).map(([name, text]) => [`services/${name}`, text])),
  );
  ({ serve, origin } = await startWatching(work));
});

afterAll(async () => {
  serve.child.kill('SIGTERM');
  await serve.exited;
});

describe('serve --watch through a sequence of changes', () => {
  it('serves, after each, what a fresh read of the folder gives', async () => {
    const first = await fresh();
    let served = first.site as Site;
    const paths = new Set(served.keys());
    expect(await differences(served, paths)).toEqual([]);
    for (const step of STEPS) {
      const [errFrom, outFrom] = [serve.stderr().length, serve.stdout().length];
      step.apply(join(work, 'services'));
      const expected = await fresh();
      expect([step.name, expected.site === null]).toEqual([step.name, step.errors]);
      if (expected.site !== null) served = expected.site;
      for (const path of served.keys()) paths.add(path);
      // A burst the system split costs a rebuild more: what counts is the state after the last one.
      let from = errFrom;
      let wrong: string[] = ['no rebuild'];
      while (wrong.length > 0) {
        const outcome = await serve.waitFor(OUTCOME, from);
        from += (outcome.index ?? 0) + outcome[0].length;
        const problems = expected.site === null && !serve.stdout().slice(outFrom).endsWith(expected.problems);
        wrong = [...(problems ? ['the problems printed'] : []), ...(await differences(served, paths))];
        if (wrong.length > 0 && serve.stderr().slice(from) === '') await new Promise((r) => setTimeout(r, 300));
        if (wrong.length > 0 && serve.stderr().slice(from) === '') {
          expect([step.name, wrong, serve.stderr().slice(errFrom)]).toEqual([step.name, [], '']);
        }
      }
    }
  });
});
