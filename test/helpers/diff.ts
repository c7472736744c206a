/** Builds the fixture catalogs of the diff tests into sites, as the command line does. */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffSites } from '../../scripts/core/diff/compare.js';
import type { SiteDiff } from '../../scripts/core/diff/types.js';
import { userServices } from '../../scripts/core/kinds/user-services/index.js';
import type { Site } from '../../scripts/core/model/site.js';
import { ROOT } from './cli.js';
import { analyzeTexts, refuseErrors } from './core.js';
import { pageAssets } from './page.js';
import { emitSite } from './user-services-kind.js';

export const DIFF_FIXTURES = join(ROOT, 'test/fixtures/diff');

/** Every file of a fixture catalog, by name. */
export function fixtureFiles(side: 'base' | 'head'): Record<string, string> {
  const dir = join(DIFF_FIXTURES, side);
  return Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
}

/** The site of in-memory files (name to text), as build emits it; throws naming the diagnostics on an error, not on warnings. */
export function siteOfFiles(files: Record<string, string>, dir = 'services'): Site {
  const analysis = analyzeTexts(files, dir);
  refuseErrors(`the catalog ${dir}`, analysis.diagnostics);
  return emitSite(analysis.services, { pretty: false, page: pageAssets() });
}

/** The diff between the two fixture catalogs, computed in this process. */
export const fixtureDiff = (): SiteDiff =>
  diffSites(siteOfFiles(fixtureFiles('base')), siteOfFiles(fixtureFiles('head')), [userServices]);
