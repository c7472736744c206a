/**
 * Everyday mistakes of people writing YAML by hand, each worded in plain
 * words with its fix at the place it was made, and every syntax error yaml
 * can report worded by us first (yaml's own text follows as detail).
 */
import { describe, expect, it } from 'vitest';
import { messageFor, messages } from '../../../scripts/core/diagnostics/messages.js';
import { makeLocator } from '../../../scripts/core/reading/locate.js';
import { parse } from '../../../scripts/core/reading/parse.js';
import { analyzeTexts } from '../../helpers/core.js';

const read = (text: string) =>
  analyzeTexts({ 'a.yaml': text }).diagnostics.map((d) => `${d.line}:${d.column} ${d.code}: ${messageFor(d)}`);

const around = (line: string) => `technical_name: A\n${line}\nfor_cc: true\n`;

const VALUE_START = (key: string, start: string, meaning: string, fix: string) =>
  `value-start: the value of "${key}" starts with ${start}, which YAML reads as ${meaning}; put the whole value in quotes: ${key}: ${fix}`;

describe('a value that YAML reads as something else than text', () => {
  it.each([
    [
      "description: 'Don't'",
      `2:18 quote-in-quoted-text: the value of "description" is text in single quotes that ends at this ', so YAML cannot read what follows it; write a ' inside single quotes twice (''), or put the whole value in double quotes: description: "Don't"`,
    ],
    [
      "display_name: 'It's mine' # note",
      `2:18 quote-in-quoted-text: the value of "display_name" is text in single quotes that ends at this ', so YAML cannot read what follows it; write a ' inside single quotes twice (''), or put the whole value in double quotes: display_name: "It's mine"`,
    ],
    [
      'description: "Say "hi" now"',
      `2:19 quote-in-quoted-text: the value of "description" is text in double quotes that ends at this ", so YAML cannot read what follows it; write a " inside double quotes as \\", or put the whole value in single quotes: description: 'Say "hi" now'`,
    ],
    [
      'display_name: [Beta] Voicemail',
      `2:15 ${VALUE_START('display_name', '[Beta]', 'a list or mapping that ends before the rest of the text', '"[Beta] Voicemail"')}`,
    ],
    [
      'description: {x} marks it',
      `2:14 ${VALUE_START('description', '{x}', 'a list or mapping that ends before the rest of the text', '"{x} marks it"')}`,
    ],
    [
      'description: *important* call',
      `2:14 ${VALUE_START('description', '*important*', 'an alias (a reference to an anchor), not as text', '"*important* call"')}`,
    ],
    [
      'description: @mention',
      `2:14 ${VALUE_START('description', '@', 'a reserved indicator, which plain text cannot start with', '"@mention"')}`,
    ],
    [
      'description: `code` here',
      `2:14 ${VALUE_START('description', '`', 'a reserved indicator, which plain text cannot start with', '"`code` here"')}`,
    ],
    [
      'description: %20 "off"',
      `2:14 ${VALUE_START('description', '%', 'a reserved indicator, which plain text cannot start with', `'%20 "off"'`)}`,
    ],
    ['description: - item', `2:14 ${VALUE_START('description', '- ', 'a list item, not as text', '"- item"')}`],
    ['description: ? what', `2:14 ${VALUE_START('description', '? ', 'a complex key, not as text', '"? what"')}`],
    [
      'description: > quoted text',
      '2:14 value-start: the value of "description" starts with >, which YAML reads as the start of a block of text on the lines below, so only a comment may follow it on this line; write the text on the lines below, indented, or put the whole value in quotes: description: "> quoted text"',
    ],
  ])('%s', (line, expected) => {
    expect(read(around(line))).toEqual([expected]);
  });

  it('leaves alone values YAML reads as written', () => {
    for (const line of [
      "description: 'It''s' # ok",
      'description: "Say \\"hi\\""',
      'description: "a" # comment',
      'add_data:\n  l: [a, b] # list',
      'description: >\n  folded',
      'description: |2\n    kept',
      'description: a - b ? c',
    ]) {
      expect(read(around(line)), line).toEqual([]);
    }
  });
});

