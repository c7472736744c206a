import { describe, expect, it } from 'vitest';
import { messageFor } from '../../../scripts/core/diagnostics/messages.js';
import { analyzeTexts, brief } from '../../helpers/core.js';

const lines = (ds: Parameters<typeof brief>[0]) => ds.map((d) => `${d.line}:${d.column} ${d.code}: ${messageFor(d)}`);

describe('schema errors are located and worded', () => {
  it('points at the value of a type error, with expected and found', () => {
    const { diagnostics } = analyzeTexts({ 'a.yaml': 'technical_name: A\ndescription: 12\nfor_cc: "true"\n' });
    expect(lines(diagnostics)).toEqual([
      '2:14 wrong-type: description must be a string, but found the number 12; put it in quotes to make it a string',
      '3:9 wrong-type: for_cc must be true or false, but found the string "true"; remove the quotes to make it a boolean',
    ]);
  });

  it('hints at the one fix of every quoted text a boolean field means: YAML 1.2 spellings and YAML 1.1 words', () => {
    const spellings = ['true', 'True', 'TRUE', 'false', 'False', 'FALSE'];
    const yes = ['yes', 'Yes', 'YES', 'y', 'Y', 'on', 'On', 'ON'];
    const no = ['no', 'No', 'NO', 'n', 'N', 'off', 'Off', 'OFF'];
    const others = ['tRue', 'FaLsE', 'maybe', '1', 'yEs', ''];
    const texts = [...spellings, ...yes, ...no, ...others];
    const hintOf = (t: string) =>
      spellings.includes(t) ? 'unquote-it' : yes.includes(t) ? 'write-true' : no.includes(t) ? 'write-false' : null;
    for (const quote of ['"', "'"]) {
      // One field at a time: a file holds each key once.
      const hints = texts.map((t) => {
        const [d] = analyzeTexts({ 'a.yaml': `technical_name: A\nfor_hg: ${quote}${t}${quote}\n` }).diagnostics;
        return [t, d?.code, d?.code === 'wrong-type' ? d.args.hint : null, d?.line, d?.column];
      });
      expect(hints).toEqual(texts.map((t) => [t, 'wrong-type', hintOf(t), 2, 9]));
    }
    const { diagnostics } = analyzeTexts({
      'a.yaml': 'technical_name: A\nfor_cc: "True"\nfor_hg: \'off\'\nfor_ivr: "yes"\n',
    });
    expect(lines(diagnostics)).toEqual([
      '2:9 wrong-type: for_cc must be true or false, but found the string "True"; remove the quotes to make it a boolean',
      "3:9 wrong-type: for_hg must be true or false, but found the string 'off'; write false, without quotes, to make it a boolean",
      '4:10 wrong-type: for_ivr must be true or false, but found the string "yes"; write true, without quotes, to make it a boolean',
    ]);
  });

  it('points at the key of an unknown field and suggests the close one', () => {
    const { diagnostics } = analyzeTexts({
      'a.yaml': 'technical_name: A\ndisplay_nmae: B\nfor-hg: true\ncolour: red\n',
    });
    expect(lines(diagnostics)).toEqual([
      '2:1 unknown-field: unknown field "display_nmae"; did you mean "display_name"?',
      '3:1 unknown-field: unknown field "for-hg"; did you mean "for_hg"?',
      '4:1 unknown-field: unknown field "colour"; allowed fields are technical_name, display_name, description, no_more_assignable, deprecation, for_hg, for_cc, for_ivr, for_enduser, add_data, previous_names',
    ]);
  });

  it('points at the mapping of a missing field', () => {
    const { diagnostics } = analyzeTexts({ 'a.yaml': '# a comment\ndisplay_name: B\n' });
    expect(lines(diagnostics)).toEqual(['2:1 missing-field: the required field "technical_name" is missing']);
  });

  it('explains YAML 1.1 booleans', () => {
    const { diagnostics } = analyzeTexts({
      'a.yaml': 'technical_name: A\nfor_hg: yes\nfor_cc: off\nfor_ivr: Y\nno_more_assignable: NO\n',
    });
    expect(lines(diagnostics)).toEqual([
      '2:9 yaml11-boolean: for_hg is the string "yes": YAML 1.2 reads yes as text, not as a boolean; write true',
      '3:9 yaml11-boolean: for_cc is the string "off": YAML 1.2 reads off as text, not as a boolean; write false',
      '4:10 yaml11-boolean: for_ivr is the string "Y": YAML 1.2 reads Y as text, not as a boolean; write true',
      '5:21 yaml11-boolean: no_more_assignable is the string "NO": YAML 1.2 reads NO as text, not as a boolean; write false',
    ]);
  });

  it('says what an empty or null value means', () => {
    const { diagnostics } = analyzeTexts({ 'a.yaml': 'technical_name: A\ndisplay_name:\ndescription: ~\n' });
    expect(lines(diagnostics)).toEqual([
      '2:14 wrong-type: display_name must be a string, but found no value; write a value or remove the line to use the default',
      '3:14 wrong-type: description must be a string, but found null (written ~)',
    ]);
  });

  it('checks lengths in characters, not bytes', () => {
    const { diagnostics } = analyzeTexts({
      'a.yaml': `technical_name: ${'é'.repeat(80)}\ndisplay_name: ${'x'.repeat(81)}\ndescription: "${'d'.repeat(1025)}"\n`,
      'b.yaml': 'technical_name: ""\n',
    });
    expect(brief(diagnostics)).toEqual([
      'services/a.yaml:2:15 too-long',
      'services/a.yaml:3:14 too-long',
      'services/b.yaml:1:17 too-short',
    ]);
    expect(diagnostics.map(messageFor)).toEqual([
      'display_name has 81 characters, more than the limit of 80',
      'description has 1025 characters, more than the limit of 1024',
      'technical_name must not be empty',
    ]);
  });

  it.each([
    ['" A"', 'name-spacing', 'technical_name must not have a leading space'],
    ['"A "', 'name-spacing', 'technical_name must not have a trailing space'],
    ['"A  B"', 'name-spacing', 'technical_name must not have two spaces in a row'],
    [
      '"A\\tB"',
      'control-character',
      'technical_name contains the control character U+0009 CHARACTER TABULATION at position 2; remove it',
    ],
    [
      '"AB\\u202E"',
      'control-character',
      'technical_name contains the control character U+202E RIGHT-TO-LEFT OVERRIDE at position 3; remove it',
    ],
  ])('refuses the name %s', (value, code, message) => {
    const { diagnostics } = analyzeTexts({ 'a.yaml': `technical_name: ${value}\n` });
    expect(diagnostics.map((d) => [d.code, d.line, d.column, messageFor(d)])).toEqual([[code, 1, 17, message]]);
  });

  it('refuses a document that is not a mapping', () => {
    const { diagnostics } = analyzeTexts({ 'a.yaml': '- technical_name: A\n', 'b.yaml': 'Voicemail\n' });
    expect(lines(diagnostics)).toEqual([
      '1:1 not-a-mapping: a service file must be a mapping of fields (technical_name: ...), but this is a list',
      '1:1 not-a-mapping: a service file must be a mapping of fields (technical_name: ...), but this is the string "Voicemail"',
    ]);
  });
});

