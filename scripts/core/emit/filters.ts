import { userServicesIdentity } from '../kinds/user-services/identity.js';
import { FLAGS, type Service } from '../model/service.js';
import { filterPath, filterSets, flagMask } from '../model/site.js';
import { listBody, listEntries } from './list.js';
import type { EmitMemo, Piece } from './memo.js';
import type { EmitOptions, KindStep } from './step.js';

/** Each filter's flags as bits, as `flagMask` numbers them. */
const MASKS = filterSets(userServicesIdentity).map((flags) =>
  flags.reduce((mask, f) => mask | (1 << (FLAGS as readonly string[]).indexOf(f)), 0),
);
/** For each set of a service's flags, the filters that hold the service: those whose every flag it has. */
const FILTERS_OF = Array.from({ length: 1 << FLAGS.length }, (_, mask) =>
  MASKS.flatMap((filter, f) => ((mask & filter) === filter ? [f] : [])),
);

/** One list per non-empty set of flags, holding the services whose every named flag is true. */
export const emitFilters: KindStep<Service> = ({ objects: services, options, memo }) => {
  // Each entry is encoded once (or kept from the list), then copied into every filter that holds it.
  const entries = listEntries(memo, services, options);
  const members: Piece[][] = MASKS.map(() => []);
  services.forEach((s, i) => {
    for (const f of FILTERS_OF[flagMask(s)] as number[]) members[f]?.push(entries[i] as Piece);
  });
  return filterSets(userServicesIdentity).map((flags, f) => {
    const path = filterPath(userServicesIdentity, flags);
    return [path, filterBody(memo, path, members[f] as Piece[], options)];
  });
};

/**
 * A filter of the same entries as in the last call is the same file, and is
 * not joined again: after an edit in `serve --watch`, most filters do not hold
 * the edited service.
 */
const filterBody = (memo: EmitMemo, path: string, entries: readonly Piece[], options: EmitOptions): Uint8Array =>
  memo.sameAsLast(`${path} ${options.pretty}`, entries, () => listBody(entries, options));
