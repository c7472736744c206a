// The refused code points as the service schema states them: two
// regular-expression classes in `$defs.name`'s `not` patterns, so that an
// editor or another JSON Schema implementation refuses the same names the
// rule does (scripts/unicode-tables.mjs writes them into the schema).

/**
 * A regular-expression class of a set of code points, each character literal
 * (escaped in the JSON text), adjacent code points merged into ranges.
 */
export function classOf(codePoints) {
  const merged = [];
  for (const c of [...codePoints].sort((x, y) => x - y)) {
    const last = merged.at(-1);
    if (last !== undefined && last[1] === c - 1) last[1] = c;
    else merged.push([c, c]);
  }
  const ch = (c) => String.fromCodePoint(c);
  return `[${merged.map(([a, b]) => (a === b ? ch(a) : `${ch(a)}-${ch(b)}`)).join('')}]`;
}

/**
 * The two classes of the schema, whose union is the refused set: characters a
 * reader cannot see or tell from a space (controls, invisible, blank), and code
 * points that are not characters of this Unicode version or not for
 * interchange (unassigned, noncharacters, private use). Overlaps are kept where
 * they make fewer ranges (unassigned default-ignorable code points are in both).
 */
export function schemaClasses(sets) {
  const union = (...kinds) => new Set(kinds.flatMap((k) => [...sets[k]]));
  return [classOf(union('control', 'invisible', 'blank')), classOf(union('noncharacter', 'unassigned', 'private-use'))];
}

/** Non-ASCII characters and controls as JSON escapes, so that the file shows what it holds. */
const asciiJson = (value) =>
  `${JSON.stringify(value, null, 2).replace(/[^\n\u0020-\u007e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;

/** The service schema with the refused classes in `$defs.name`'s first two `not` patterns. */
export function schemaText(current, sets) {
  const schema = JSON.parse(current);
  const [invisible, notCharacters] = schemaClasses(sets);
  schema.$defs.name.not.anyOf[0].pattern = invisible;
  schema.$defs.name.not.anyOf[1].pattern = notCharacters;
  return asciiJson(schema);
}