describe('keys and values that JSON or JavaScript would mishandle', () => {
  it('refuses __proto__, constructor and prototype at every depth, once each', () => {
    const { diagnostics } = analyzeTexts({
      'a.yaml': 'technical_name: A\n__proto__: x\nadd_data:\n  constructor: 1\n  deep:\n    - prototype: 2\n',
    });
    expect(brief(diagnostics)).toEqual([
      'services/a.yaml:2:1 forbidden-key',
      'services/a.yaml:4:3 forbidden-key',
      'services/a.yaml:6:7 forbidden-key',
    ]);
  });

  it('refuses merge keys but not a quoted "<<" key in add_data', () => {
    const { diagnostics } = analyzeTexts({
      'a.yaml': 'technical_name: A\nadd_data:\n  base: &b {x: 1}\n  copy:\n    <<: *b\n',
      'b.yaml': 'technical_name: B\nadd_data:\n  "<<": 1\n',
    });
    expect(brief(diagnostics)).toEqual(['services/a.yaml:5:5 merge-key']);
  });

  it('refuses add_data values JSON cannot hold exactly', () => {
    const { diagnostics } = analyzeTexts({
      'a.yaml':
        'technical_name: A\nadd_data:\n  a: .inf\n  b: .nan\n  c: 12345678901234567890\n  1: one\n  d: [1, -.inf]\n',
    });
    expect(lines(diagnostics)).toEqual([
      '3:6 not-json: add_data.a: .inf is not a JSON number; write a finite number or quote it',
      '4:6 not-json: add_data.b: .nan is not a JSON number; write a finite number or quote it',
      '5:6 inexact-number: add_data.c: 12345678901234567890 would be published as 12345678901234567000, because a JSON number (a double) keeps whole numbers exactly only up to 2^53 (9007199254740992); write 12345678901234567000 if that number is meant, or quote it if it is text',
      '6:3 not-json: add_data.1: the key 1 is not a string; JSON keys are strings, so quote it',
      '7:10 not-json: add_data.d[1]: -.inf is not a JSON number; write a finite number or quote it',
    ]);
  });

  it('requires add_data to be a mapping', () => {
    const { diagnostics } = analyzeTexts({ 'a.yaml': 'technical_name: A\nadd_data: [1]\n' });
    expect(lines(diagnostics)).toEqual(['2:11 wrong-type: add_data must be a mapping, but found a list']);
  });
});

