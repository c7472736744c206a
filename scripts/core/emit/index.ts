import { type Catalog, objectsOf } from '../kinds/catalog.js';
import type { KindIdentity } from '../kinds/kind.js';
import { type Site, sortByPath } from '../model/site.js';
import { emitCompress } from './compress.js';
import { emitCloudflareWorker } from './host-files/cloudflare-worker.js';
import { emitNetlify } from './host-files/netlify.js';
import { emitNoJekyll } from './host-files/nojekyll.js';
import { emitNotFound } from './host-files/not-found.js';
import type { EmittedKind } from './kind.js';
import { callMemo, type EmitMemo } from './memo.js';
import { emitOpenApi } from './openapi.js';
import type { EmitOptions, EmitStep, KindStep } from './step.js';
import { emitManifest, emitSignature } from './sync/manifest.js';

/**
 * The steps every kind shares, in order, after every kind's own steps (a step
 * sees what the steps before it emitted). The OpenAPI document describes the
 * whole API. Host files come after every step that publishes content (they list
 * its paths), and compression comes last of the published files (it compresses
 * everything before it); the Cloudflare Worker, which Pages runs but never
 * serves, follows it uncompressed. The manifest lists every file before it,
 * and the signature signs the manifest: they come last.
 */
export const sharedSteps: readonly EmitStep[] = [
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
 * in code-point order of the paths. Each kind's steps (`kinds` in their order,
 * each step given that kind's objects of `catalog`), then `sharedSteps`. Pure:
 * same catalog, kinds and options, same bytes, whatever `memo` holds (a new one
 * per call by default: see memo.ts). Throws only on a bug (two steps writing
 * one path).
 *
 * The site a step sees is sorted when the step reads it, not after every
 * step: most steps never read it, and sorting after each one cost more than
 * all of them. Entries stay sorted between sorts, so the next sort only
 * merges the new ones in. Each object's pieces of the files are kept from
 * one call to the next in a memo the caller keeps (see memo.ts), which
 * `serve --watch` relies on.
 */
export function emitCatalog(
  catalog: Catalog,
  kinds: readonly EmittedKind[],
  options: EmitOptions,
  memo: EmitMemo = callMemo(),
): Site {
  return runSteps([...kindSteps(kinds, catalog, 'emitSteps'), ...shared(sharedSteps)], catalog, kinds, options, memo);
}

/**
 * Only the kinds' API files (`apiSteps`), compact and without the page: what
 * `diff` reads of a site (user services: the list, the filtered lists, the
 * instances, `_deprecations/` and `_renames/`), for the history's many
 * catalogs. Pure, as `emitCatalog`.
 */
export function emitCatalogApiFiles(
  catalog: Catalog,
  kinds: readonly EmittedKind[],
  memo: EmitMemo = callMemo(),
): Site {
  return runSteps(kindSteps(kinds, catalog, 'apiSteps'), catalog, kinds, { pretty: false, page: null }, memo);
}

/** A step and the objects it is given (a shared step: none, it does not read them). */
interface Bound {
  readonly step: KindStep<object>;
  readonly objects: readonly object[];
}

const shared = (steps: readonly EmitStep[]): Bound[] => steps.map((step) => ({ step, objects: [] }));

/** Each kind's steps of that list, in order, each with the kind's objects. */
function kindSteps(kinds: readonly EmittedKind[], catalog: Catalog, list: 'emitSteps' | 'apiSteps'): Bound[] {
  return kinds.flatMap((kind) => {
    const objects = objectsOf(catalog, kind);
    return kind[list].map((step) => ({ step, objects }));
  });
}

function runSteps(
  steps: readonly Bound[],
  catalog: Catalog,
  kinds: readonly KindIdentity[],
  options: EmitOptions,
  memo: EmitMemo,
): Site {
  const entries: [string, Uint8Array][] = [];
  let site: Site | undefined = new Map();
  const sorted = (): Site => {
    site ??= new Map(sortByPath(entries, memo));
    return site;
  };
  for (const { step, objects } of steps) {
    const emitted = step({
      objects,
      catalog,
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
  const all = sorted();
  if (all.size !== entries.length) throw new Error(`emit: two steps wrote ${twice(entries)}`);
  return all;
}

/** The first path written twice (a bug: each step writes paths of its own). */
const twice = (entries: readonly [string, Uint8Array][]): string =>
  entries.find(([path], i) => i > 0 && path === entries[i - 1]?.[0])?.[0] ?? '';
