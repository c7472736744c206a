import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeLocator } from '../../../scripts/core/reading/locate.js';

/** Line and column as counted by hand: lines split at LF, columns in UTF-16 code units. */
function naive(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1) ?? '').length + 1 };
}

describe('locating offsets', () => {
  it('agrees with counting by hand on every offset inside the text', () => {
    // Lines of every length around the index step of 4,096 characters, astral characters included.
    const line = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.integer({ min: 4000, max: 4200 }).map((n) => 'x'.repeat(n)),
      fc.constant('😀'.repeat(2050)),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), fc.boolean(), (lines, finalBreak) => {
        const text = lines.join('\n') + (finalBreak ? '\n' : '');
        const locate = makeLocator('f.yaml', text);
        // The end of a text ending in a line break is the end of its last line.
        const last = text.endsWith('\n') ? text.length - 1 : text.length;
        for (let offset = 0; offset <= last; offset += 97) {
          expect(locate(offset)).toEqual({ file: 'f.yaml', ...naive(text, offset) });
        }
        expect(locate(last)).toEqual({ file: 'f.yaml', ...naive(text, last) });
      }),
      { numRuns: 60 },
    );
  });

  it.each([
    ['a text ending in a line break', 'a: 1\nb: 2\n', { line: 2, column: 5 }],
    ['a text without a final line break', 'a: 1\nb: 2', { line: 2, column: 5 }],
    ['a text of line breaks only', '\n\n\n', { line: 3, column: 1 }],
    ['an empty text', '', { line: 1, column: 1 }],
    ['CRLF line endings', 'a: 1\r\nb: 2\r\n', { line: 2, column: 6 }],
  ])('never places the end of %s on a line after it', (_, text, end) => {
    const locate = makeLocator('f.yaml', text);
    expect(locate(text.length)).toEqual({ file: 'f.yaml', ...end });
    expect(locate(text.length + 10)).toEqual({ file: 'f.yaml', ...end });
  });

  it('places a negative offset at the start', () => {
    expect(makeLocator('f.yaml', 'a\n')(-1)).toEqual({ file: 'f.yaml', line: 1, column: 1 });
  });
});
