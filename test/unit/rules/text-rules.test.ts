/**
 * Text clients would choke on: lone surrogates in any string of a service
 * file; invisible, space-like or blank characters and code points that are
 * not characters (private use, noncharacters, unassigned) in names, each
 * refused at its place with the character named.
 */
import { describe, expect, it } from 'vitest';
import { formatters } from '../../../scripts/core/diagnostics/format/index.js';
import { messageFor } from '../../../scripts/core/diagnostics/messages.js';
import { analyzeTexts } from '../../helpers/core.js';

type Diagnostics = ReturnType<typeof analyzeTexts>['diagnostics'];
const lines = (ds: Diagnostics) => ds.map((d) => `${d.line}:${d.column} ${d.code}: ${messageFor(d)}`);
const briefs = (ds: Diagnostics) => ds.map((d) => `${d.line}:${d.column} ${d.code} ${JSON.stringify(d.args)}`);

const LONE =
  'half of a surrogate pair without its other half: it is not a Unicode character, and strict JSON readers refuse the whole published list that would hold it; write the character itself, or escape it whole ("\\U0001F600" or "\\ud83d\\ude00")';

describe('lone surrogates', () => {
  it('refuses the example of the issue at its escape, and publishes nothing of the file', () => {
    const { diagnostics, services } = analyzeTexts({ 'voicemail.yaml': 'technical_name: "Voicemail \\ud83d"\n' });
    expect(lines(diagnostics)).toEqual([`1:28 lone-surrogate: technical_name holds U+D83D, ${LONE}`]);
    expect(services).toEqual([]);
  });

  it('finds them in every string: names, descriptions, add_data keys and values at any depth', () => {
    const { diagnostics } = analyzeTexts({
      'a.yaml': [
        'technical_name: A',
        'display_name: "B \\udc00"',
        'description: "x\\U0000DE00y"',
        'add_data:',
        '  "k\\ud800": 1',
        '  deep: {list: [ok, "\\udbff"]}',
        '  "\\ud83d\\ud83d\\ude00": "low then high \\ude00\\ud83d"',
        '',
      ].join('\n'),
    });
    expect(briefs(diagnostics)).toEqual([
      '2:18 lone-surrogate {"path":"display_name","codePoint":"U+DC00"}',
      '3:16 lone-surrogate {"path":"description","codePoint":"U+DE00"}',
      '5:5 lone-surrogate {"path":"add_data.k\\ud800","codePoint":"U+D800"}',
      '6:22 lone-surrogate {"path":"add_data.deep.list[1]","codePoint":"U+DBFF"}',
      '7:4 lone-surrogate {"path":"add_data.\\ud83d😀","codePoint":"U+D83D"}',
      '7:40 lone-surrogate {"path":"add_data.\\ud83d😀","codePoint":"U+DE00"}',
    ]);
  });

  it('accepts whole characters however they are escaped, and a backslash written as text', () => {
    const { diagnostics, services } = analyzeTexts({
      'a.yaml': [
        'technical_name: "Smile \\uD83D\\uDE00"',
        'display_name: "Smile \\U0001F600 😀"',
        'description: "\\\\ud83d is how JSON escapes half of it"',
        'add_data: {"\\ud83d\\ude00": "\\uD83D\\U0000DE00"}',
        '',
      ].join('\n'),
    });
    expect(diagnostics).toEqual([]);
    expect(services.map((s) => [s.technical_name, s.display_name, s.description])).toEqual([
      ['Smile 😀', 'Smile 😀 😀', '\\ud83d is how JSON escapes half of it'],
    ]);
    expect(services[0]?.add_data).toEqual(new Map([['😀', '😀']]));
  });

  it('reports a string that aliases repeat once, where it is written', () => {
    const { diagnostics } = analyzeTexts({
      'a.yaml': 'technical_name: A\nadd_data:\n  one: &x "\\udfff"\n  two: *x\n  three: [*x, *x]\n',
    });
    expect(briefs(diagnostics)).toEqual(['3:12 lone-surrogate {"path":"add_data.one","codePoint":"U+DFFF"}']);
  });

  it('prints a lone surrogate of a key as an escape, never as a broken character', () => {
    const { diagnostics } = analyzeTexts({ 'a.yaml': 'technical_name: A\nadd_data: {"\\ud800": 1}\n' });
    const summary = { command: 'check', services: 1, errors: 1, warnings: 0, seconds: 0 };
    expect(formatters.text({ diagnostics, summary }, { color: false }).out).toBe(
      `services/a.yaml:2:13: error lone-surrogate: add_data.\\uD800 holds U+D800, ${LONE}\n`,
    );
  });
});

const INVISIBLE =
  'a character that is invisible or looks like a plain space; remove it, or type a plain space (U+0020) where a space is meant';

