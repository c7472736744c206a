import type { KindIdentity } from '../kinds/kind.js';
import { userServicesIdentity } from '../kinds/user-services/identity.js';
import type { Service } from '../model/service.js';
import { type Site, sortByPath } from '../model/site.js';
import { emitCompress } from './compress.js';
import { emitFilters } from './filters.js';
import { emitCloudflareWorker } from './host-files/cloudflare-worker.js';
import { emitNetlify } from './host-files/netlify.js';
import { emitNoJekyll } from './host-files/nojekyll.js';
import { emitNotFound } from './host-files/not-found.js';
import { emitInstances } from './instances.js';
import { emitList } from './list.js';
import { callMemo, type EmitMemo } from './memo.js';
import { emitOpenApi } from './openapi.js';
import { emitPage } from './page/step.js';
import type { EmitOptions, EmitStep } from './step.js';
import { emitFull } from './sync/full.js';
import { emitHashIndex } from './sync/hash-index.js';
import { emitHistory } from './sync/history.js';
import { emitDeprecations, emitRenameCopies, emitRenames } from './sync/lifecycle.js';
import { emitManifest, emitSignature } from './sync/manifest.js';

/**
 * Every emit step, in order; a step sees what the steps before it emitted.
 * Host files come after every step that publishes content (they list its
 * paths), and compression comes last of the published files (it compresses
 * everything before it); the Cloudflare Worker, which Pages runs but never
 * serves, follows it uncompressed. The manifest lists every file before it,
 * and the signature signs the manifest: they come last.
 */
export const emitSteps: readonly EmitStep[] = [
  emitList,
  emitFilters,
  emitInstances,
  emitFull,
  emitHashIndex,
  emitDeprecations,
  emitRenames,
  emitRenameCopies,
  emitHistory,
  emitPage,
  emitOpenApi,
  emitNotFound,
  emitNetlify,
  emitNoJekyll,
  emitCompress,
  emitCloudflareWorker,
  emitManifest,
  emitSignature,
];

/**
 * The whole site of a valid catalog: paths (relative, `/`-separated) to bytes,
 * in code-point order of the paths. Pure: same services and options, same
 * bytes, whatever `memo` holds (a new one per call by default: see memo.ts).
 * Throws only on a bug.
 *
 * The site a step sees is sorted when the step reads it, not after every
 * step: most steps never read it, and sorting after each one cost more than
 * all of them. Entries stay sorted between sorts, so the next sort only
 * merges the new ones in. Each service's pieces of the files are kept from
 * one call to the next in a memo the caller keeps (see memo.ts), which
 * `serve --watch` relies on.
 */
export function emitSite(
  services: readonly Service[],
  options: EmitOptions,
  memo: EmitMemo = callMemo(),
  kinds: readonly KindIdentity[] = PUBLISHED_KINDS,
): Site {
  return runSteps(emitSteps, services, options, memo, kinds);
}

/** The kinds `emitSteps` publish (the host files serve their lists): the user services'. */
const PUBLISHED_KINDS: readonly KindIdentity[] = [userServicesIdentity];

/** The steps of what `diff` compares: the list, the filtered lists, the instances and their life cycle. */
const API_STEPS: readonly EmitStep[] = [emitList, emitFilters, emitInstances, emitDeprecations, emitRenames];

/**
 * Only the list, the filtered lists, the instances, `_deprecations/` and
 * `_renames/`, compact: what `diff` reads of a site, for the history's many
 * catalogs. Pure, as `emitSite`.
 */
export function emitApiFiles(services: readonly Service[], memo: EmitMemo = callMemo()): Site {
  return runSteps(API_STEPS, services, { pretty: false, page: null }, memo, PUBLISHED_KINDS);
}

function runSteps(
  steps: readonly EmitStep[],
  services: readonly Service[],
  options: EmitOptions,
  memo: EmitMemo,
  kinds: readonly KindIdentity[],
): Site {
  const entries: [string, Uint8Array][] = [];
  let site: Site | undefined = new Map();
  const sorted = (): Site => {
    site ??= new Map(sortByPath(entries, memo));
    return site;
  };
  for (const step of steps) {
    const emitted = step({
      services,
      kinds,
      options,
      memo,
      get site() {
        return sorted();
      },
    });
    if (emitted.length > 0) site = undefined;
    for (const entry of emitted) entries.push(entry);
  }
  return sorted();
}