describe('other everyday mistakes', () => {
  it('says that a line without a colon is no key', () => {
    expect(read(around('key = value'))).toEqual([
      '2:1 missing-colon: "key = value" has no colon, so YAML cannot read it as a key and its value; write key: value (a colon and a space after the key), or indent the line more than the key above it if it continues that key\'s text',
    ]);
  });

  it('says to double a backslash or use single quotes for a Windows path, and checks the rest of the file', () => {
    expect(read('technical_name: A\ndescription: "C:\\path"\nfor_cc: yes\n')).toEqual([
      '2:17 bad-escape: \\p is not an escape YAML knows in text in double quotes (a backslash starts an escape such as \\n or \\"); write the backslash twice (\\\\), or put the text in single quotes, where a backslash is a plain character',
      '3:9 yaml11-boolean: for_cc is the string "yes": YAML 1.2 reads yes as text, not as a boolean; write true',
    ]);
  });

  it('says that a # line ends a wrapped text, at the #', () => {
    expect(read(around('description: Parks a call\n  #1 for later\n  and more'))).toEqual([
      '3:3 comment-in-wrapped-text: this line of the text of "description" starts with "#", which YAML reads as a comment that ends the text, so the lines after it cannot continue it; put the whole text in quotes, or start it with ">" on the key\'s line to keep every line as text',
    ]);
  });

  it('finds a key indented one space after a block scalar, at its line', () => {
    expect(read(around('description: |\n  text\n more: x'))).toEqual([
      '4:2 key-indentation: the key "more" starts at column 2, but the keys above it start at column 1; align the key with the ones above it',
    ]);
  });

  it('says that "- item" under a text field is a list', () => {
    expect(read(around('description:\n  - item'))).toEqual([
      '3:3 wrong-type: description must be a string, but found a list; a line starting with "- " is a list item; write the text on the key\'s line, or put it in quotes if it starts with "- "',
    ]);
  });

  it('names a tab before a comment as a tab', () => {
    expect(read(around('description: Park\t# note'))).toEqual([
      '2:19 comment-in-text: the text of description ends here: a tab followed by "#" starts a YAML comment, so what follows is not part of the value; put the whole text in quotes to keep it',
    ]);
  });
});

describe("every syntax error of yaml's", () => {
  it.each([
    [
      'a bracket closed twice',
      'technical_name: A\n]\n',
      '2:1',
      'UNEXPECTED_TOKEN',
      'YAML cannot read the text from here',
    ],
    ['a comment without a space', 'technical_name: "A"# c\n', '1:20', 'MISSING_CHAR', 'a character is missing here'],
    ['two anchors', 'technical_name: &a &b A\n', '1:20', 'MULTIPLE_ANCHORS', 'a value has more than one anchor'],
  ])('words %s in our words first', (_, text, at, parserCode, words) => {
    const [d] = parse(text, makeLocator('a.yaml', text)).diagnostics;
    expect(`${d?.line}:${d?.column}`).toBe(at);
    expect(d?.args).toMatchObject({ parserCode });
    expect(d === undefined ? '' : messageFor(d)).toMatch(new RegExp(`^${words}.*\\(the YAML parser says: .+\\)$`));
  });

  it('has words of ours for each code yaml can report', () => {
    const codes = [
      'ALIAS_PROPS',
      'BAD_ALIAS',
      'BAD_DIRECTIVE',
      'BAD_INDENT',
      'BAD_PROP_ORDER',
      'BAD_SCALAR_START',
      'BLOCK_AS_IMPLICIT_KEY',
      'BLOCK_IN_FLOW',
      'IMPOSSIBLE',
      'KEY_OVER_1024_CHARS',
      'MISSING_CHAR',
      'MULTILINE_IMPLICIT_KEY',
      'MULTIPLE_ANCHORS',
      'MULTIPLE_TAGS',
      'NON_STRING_KEY',
      'RESOURCE_EXHAUSTION',
      'TAB_AS_INDENT',
      'UNEXPECTED_TOKEN',
    ];
    const worded = codes.map((parserCode) => messages['yaml-syntax']({ detail: 'x', parserCode }));
    expect(new Set(worded).size).toBe(codes.length);
    for (const w of worded) expect(w).toMatch(/; .+ \(the YAML parser says: x\)$/);
  });
});
