/**
 * Strings to compare validators of names and instance names on: a table of
 * edge cases, and generated strings from an alphabet of what the patterns care
 * about (spaces, dots, letters, refused characters of both kinds, astral
 * characters, line breaks, lone surrogates, the reserved words).
 */
import fc from 'fast-check';

const PIECES = [
  ...'aZ09_.- é',
  '  ',
  '\n',
  '\r',
  '\t',
  '\u0085',
  '\u00a0',
  '\u00ad',
  '\u200b',
  '\u200e',
  '\u2028',
  '\u202e',
  '\u3000',
  '\ufeff',
  '\u{1F600}',
  '\u{E0001}',
  '\u{1D173}',
  '\u{110BD}',
  '\u{10000}',
  '\ud83d',
  '\ude00',
  'filters',
  'INDEX',
  'Index',
  'x',
];

export const EDGE_STRINGS: readonly string[] = [
  '',
  ' ',
  'a',
  ' a',
  'a ',
  'a  b',
  'a b',
  'a\n',
  'a \n',
  ' \n',
  '\na',
  'a\u00a0',
  'a\u{E0001}',
  '\u2800',
  'a\u{1D159}b',
  '\ue000',
  'a\u{F0000}',
  '\ufdd0',
  'a\uffff',
  '\u{10FFFE}',
  '\u0378',
  'a\u{E0080}',
  'a\u{1F600}',
  '😀',
  'x'.repeat(80),
  'x'.repeat(81),
  '😀'.repeat(80),
  '😀'.repeat(81),
  'a'.repeat(100),
  'a'.repeat(101),
  'filters',
  'FILTERS',
  'filters\n',
  'index',
  'index.',
  'a.',
  'a.\n',
  '.a',
  '-a',
  '_a',
  'a/b',
  'é',
  '0',
  'filters2',
  'index.x',
  '\ud83d',
  'a\ud83d',
];

/** Deterministic: the same strings on every run, so that a failure can be replayed. */
export function corpus(count: number, seed = 20_260_101): string[] {
  const arb = fc.oneof(
    fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((parts) => parts.join('')),
    fc.string({ unit: 'binary', maxLength: 8 }),
    fc.string({ unit: fc.constantFrom(...'aZ09_.-'), minLength: 95, maxLength: 105 }),
    fc.string({ unit: fc.constantFrom('a', ' ', '😀', '\u200b'), minLength: 76, maxLength: 84 }),
  );
  return [...EDGE_STRINGS, ...fc.sample(arb, { numRuns: count, seed })];
}
