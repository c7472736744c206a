import { FILTER_SETS, filterPath } from '../site.js';
import { listBody } from './list.js';
import type { EmitStep } from './step.js';

/** One list per non-empty set of flags, holding the services whose every named flag is true. */
export const emitFilters: EmitStep = ({ services, options }) =>
  FILTER_SETS.map((flags) => [
    filterPath(flags),
    listBody(
      services.filter((s) => flags.every((f) => s[f])),
      options,
    ),
  ]);
