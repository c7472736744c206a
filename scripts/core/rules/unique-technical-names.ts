import { error, type Location } from '../diagnostic.js';
import { entryOf } from '../tree.js';
import { clashes, type Rule } from './rule.js';

interface Use {
  readonly path: string;
  readonly name: string;
  readonly at: Location;
}

/** Clients key services by technical name; two that differ only in case are one service twice. */
export const uniqueTechnicalNames: Rule = ({ files }) => {
  const uses: Use[] = [];
  for (const f of files) {
    const entry = f.root === null ? undefined : entryOf(f.root, 'technical_name');
    if (entry?.value.kind !== 'scalar' || typeof entry.value.value !== 'string') continue;
    uses.push({ path: f.path, name: entry.value.value, at: f.locate(entry.value.start) });
  }
  return clashes(uses, (u) => u.name.toLowerCase()).map(([use, other]) =>
    error('duplicate-technical-name', use.at, { name: use.name, other: other.path, otherLine: other.at.line }),
  );
};
