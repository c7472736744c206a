import { error, type Location } from '../diagnostics/diagnostic.js';
import { entryOf } from '../reading/tree.js';
import { type Check, clashes, type Rule } from './rule.js';

interface Use {
  readonly path: string;
  readonly name: string;
  readonly at: Location;
}

/**
 * An old instance name redirects to one service, and only while no service
 * answers at its URL: it is no current instance name, and no other old name,
 * ignoring case as instance names are compared (`unique-instance-names`),
 * since checkouts and some hosts fold case.
 */
const check: Check = ({ files }) => {
  const uses: Use[] = files.flatMap((f) => {
    const list = f.root === null ? undefined : entryOf(f.root, 'previous_names')?.value;
    if (list?.kind !== 'seq') return [];
    return list.items.flatMap((item) =>
      item.kind === 'scalar' && typeof item.value === 'string'
        ? [{ path: f.path, name: item.value, at: f.locate(item.start) }]
        : [],
    );
  });
  const current = new Map(files.map((f) => [f.instance.toLowerCase(), f]));
  const inUse = uses.flatMap((u) => {
    const owner = current.get(u.name.toLowerCase());
    return owner === undefined
      ? []
      : [error('previous-name-in-use', u.at, { name: u.name, instance: owner.instance, other: owner.path })];
  });
  const twice = clashes(uses, (u) => u.name.toLowerCase()).map(([u, other]) =>
    error('duplicate-previous-name', u.at, {
      name: u.name,
      other: other.path,
      otherLine: other.at.line,
      otherColumn: other.at.column,
    }),
  );
  return [...inUse, ...twice];
};

/** The rule `unique-previous-names`. */
export const uniquePreviousNames: Rule = {
  meta: {
    id: 'unique-previous-names',
    scope: 'catalog',
    codes: ['previous-name-in-use', 'duplicate-previous-name'],
    reads: ['previous_names'],
    docs: 'A previous name is no current instance name and no other previous name, ignoring case.',
  },
  check,
};
