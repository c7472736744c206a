/**
 * The catalog the behaviour tests build: `test/fixtures/catalog/services/`,
 * made for the tests and under their control, so that operators' changes to
 * the shipped catalog in `services/` never change what a behaviour test sees.
 *
 * What it holds, each checked by fixture-catalog.test.ts: every one of the 15
 * filters non-empty and each different; services no more assignable; add_data
 * nested, with keys out of alphabetical order and integer-like keys; names and
 * descriptions beyond ASCII and with the characters HTML escapes; a `.yml`
 * file; an instance name that is not derived from its technical name
 * (`BLF_v2`); technical names whose code-point order is not the locale's
 * (`eFax Messaging`, `Ärztlicher Notruf`); and one description of 1024
 * characters (1176 bytes), in every filter, so that the list, every filter and
 * that one instance pass the 1 KiB threshold of the precompressed copies while
 * the other instances stay below it. Two of the services no more assignable
 * carry a deprecation (`eFax Messaging`: dates, reason, note and sunset;
 * `Voice Portal Calling`: a successor, no sunset), and one service was
 * renamed twice (`call-park`, previously `call-park-retrieve` and
 * `Park_Orbit`).
 */

import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { readServices } from '../../scripts/adapters/read-services.js';
import { KINDS } from '../../scripts/core/kinds/index.js';
import type { Service } from '../../scripts/core/model/service.js';
import { ROOT } from './cli.js';
import { analyzeInput, refuseErrors } from './core.js';

/** The fixture's services folder. */
export const FIXTURE_SERVICES = join(ROOT, 'test/fixtures/catalog/services');

/** How many services the fixture holds. */
export const FIXTURE_COUNT = 17;

/** How many of them are no more assignable. */
export const FIXTURE_NO_MORE_ASSIGNABLE = 3;

/** The deprecated instances, each with the headers its instance URL sends (serving/lifecycle.ts). */
export const FIXTURE_DEPRECATED = {
  'efax-messaging': {
    Deprecation: '@1731628800',
    Sunset: 'Tue, 30 Jun 2026 00:00:00 GMT',
    Link: '<../_deprecations/>; rel="deprecation"; type="application/json"',
  },
  'voice-portal-calling': {
    Deprecation: '@1737331200',
    Link: '<../_deprecations/>; rel="deprecation"; type="application/json", <../voice-messaging-user/>; rel="successor-version"',
  },
} as const;

/** The previous instance names of the fixture, each with the instance it redirects to. */
export const FIXTURE_RENAMES = { 'call-park-retrieve': 'call-park', Park_Orbit: 'call-park' } as const;

/** The one instance whose file passes 1 KiB (its description has 1024 characters). */
export const FIXTURE_LARGE_INSTANCE = 'voice-messaging-user';

/** Copies the fixture into `<work>/services`; returns `work`. */
export function copyFixtureCatalog(work: string): string {
  cpSync(FIXTURE_SERVICES, join(work, 'services'), { recursive: true });
  return work;
}

/** The fixture's services as the tool reads them, in list order. */
export async function fixtureServices(): Promise<readonly Service[]> {
  const analysis = analyzeInput(await readServices(FIXTURE_SERVICES, ROOT, KINDS));
  refuseErrors('the fixture catalog', analysis.diagnostics);
  return analysis.services;
}
