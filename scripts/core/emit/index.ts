import type { Service } from '../service.js';
import { type Site, sortedSite } from '../site.js';
import { emitCompress } from './compress.js';
import { emitFilters } from './filters.js';
import { emitInstances } from './instances.js';
import { emitList } from './list.js';
import { emitNetlify } from './netlify.js';
import { emitNoJekyll } from './nojekyll.js';
import { emitNotFound } from './not-found.js';
import { emitOpenApi } from './openapi.js';
import { emitPage } from './page.js';
import type { EmitOptions, EmitStep } from './step.js';

/**
 * Every emit step, in order; a step sees what the steps before it emitted.
 * Host files come after every step that publishes content (they list its
 * paths), and compression comes last (it compresses everything before it).
 */
export const emitSteps: readonly EmitStep[] = [
  emitList,
  emitFilters,
  emitInstances,
  emitPage,
  emitOpenApi,
  emitNotFound,
  emitNetlify,
  emitNoJekyll,
  emitCompress,
];

/** The whole site of a valid catalog. Pure: same services, same bytes. */
export function emitSite(services: readonly Service[], options: EmitOptions): Site {
  let site: Site = new Map();
  for (const step of emitSteps) {
    site = sortedSite([...site, ...step({ services, options, site })]);
  }
  return site;
}
