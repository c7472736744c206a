/**
 * The user services kind's part for the diff: the class of a change of each
 * field clients see of a service (CONTRIBUTING.md explains each), its key,
 * and its life-cycle files.
 */
import { always, flagTransition, previousNamesTransition } from '../../diff/classify.js';
import type { DiffKind, Transition } from '../../diff/kind.js';
import { FLAGS, type Flag, type LifecycleField, type PublishedField } from '../../model/service.js';
import { INDEX_FILES, SYNC_FOLDERS } from '../../model/site.js';

const flags = Object.fromEntries(FLAGS.map((f) => [f, flagTransition])) as Record<Flag, Transition>;

/**
 * One transition for every field of a service that clients see (the instance
 * document's, and those published beside it): a new field does not compile
 * until it is classified here.
 */
const fields: Record<PublishedField | LifecycleField, Transition> = {
  // Clients key services by technical name: a new name is a different service to them.
  technical_name: always('breaking'),
  display_name: always('cosmetic'),
  description: always('cosmetic'),
  add_data: always('cosmetic'),
  no_more_assignable: (_, after) => (after === true ? 'deprecation' : 'undeprecation'),
  // New or changed dates, reason or successor tell clients when and where to move; withdrawn, they need not.
  deprecation: (_, after) => (after === null ? 'undeprecation' : 'deprecation'),
  previous_names: previousNamesTransition,
  ...flags,
};

const [JSON_INDEX] = INDEX_FILES;

/**
 * What the diff knows of user services: each field's class, the technical
 * name as the key, `no_more_assignable` as the announcement of a removal,
 * `_deprecations/` and `_renames/` as life-cycle files.
 */
export const userServicesDiff: DiffKind = {
  diff: {
    fields,
    key: 'technical_name',
    removalAnnouncedBy: 'no_more_assignable',
    lifecycle: {
      deprecations: `${SYNC_FOLDERS.deprecations}/${JSON_INDEX}`,
      renames: `${SYNC_FOLDERS.renames}/${JSON_INDEX}`,
    },
    noun: 'service',
  },
};
