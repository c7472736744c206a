/**
 * Reading YAML: every problem of a file in one run, the frequent mistakes in
 * our own words at the place they were made, directives and anchor names a
 * service file does not allow, and which problems leave no tree to check.
 */
import { describe, expect, it } from 'vitest';
import { messageFor } from '../../../scripts/core/diagnostics/messages.js';
import { makeLocator } from '../../../scripts/core/reading/locate.js';
import { parse } from '../../../scripts/core/reading/parse.js';
import { analyzeTexts, brief } from '../../helpers/core.js';

/** `line:column code` of every diagnostic of one file. */
function read(text: string): string[] {
  return brief(analyzeTexts({ 'a.yaml': text }).diagnostics).map((b) => b.replace('services/a.yaml:', ''));
}

/** `line:column code: message` of every diagnostic of one file. */
function worded(text: string): string[] {
  return analyzeTexts({ 'a.yaml': text }).diagnostics.map((d) => `${d.line}:${d.column} ${d.code}: ${messageFor(d)}`);
}

describe('every problem of a file at once', () => {
  it('reports a duplicate key, a misspelt field and a YAML 1.1 boolean in one run', () => {
    const text = 'technical_name: A\nfor_cc: true\nfor_cc: false\ndescripton: x\nfor_hg: yes\n';
    expect(read(text)).toEqual(['3:1 duplicate-key', '4:1 unknown-field', '5:9 yaml11-boolean']);
    expect(analyzeTexts({ 'a.yaml': text }).services).toEqual([]);
  });

  it.each([
    ['an unknown tag', 'technical_name: !shout A\nfor_hg: yes\n', ['1:17 unknown-tag', '2:9 yaml11-boolean']],
    ['an undeclared tag handle', 'technical_name: !x!y A\nfor_hg: yes\n', ['1:17 unknown-tag', '2:9 yaml11-boolean']],
    [
      'an unknown alias',
      'technical_name: A\ndisplay_name: *nope\nextra: 1\n',
      ['2:15 unknown-alias', '3:1 unknown-field'],
    ],
    [
      'a recursive alias',
      'technical_name: A\nadd_data: &a {x: *a}\nfor_cc: no\n',
      ['2:18 recursive-alias', '3:9 yaml11-boolean'],
    ],
    [
      'a core tag on the wrong value',
      'technical_name: A\nadd_data: !!int abc\n',
      ['2:11 tag-mismatch', '2:17 wrong-type'],
    ],
    ['a bad escape', 'technical_name: "Bad \\q"\nfor_ivr: on\n', ['1:22 bad-escape', '2:10 yaml11-boolean']],
    ['two anchors on a value', 'technical_name: &a &b A\nfor_hg: 1\n', ['1:20 yaml-syntax', '2:9 wrong-type']],
    [
      'a merge key',
      'technical_name: A\n<<: {b: 1}\nfor_hg: yes\nfor_hg: no\n',
      ['2:1 merge-key', '4:1 duplicate-key', '4:9 yaml11-boolean'],
    ],
    [
      'a second document',
      'technical_name: A\nfor_hg: yes\n---\nx: 1\n',
      ['2:9 yaml11-boolean', '3:1 multiple-documents'],
    ],
    [
      'a YAML 1.1 directive',
      '%YAML 1.1\n---\ntechnical_name: A\nfor_hg: yes\n',
      ['1:1 yaml-version', '4:9 yaml11-boolean'],
    ],
    [
      'a key repeated through an alias',
      '&k technical_name: A\n*k : B\ndescripton: x\n',
      ['2:1 duplicate-key', '3:1 unknown-field'],
    ],
  ])('keeps checking the file after %s', (_, text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  it.each([
    ['an unclosed quote', 'technical_name: "A\ndescripton: x\nfor_hg: yes\n', '1:17 unclosed-quote'],
    ['an unclosed bracket', 'technical_name: [A\ndescripton: x\n', '1:17 unclosed-bracket'],
    ['a key indented too far', 'technical_name: A\n  descripton: x\nfor_hg: yes\n', '2:3 key-indentation'],
    ['a syntax error of the parser', 'descripton: x\n]\n', '2:1 yaml-syntax'],
  ])('stops at %s, which loses the structure', (_, text, expected) => {
    expect(read(text)).toEqual([expected]);
    expect(parse(text, makeLocator('a.yaml', text)).root).toBeNull();
  });

  it('returns the tree after a problem that leaves it whole', () => {
    const text = 'technical_name: A\nfor_hg: true\nfor_hg: false\n';
    const parsed = parse(text, makeLocator('a.yaml', text));
    expect(parsed.diagnostics.map((d) => d.code)).toEqual(['duplicate-key']);
    expect(parsed.root?.kind === 'map' && parsed.root.entries.length).toBe(3);
  });

  it('does not report again a value that reading reported', () => {
    // The unknown alias stands for null, which the schema would call a wrong type.
    expect(read('technical_name: *nope\nfor_hg: *nope\n')).toEqual(['1:17 unknown-alias', '2:9 unknown-alias']);
  });
});

describe('the frequent mistakes, in our words, where they were made', () => {
  it.each([
    [
      'a key indented by two spaces',
      'technical_name: A\n  display_name: B\ndescription: C\nfor_hg: true\n',
      '2:3 key-indentation: the key "display_name" starts at column 3, but the keys above it start at column 1; align the key with the ones above it',
    ],
    [
      'a key indented less than its siblings',
      'technical_name: A\nadd_data:\n    a: 1\n  b: 2\n',
      '4:3 key-indentation: the key "b" starts at column 3, but the keys above it start at column 5; align the key with the ones above it',
    ],
    [
      'an unclosed double quote',
      'technical_name: A\ndescription: "never closed\nfor_hg: true\n',
      '2:14 unclosed-quote: this " opens a quoted text that is never closed; close the quote with " where the text ends',
    ],
    [
      'an unclosed single quote at the end of the file',
      "technical_name: 'A\n",
      "1:17 unclosed-quote: this ' opens a quoted text that is never closed; close the quote with ' where the text ends",
    ],
    [
      'a colon inside plain text',
      'technical_name: A\ndescription: Note: x\n',
      '2:18 colon-in-text: the value of "description" holds a colon followed by a space (or ends in a colon), which YAML reads as the start of another key; put the text in quotes: description: "Note: x"',
    ],
    [
      'a tab used for indentation',
      'technical_name: A\nadd_data:\n\tx: 1\n\ty: 2\n',
      '3:1 tab-indentation: a tab is used for indentation, which YAML does not allow; indent with spaces',
    ],
    [
      'no space after a colon',
      'technical_name: A\nfor_hg:true\n',
      '2:7 missing-space-after-colon: "for_hg:true" has no space after the colon, so YAML reads the line as text, not as a key and its value; put a space after the colon',
    ],
    [
      'a value on the next line without indentation',
      'technical_name: A\ndescription:\nSends calls elsewhere\n',
      '3:1 value-not-indented: this line is not indented, so YAML does not read it as the value of "description" above it; put the value on the key\'s line after the colon, or indent it',
    ],
    [
      'an unclosed flow mapping',
      'technical_name: A\nadd_data: {a: 1\nfor_hg: true\n',
      '2:11 unclosed-bracket: this { is never closed as YAML reads it; close it with } on the same line or on a line indented more than its key, or put the text in quotes if the { belongs to it',
    ],
  ])('%s', (_, text, expected) => {
    expect(worded(text)).toEqual([expected]);
  });

  it.each([
    // The quote pairs with one eleven lines later: the mistake is the first quote.
    [
      'a quote closed by another eleven lines later',
      `technical_name: A\nadd_data:\n  note: "starts here\n${'abcdefghi'
        .split('')
        .map((k, i) => `  ${k}: ${i}\n`)
        .join('')}  j: "x"\n  k: 11\n`,
      ['3:9 unclosed-quote'],
    ],
    ['a colon at the end of plain text', 'technical_name: A\ndescription: Note:\n', ['2:18 colon-in-text']],
    ['a colon in text in add_data', 'technical_name: A\nadd_data:\n  a: b: c\n', ['3:7 colon-in-text']],
    [
      'a run of keys indented alike',
      'technical_name: A\nadd_data:\n x: 0\n  k: 1\n  l: 2\nc: 1\n',
      ['4:3 key-indentation'],
    ],
    [
      'two separate indentation mistakes',
      'add_data:\n  a: 1\n    b: 2\n  c: 3\n    d: 4\n',
      ['3:5 key-indentation', '5:5 key-indentation'],
    ],
    [
      'a problem before the mistake',
      'technical_name: A\nfor_hg: true\nfor_hg: false\ndescription: "abc\n',
      ['3:1 duplicate-key', '4:14 unclosed-quote'],
    ],
    [
      'a mistake after a block scalar',
      'description: |\n  Note: x\n    indented: y\ntechnical_name: A\n  bad: 1\n',
      ['5:3 key-indentation'],
    ],
    [
      'a key indented too far on 2,000 lines',
      `add_data:\n x: 0\n${'  k: 0\n'.repeat(2000)}c: 1\n`,
      ['3:3 key-indentation'],
    ],
  ])('%s', (_, text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  it('leaves valid YAML that looks like a mistake alone', () => {
    const text =
      'technical_name: A\ndescription: see http://example.com\ndisplay_name: "Note: x"\nadd_data:\n  k: a:b\n  l:\n  - x\n';
    expect(read(text)).toEqual([]);
  });
});
