import { FLAGS, type Flag, type Service } from '../service.js';
import { FILTER_SETS, filterPath } from '../site.js';
import { type Piece, sameAsLast } from './fragments.js';
import { listBody, listEntries } from './list.js';
import type { EmitOptions, EmitStep } from './step.js';

/** The flags as bits, in the order of FLAGS. */
const maskOf = (flags: readonly Flag[]): number => flags.reduce((m, f) => m | (1 << FLAGS.indexOf(f)), 0);
const MASKS = FILTER_SETS.map(maskOf);

function serviceMask(s: Service): number {
  let mask = 0;
  FLAGS.forEach((flag, bit) => {
    if (s[flag]) mask |= 1 << bit;
  });
  return mask;
}

/** One list per non-empty set of flags, holding the services whose every named flag is true. */
export const emitFilters: EmitStep = ({ services, options }) => {
  // Each entry is encoded once (or kept from the list), then copied into every filter that holds it.
  const entries = listEntries(services, options);
  const members: Piece[][] = MASKS.map(() => []);
  services.forEach((s, i) => {
    const mask = serviceMask(s);
    MASKS.forEach((filter, f) => {
      if ((mask & filter) === filter) members[f]?.push(entries[i] as Piece);
    });
  });
  return FILTER_SETS.map((flags, f) => {
    const path = filterPath(flags);
    return [path, filterBody(path, members[f] as Piece[], options)];
  });
};

/**
 * A filter of the same entries as in the last call is the same file, and is
 * not joined again: after an edit in `serve --watch`, most filters do not hold
 * the edited service.
 */
const filterBody = (path: string, entries: readonly Piece[], options: EmitOptions): Uint8Array =>
  sameAsLast(`${path} ${options.pretty}`, entries, () => listBody(entries, options));
