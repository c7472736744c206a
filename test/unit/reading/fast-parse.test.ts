import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareCodePoints } from '../../../scripts/core/diagnostics/diagnostic.js';
import { fastParse } from '../../../scripts/core/reading/fast-parse.js';
import { makeLocator } from '../../../scripts/core/reading/locate.js';
import { parse } from '../../../scripts/core/reading/parse.js';

const full = (text: string) => parse(text, makeLocator('f.yaml', text));

/** The fast path may decline; when it answers, it must be exactly what the parser says. */
function agrees(text: string): boolean {
  const fast = fastParse(text);
  if (fast === null) return true;
  const slow = full(text);
  expect(slow.diagnostics).toEqual([]);
  expect(fast).toEqual(slow.root);
  return true;
}

// Pieces of lines, valid ones and near misses, for the fast path to read or decline.
const plainChars = fc.constantFrom(
  ...'abcXYZ019 _-.,:#[]{}\'"?&*!|>%@`~+\\/=()é€\u00a0\u2028\u0085\ufeff'.split(''),
  '😀',
  ' #',
  ': ',
);
const scalars = fc.oneof(
  fc.constantFrom(
    'true',
    'false',
    'True',
    'FALSE',
    'yes',
    'no',
    'null',
    '~',
    'NULL',
    '0',
    '-0',
    '01',
    '12',
    '-7',
    '+7',
    '1e3',
    '1.5',
    '.5',
    '.inf',
    '-.inf',
    '.nan',
    '0x1F',
    '0o17',
    '123456789012345',
    '1234567890123456',
    '9007199254740993',
    '',
    ' ',
    'x ',
    '&a x',
    '*a',
    '!!str x',
    '|',
    '>',
    '"a\\"b"',
    '"a\\nb"',
    "'it''s'",
    '"plain"',
    "'single'",
    '"',
    "'",
    '[]',
    '[a, b]',
    '[a,b]',
    '[ a ]',
    '[a, ]',
    '[a, [b]]',
    '[a: b]',
    '[a:b, c#d]',
    '[1, true, x]',
    '["q"]',
    '{a: b}',
    'a: b',
    'http://example.com/x',
    'C# and F#',
    'a #b',
    'a#b',
    '- x',
    '-x',
    '? x',
    ':x',
    '%x',
    '@x',
  ),
  fc.array(plainChars, { minLength: 1, maxLength: 12 }).map((cs) => cs.join('')),
);
const identifiers = fc.constantFrom('technical_name', 'for_hg', 'add_data', 'a', 'B2', '_x', 'k9', 'yes', '__proto__');
const safeScalars = fc.constantFrom(
  'x',
  'two words',
  'true',
  'false',
  '12',
  '-3',
  '"q x"',
  "'s'",
  '[a, b]',
  '[]',
  'é€',
);

interface Doc {
  readonly entries: readonly (readonly [string, string | Doc])[];
}
const doc: fc.Arbitrary<Doc> = fc.letrec<{ doc: Doc }>((tie) => ({
  doc: fc
    .uniqueArray(
      fc.tuple(
        identifiers,
        fc.oneof({ weight: 5, arbitrary: fc.oneof({ weight: 3, arbitrary: safeScalars }, scalars) }, tie('doc')),
      ),
      {
        minLength: 1,
        maxLength: 6,
        selector: ([k]) => k,
        depthIdentifier: 'doc',
      },
    )
    .map((entries) => ({ entries })),
})).doc;

function render(d: Doc, step: number, indent = ''): string {
  return d.entries
    .map(([k, v]) =>
      typeof v === 'string' ? `${indent}${k}: ${v}\n` : `${indent}${k}:\n${render(v, step, indent + ' '.repeat(step))}`,
    )
    .join('');
}

// A well-formed document, then a few characters inserted where they may break it.
const files = fc
  .tuple(
    doc,
    fc.constantFrom(2, 4, 1),
    fc.array(
      fc.tuple(fc.nat(), fc.constantFrom('\n', ' ', '  ', '#', ': ', ':', '\t', '- ', '"', "'", '[', '&a ', '\r')),
      {
        maxLength: 2,
      },
    ),
    fc.constantFrom('', '# yaml-language-server: $schema=x\n', '\n'),
  )
  .map(([d, step, edits, head]) => {
    let text = head + render(d, step);
    for (const [at, piece] of edits) {
      const i = at % (text.length + 1);
      text = text.slice(0, i) + piece + text.slice(i);
    }
    return text;
  });

describe('the fast path of parsing', () => {
  it('reads a typical service file exactly as the parser does', () => {
    const text =
      '# yaml-language-server: $schema=../schema/user-service.schema.json\n' +
      'technical_name: Call Forwarding Always\n' +
      'display_name: "Forwarding: always"\n' +
      "description: 'Sends every call elsewhere'\n" +
      'for_hg: true\nfor_cc: false\n\n' +
      'add_data:\n  weight: 12\n  tags: [a, b, 3]\n  nested:\n    deep: x\nno_more_assignable: false\n';
    const fast = fastParse(text);
    expect(fast).not.toBeNull();
    expect(fast).toEqual(full(text).root);
  });

  it.each([
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a key without a value', 'a:\nb: 1\n'],
    ['a continued plain scalar', 'a: b\n  c\n'],
    ['an indented first key', '  a: 1\n'],
    ['a yes', 'a: yes\n'.replace('yes', '~')],
    ['a comment after a value', 'a: b # c\n'],
    ['a tab', 'a:\tb\n'],
    ['carriage returns', 'a: b\r\n'],
    ['an empty file', ''],
    ['only comments', '# a\n'],
    ['a second document', 'a: 1\n---\nb: 2\n'],
    ['a float', 'a: 1.5\n'],
    ['an escaped string', 'a: "x\\ty"\n'],
  ])('declines %s', (_, text) => {
    expect(fastParse(text)).toBeNull();
  });

  it('agrees with the parser on generated files, near misses included', () => {
    fc.assert(fc.property(files, agrees), { numRuns: 3000, seed: 20240611 });
  });

  it('answers for a good share of the generated files, so that the comparison means something', () => {
    const sample = fc.sample(files, { numRuns: 1000, seed: 20240611 });
    const answered = sample.filter((t) => fastParse(t) !== null).length;
    expect(answered).toBeGreaterThan(150);
  });

  it('keys other than plain identifiers, and special words, go to the parser', () => {
    for (const key of ['true', 'null', '"q"', 'with-dash', '<<', '1', 'k k'])
      expect(fastParse(`${key}: x\n`)).toBeNull();
  });
});

describe('code-point order', () => {
  const reference = (a: string, b: string): number => {
    const pa = [...a].map((c) => c.codePointAt(0) ?? 0);
    const pb = [...b].map((c) => c.codePointAt(0) ?? 0);
    for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
      if (pa[i] !== pb[i]) return (pa[i] ?? 0) - (pb[i] ?? 0);
    }
    return pa.length - pb.length;
  };
  const chars = fc.constantFrom('a', 'b', 'Z', 'é', '\u00ff', '\ud7ff', '\ue000', '\uffff', '😀', '𝄞', '\u0000');
  const text = fc.array(chars, { maxLength: 6 }).map((cs) => cs.join(''));

  it('sorts as comparing code points one by one does', () => {
    fc.assert(
      fc.property(text, text, (a, b) => Math.sign(compareCodePoints(a, b)) === Math.sign(reference(a, b))),
      { numRuns: 5000, seed: 7 },
    );
  });
});
