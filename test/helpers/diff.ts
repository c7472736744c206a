/** Builds the fixture catalogs of the diff tests into sites, as the command line does. */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../scripts/core/analysis/analyze.js';
import { diffSites } from '../../scripts/core/diff/compare.js';
import type { SiteDiff } from '../../scripts/core/diff/types.js';
import { emitSite } from '../../scripts/core/emit/index.js';
import type { Site } from '../../scripts/core/model/site.js';
import { ROOT } from './cli.js';
import { pageAssets } from './page.js';

export const DIFF_FIXTURES = join(ROOT, 'test/fixtures/diff');

/** Every file of a fixture catalog, by name. */
export function fixtureFiles(side: 'base' | 'head'): Record<string, string> {
  const dir = join(DIFF_FIXTURES, side);
  return Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
}

export function siteOfFiles(files: Record<string, string>, dir = 'services'): Site {
  const encoder = new TextEncoder();
  const input = Object.entries(files).map(([name, text]) => ({
    kind: 'file' as const,
    path: `${dir}/${name}`,
    bytes: encoder.encode(text),
  }));
  const analysis = analyze({ dir, files: input });
  // The fixtures' made-up technical names ("Alpha") are unknown to BroadWorks, which changes nothing a diff reads.
  const problems = analysis.diagnostics.filter((d) => d.code !== 'unknown-service-name');
  if (problems.length > 0) throw new Error(`fixture has problems: ${JSON.stringify(problems)}`);
  return emitSite(analysis.services, { pretty: false, page: pageAssets() });
}

/** The diff between the two fixture catalogs, computed in this process. */
export const fixtureDiff = (): SiteDiff =>
  diffSites(siteOfFiles(fixtureFiles('base')), siteOfFiles(fixtureFiles('head')));
