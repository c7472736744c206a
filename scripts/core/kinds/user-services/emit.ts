/**
 * The user services kind's part for the emit: every file that speaks only of
 * services, in order (spec: "User Services", and the sync files beside the
 * instances), and those of them that `diff` compares.
 *
 * The page is one of them: it is a table of the services, filtered by their
 * flags. The OpenAPI document is not: it describes the whole API, every kind's
 * paths and the shared files, once (a shared step in emit/index.ts).
 */

import { emitFilters } from '../../emit/filters.js';
import { emitInstances } from '../../emit/instances.js';
import type { EmitKind } from '../../emit/kind.js';
import { emitList } from '../../emit/list.js';
import { emitPage } from '../../emit/page/step.js';
import { emitFull } from '../../emit/sync/full.js';
import { emitHashIndex } from '../../emit/sync/hash-index.js';
import { emitHistory } from '../../emit/sync/history.js';
import { emitDeprecations, emitRenameCopies, emitRenames } from '../../emit/sync/lifecycle.js';
import type { Service } from '../../model/service.js';

/** User services' steps in order, and their API steps (the list, the filters, the instances, the life cycle). */
export const userServicesEmit: EmitKind<Service> = {
  emitSteps: [
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
  ],
  apiSteps: [emitList, emitFilters, emitInstances, emitDeprecations, emitRenames],
};
