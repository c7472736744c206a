/**
 * The user services kind as the site, serving and hosting tests pass it: the
 * list of kinds of a catalog of user services only, and its list as served.
 */
import { emitCatalog, emitCatalogApiFiles } from '../../scripts/core/emit/index.js';
import { callMemo, type EmitMemo } from '../../scripts/core/emit/memo.js';
import type { EmitOptions } from '../../scripts/core/emit/step.js';
import type { Catalog } from '../../scripts/core/kinds/catalog.js';
import type { KindIdentity } from '../../scripts/core/kinds/kind.js';
import { userServicesIdentity } from '../../scripts/core/kinds/user-services/identity.js';
import { userServices } from '../../scripts/core/kinds/user-services/index.js';
import type { Service } from '../../scripts/core/model/service.js';
import type { Site } from '../../scripts/core/model/site.js';
import { listPath } from '../../scripts/core/model/site.js';
import { type ServedList, servedLists } from '../../scripts/core/serving/lists.js';
import { listUrls } from '../../scripts/core/serving/query.js';

/** The kinds of a catalog of user services only. */
export const USER_SERVICES_ONLY: readonly KindIdentity[] = [userServicesIdentity];

/** The lists of `USER_SERVICES_ONLY` that read filters. */
export const USER_SERVICES_LISTS = servedLists(USER_SERVICES_ONLY);

/** The user services' list as served. */
export const USER_SERVICES_LIST = USER_SERVICES_LISTS.get(listPath(userServicesIdentity)) as ServedList;

/** The folder URL of the user services' list: `/api/v1/configs/user_services/`. */
export const [LIST_URL] = listUrls(userServicesIdentity);

/** A catalog of these user services alone (valid, sorted by technical name). */
const servicesCatalog = (services: readonly Service[]): Catalog => new Map([[userServices.name, services]]);

/** `emitCatalog` of a catalog of user services only, with the user services kind alone. */
export function emitSite(services: readonly Service[], options: EmitOptions, memo: EmitMemo = callMemo()): Site {
  return emitCatalog(servicesCatalog(services), [userServices], options, memo);
}

/** `emitCatalogApiFiles` of a catalog of user services only. */
export function emitApiFiles(services: readonly Service[], memo: EmitMemo = callMemo()): Site {
  return emitCatalogApiFiles(servicesCatalog(services), [userServices], memo);
}