describe('invisible and space-like characters in names', () => {
  it.each([
    ['"Voicemail\\u00a0"', 'U+00A0 NO-BREAK SPACE', 10],
    ['"Voice\\u200bmail"', 'U+200B ZERO WIDTH SPACE', 6],
    ['"Voice\\u00admail"', 'U+00AD SOFT HYPHEN', 6],
    ['"Voice\\u3000Mail"', 'U+3000 IDEOGRAPHIC SPACE', 6],
    ['"Voice\\u2009Mail"', 'U+2009 THIN SPACE', 6],
    ['"\\ufeffVoicemail"', 'U+FEFF ZERO WIDTH NO-BREAK SPACE', 1],
    ['"Voice\\u200dmail"', 'U+200D ZERO WIDTH JOINER', 6],
    ['"Voice\\u2060mail"', 'U+2060 WORD JOINER', 6],
    ['"Heart \\u2764\\ufe0f"', 'U+FE0F VARIATION SELECTOR-16', 8],
    ['"\\u3164"', 'U+3164 HANGUL FILLER', 1],
    ['"Flag \\U000E0067"', 'U+E0067 TAG LATIN SMALL LETTER G', 6],
    ['"😀\\u180e"', 'U+180E MONGOLIAN VOWEL SEPARATOR', 2],
  ])('refuses %s, naming %s', (value, named, position) => {
    const { diagnostics } = analyzeTexts({ 'a.yaml': `technical_name: ${value}\ndisplay_name: ${value}\n` });
    const message = (field: string) => `${field} contains ${named} at position ${position}, ${INVISIBLE}`;
    expect(lines(diagnostics)).toEqual([
      `1:17 invisible-character: ${message('technical_name')}`,
      `2:15 invisible-character: ${message('display_name')}`,
    ]);
  });

  it.each([
    ['"A\\tB"', 'U+0009 CHARACTER TABULATION', 2],
    ['"Next\\NLine"', 'U+0085 NEXT LINE', 5],
    ['"A\\x80"', 'U+0080 <control-0080>', 2],
    ['"A\\u2028B"', 'U+2028 LINE SEPARATOR', 2],
    ['"A\\u2029B"', 'U+2029 PARAGRAPH SEPARATOR', 2],
    ['"\\u200fA"', 'U+200F RIGHT-TO-LEFT MARK', 1],
    ['"A\\u061c"', 'U+061C ARABIC LETTER MARK', 2],
    ['"A\\u2066B"', 'U+2066 LEFT-TO-RIGHT ISOLATE', 2],
  ])('refuses the control character %s, naming %s', (value, named, position) => {
    const { diagnostics } = analyzeTexts({ 'a.yaml': `technical_name: ${value}\n` });
    expect(lines(diagnostics)).toEqual([
      `1:17 control-character: technical_name contains the control character ${named} at position ${position}; remove it`,
    ]);
  });

  it.each([
    ['"\\u2800"', 'U+2800 BRAILLE PATTERN BLANK', 1],
    ['"Null\\U0001D159Head"', 'U+1D159 MUSICAL SYMBOL NULL NOTEHEAD', 5],
    ['"Voice \\u2800"', 'U+2800 BRAILLE PATTERN BLANK', 7],
  ])('refuses the blank symbol in %s, naming %s', (value, named, position) => {
    const { diagnostics, services } = analyzeTexts({ 'a.yaml': `technical_name: A\ndisplay_name: ${value}\n` });
    expect(lines(diagnostics)).toEqual([
      `2:15 blank-character: display_name contains ${named} at position ${position}, a symbol that shows as a blank; remove it, or type a plain space (U+0020) where a space is meant`,
    ]);
    expect(services).toEqual([]);
  });

  it.each([
    ['"\\ue000"', 'U+E000 <private-use-E000>', 1],
    ['"Voice\\uf8ff"', 'U+F8FF <private-use-F8FF>', 6],
    ['"x\\U000F0000"', 'U+F0000 <private-use-F0000>', 2],
    ['"\\U0010FFFDx"', 'U+10FFFD <private-use-10FFFD>', 1],
  ])('refuses the private-use character in %s, naming %s', (value, named, position) => {
    const { diagnostics } = analyzeTexts({ 'a.yaml': `technical_name: ${value}\n` });
    expect(lines(diagnostics)).toEqual([
      `1:17 private-use-character: technical_name contains ${named} at position ${position}, a private-use character: Unicode gives it no meaning or look, so most readers see nothing or a box; remove it, or write a character Unicode assigns`,
    ]);
  });

  it.each([
    ['"\\ufdd0"', 'U+FDD0 <noncharacter-FDD0>', 1],
    ['"Voice\\uffff"', 'U+FFFF <noncharacter-FFFF>', 6],
    ['"\\uFFFEx"', 'U+FFFE <noncharacter-FFFE>', 1],
    ['"ab\\U0010FFFE"', 'U+10FFFE <noncharacter-10FFFE>', 3],
    ['"\\U0001FFFF"', 'U+1FFFF <noncharacter-1FFFF>', 1],
  ])('refuses the noncharacter in %s, naming %s', (value, named, position) => {
    const { diagnostics } = analyzeTexts({ 'a.yaml': `technical_name: ${value}\n` });
    expect(lines(diagnostics)).toEqual([
      `1:17 not-a-character: technical_name contains ${named} at position ${position}, a noncharacter, which Unicode sets aside for programs' internal use and not for text; remove it`,
    ]);
  });

  it.each([
    ['"\\u0378"', 'U+0378 <reserved-0378>', 1],
    ['"x\\U000E0080"', 'U+E0080 <reserved-E0080>', 2],
    ['"Voice\\u2065"', 'U+2065 <reserved-2065>', 6],
    ['"\\U0003FFFDx"', 'U+3FFFD <reserved-3FFFD>', 1],
  ])(
    'refuses the unassigned code point in %s as not a character of Unicode 16.0, naming %s',
    (value, named, position) => {
      const { diagnostics } = analyzeTexts({ 'a.yaml': `technical_name: ${value}\n` });
      expect(lines(diagnostics)).toEqual([
        `1:17 not-a-character: technical_name contains ${named} at position ${position}, which is not a character in Unicode 16.0, the version this tool knows: readers see nothing or a box; remove it`,
      ]);
      expect(briefs(diagnostics)[0]).toContain('"kind":"unassigned"');
    },
  );

  it('refuses them written raw in the file as well as escaped, at the value', () => {
    const { diagnostics } = analyzeTexts({
      'a.yaml': 'technical_name: A\u2800B\n',
      'b.yaml': "technical_name: B\ndisplay_name: '\ue000'\n",
      'c.yaml': 'technical_name: C\u{F0000}\n',
      'd.yaml': 'technical_name: D\ufdd0\n',
    });
    expect(briefs(diagnostics)).toEqual([
      '1:17 blank-character {"field":"technical_name","codePoint":"U+2800","name":"BRAILLE PATTERN BLANK","index":1}',
      '2:15 private-use-character {"field":"display_name","codePoint":"U+E000","name":"<private-use-E000>","index":0}',
      '1:17 private-use-character {"field":"technical_name","codePoint":"U+F0000","name":"<private-use-F0000>","index":1}',
      '1:17 not-a-character {"field":"technical_name","codePoint":"U+FDD0","name":"<noncharacter-FDD0>","index":1,"kind":"noncharacter"}',
    ]);
  });

  it('accepts the neighbours of each: other Braille patterns, notes, the replacement character', () => {
    const { diagnostics, services } = analyzeTexts({
      'a.yaml': 'technical_name: "\\u2801 \\u28ff \\U0001D158 \\U0001D15A \\ufffd \\ufb1d"\n',
    });
    expect(diagnostics).toEqual([]);
    expect(services).toHaveLength(1);
  });

  it('names the first of several, and reports spacing only when no character is refused', () => {
    const { diagnostics } = analyzeTexts({
      'a.yaml': 'technical_name: " A\\u00a0\\u200b"\n',
      'b.yaml': 'technical_name: " A"\n',
    });
    expect(briefs(diagnostics)).toEqual([
      '1:17 invisible-character {"field":"technical_name","codePoint":"U+00A0","name":"NO-BREAK SPACE","index":2}',
      '1:17 name-spacing {"field":"technical_name","problem":"leading"}',
    ]);
  });

  it('accepts letters, marks and symbols of every script, plain spaces, and such characters in descriptions', () => {
    const names = ['Numéro Privé', 'Nume\u0301ro', '通話転送', 'رقم خاص', 'Ⅻ ① ﬁ', 'Call 📞 Center', 'A-B_C.D (x) & y'];
    const files = Object.fromEntries(
      names.map((n, i) => [
        `s${i}.yaml`,
        `technical_name: ${JSON.stringify(n)}\ndescription: "a\\u00a0b\\u200bc\\t"\n`,
      ]),
    );
    const { diagnostics, services } = analyzeTexts(files);
    expect(diagnostics).toEqual([]);
    expect(services).toHaveLength(names.length);
  });

  it('shows such characters quoted from the input as escapes in text output, so a reader sees them', () => {
    const { diagnostics } = analyzeTexts({ 'b.yaml': 'technical_name: B\nfor_hg: true\u200b\u00a0\n' });
    const summary = { command: 'check', services: 1, errors: 1, warnings: 0, seconds: 0 };
    expect(formatters.text({ diagnostics, summary }, { color: false }).out).toBe(
      'services/b.yaml:2:9: error wrong-type: for_hg must be true or false, but found the string "true\\u200B\\u00A0"\n',
    );
  });
});