describe('rules across files', () => {
  it('checks instance names', () => {
    const { diagnostics } = analyzeTexts({
      'ok_name-1.2.yaml': 'technical_name: A\n',
      'with space.yaml': 'technical_name: B\n',
      'ende.yaml': 'technical_name: C\n',
      'trailing..yaml': 'technical_name: D\n',
      '.hidden.yaml': 'technical_name: E\n',
      'Filters.yml': 'technical_name: F\n',
      'INDEX.yaml': 'technical_name: G\n',
      'café.yaml': 'technical_name: H\n',
      [`${'x'.repeat(101)}.yaml`]: 'technical_name: I\n',
    });
    expect(diagnostics.map((d) => `${d.file} ${d.code} ${'problem' in d.args ? d.args.problem : ''}`.trim())).toEqual([
      'services/.hidden.yaml invalid-instance-name pattern',
      'services/Filters.yml reserved-instance-name',
      'services/INDEX.yaml reserved-instance-name',
      'services/café.yaml invalid-instance-name pattern',
      'services/trailing..yaml invalid-instance-name trailing-dot',
      'services/with space.yaml invalid-instance-name pattern',
      `services/${'x'.repeat(101)}.yaml invalid-instance-name too-long`,
    ]);
  });

  it('names both files of an instance clash, .yaml and .yml included', () => {
    const { diagnostics } = analyzeTexts({
      'voicemail.yaml': 'technical_name: A\n',
      'Voicemail.yml': 'technical_name: B\n',
    });
    expect(lines(diagnostics)).toEqual([
      '1:1 duplicate-instance-name: the instance name "Voicemail" is also used by services/voicemail.yaml (instance names ignore case and the .yaml/.yml extension); rename one of them',
      '1:1 duplicate-instance-name: the instance name "voicemail" is also used by services/Voicemail.yml (instance names ignore case and the .yaml/.yml extension); rename one of them',
    ]);
  });

  it('names both files of a technical name clash, at the value', () => {
    const { diagnostics } = analyzeTexts({
      'a.yaml': '# first\ntechnical_name: Voice Mail\n',
      'b.yaml': 'technical_name: voice mail\n',
    });
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${messageFor(d)}`)).toEqual([
      'services/a.yaml:2:17 the technical_name "Voice Mail" is also used by services/b.yaml:1 as "voice mail": the two differ only in case (Unicode case folding); names a reader cannot tell apart are one name, so each service needs its own',
      'services/b.yaml:1:17 the technical_name "voice mail" is also used by services/a.yaml:2 as "Voice Mail": the two differ only in case (Unicode case folding); names a reader cannot tell apart are one name, so each service needs its own',
    ]);
  });

  it('reports an empty services folder', () => {
    const { diagnostics } = analyzeTexts({});
    expect(lines(diagnostics)).toEqual([
      '1:1 no-services: no service files (*.yaml, *.yml) in services; add one, e.g. with "user-services new <instance>"',
    ]);
  });

  it('reports every problem of every file in one run, sorted by place', () => {
    const { diagnostics, services } = analyzeTexts({
      'b.yaml': 'technical_name: B\nfor_hg: yes\nfoo: 1\n',
      'a.yaml': 'display_name: A\n',
      'c.yaml': 'technical_name: C\n',
    });
    expect(brief(diagnostics)).toEqual([
      'services/a.yaml:1:1 missing-field',
      'services/b.yaml:2:9 yaml11-boolean',
      'services/b.yaml:3:1 unknown-field',
    ]);
    expect(services.map((s) => s.instance)).toEqual(['c']);
  });
});
