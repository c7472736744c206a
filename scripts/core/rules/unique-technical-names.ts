import { error, type Location } from '../diagnostics/diagnostic.js';
import { entryOf } from '../reading/tree.js';
import { collisionOf, nameKey } from '../unicode/fold.js';
import { type Check, clashes, type Rule } from './rule.js';

interface Use {
  readonly path: string;
  readonly name: string;
  readonly at: Location;
}

/**
 * Clients key services by technical name, and people pick them by reading it:
 * names a reader cannot tell apart (differing in case, in composed or
 * decomposed accents, or in compatibility forms such as full-width letters)
 * are one service twice. Names compare by `nameKey` (Unicode 16.0, D146).
 */
const check: Check = ({ files }) => {
  const uses: Use[] = [];
  for (const f of files) {
    const entry = f.root === null ? undefined : entryOf(f.root, 'technical_name');
    if (entry?.value.kind !== 'scalar' || typeof entry.value.value !== 'string') continue;
    uses.push({ path: f.path, name: entry.value.value, at: f.locate(entry.value.start) });
  }
  return clashes(uses, (u) => nameKey(u.name)).map(([use, other]) =>
    error('duplicate-technical-name', use.at, {
      name: use.name,
      other: other.path,
      otherLine: other.at.line,
      otherName: other.name,
      collision: collisionOf(use.name, other.name),
    }),
  );
};

/** The rule `unique-technical-names`. */
export const uniqueTechnicalNames: Rule = {
  meta: {
    id: 'unique-technical-names',
    scope: 'catalog',
    codes: ['duplicate-technical-name'],
    reads: ['technical_name'],
    docs: 'Technical names differ after Unicode case folding and normalization.',
  },
  check,
};
