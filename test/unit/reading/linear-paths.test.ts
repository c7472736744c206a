/**
 * Crafted lines of a megabyte on each path that once retried a regular
 * expression at every character of a run, or scanned the whole line once per
 * problem: each was quadratic (tens of seconds). Each must now finish well
 * within the test's time limit; bench/linear.mjs prints the seconds.
 */
import { describe, expect, it } from 'vitest';
import { oneLine } from '../../../scripts/core/diagnostics/format/text.js';
import { messageFor } from '../../../scripts/core/diagnostics/messages.js';
import { makeLocator } from '../../../scripts/core/reading/locate.js';
import { parse } from '../../../scripts/core/reading/parse.js';
import { beforeComment } from '../../../scripts/core/reading/yaml-value-mistakes.js';

const MB = 1_000_000;
const spaces = ' '.repeat(MB);

const read = (text: string) => {
  const { diagnostics } = parse(text, makeLocator('x.yaml', text));
  return diagnostics.map((d) => `${d.line}:${d.column} ${d.code}: ${messageFor(d)}`);
};

describe('paths linear in the length of a line', () => {
  it('strips a comment after a megabyte of spaces in one pass', () => {
    expect(beforeComment(`a${spaces}b`)).toBe(`a${spaces}b`);
    expect(beforeComment(`a${spaces}#c`)).toBe('a');
    expect(beforeComment(`a: b${spaces}`)).toBe(`a: b${spaces}`);
  });

  it('finds a colon in text on a line with a megabyte of spaces, and a quote left open after it', () => {
    // The value has a megabyte of spaces and no comment; the quote on the next line makes yaml refuse the file.
    const text = `technical_name: A${spaces}x: y\ndescription: "open\n`;
    expect(read(text)).toEqual([
      `1:${MB + 19} colon-in-text: the value of "technical_name" holds a colon followed by a space (or ends in a colon), which YAML reads as the start of another key; put the text in quotes: technical_name: "A${' '.repeat(59)}"... (${MB + 5} characters, shortened)`,
      '2:14 unclosed-quote: this " opens a quoted text that is never closed; close the quote with " where the text ends',
    ]);
  });

  it('locates a problem per token on a line of a megabyte', () => {
    // A quarter of a million stray brackets on one line: yaml reports one problem for each.
    const text = `technical_name: A\nx: ${'] '.repeat(250_000)}\n`;
    const found = read(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^2:4 yaml-syntax: /);
  });

  it('locates offsets on a line of a megabyte reading a bounded part of it', () => {
    const text = `a\n${'x'.repeat(MB)}\nb`;
    const locate = makeLocator('f', text);
    for (let offset = 2; offset < MB; offset += 997) {
      expect(locate(offset)).toEqual({ file: 'f', line: 2, column: offset - 1 });
    }
    expect(locate(text.length)).toEqual({ file: 'f', line: 3, column: 2 });
  });

  it('puts a message on one line without retrying at each space', () => {
    expect(oneLine(`a${spaces}b`)).toBe(`a${spaces}b`);
    expect(oneLine(`a${spaces}\n${spaces}b`)).toBe('a b');
    expect(oneLine('a \r\n b\n\nc')).toBe('a b c');
  });
});
