/**
 * The names `_platform.yaml` declares follow the technical_name rule (the
 * schemas' one `$defs/name`), and compare as a reader sees them: with each
 * other for duplicates, and with the names the tool ships.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import platformSchema from '../../../schema/platform.schema.json' with { type: 'json' };
import { messageFor } from '../../../scripts/core/diagnostics/messages.js';
import { nameFault } from '../../../scripts/core/model/name-fault.js';
import { serviceSchema } from '../../../scripts/core/model/service-schema.js';
import { analyzeTexts } from '../../helpers/core.js';
import { corpus } from '../../helpers/pattern-corpus.js';

const SERVICE = { 'a.yaml': 'technical_name: Call Forwarding Always\n' };
const lines = (platform: string) =>
  analyzeTexts({ ...SERVICE, '_platform.yaml': platform }, 'services', { names: true }).diagnostics.map(
    (d) => `${d.line}:${d.column} ${d.severity} ${d.code}: ${messageFor(d)}`,
  );
const TAIL = 'write the name exactly as BroadWorks does (the rule of technical_name)';

describe('a declared platform name', () => {
  it('is refused where no technical_name could have it, saying why', () => {
    const list = ['" Lead"', '"Night  Mode"', '"Lead "', '"A\\u200bB"', '"Tab\\tName"', `"${'x'.repeat(81)}"`];
    expect(lines(`extra_service_names:\n${list.map((n) => `  - ${n}\n`).join('')}`)).toEqual([
      `2:5 error platform-invalid-name: extra_service_names[0] is " Lead", which no technical_name can be: it has a leading space; ${TAIL}`,
      `3:5 error platform-invalid-name: extra_service_names[1] is "Night  Mode", which no technical_name can be: it has two spaces in a row; ${TAIL}`,
      `4:5 error platform-invalid-name: extra_service_names[2] is "Lead ", which no technical_name can be: it has a trailing space; ${TAIL}`,
      `5:5 error platform-invalid-name: extra_service_names[3] is "A\u200bB", which no technical_name can be: it contains U+200B ZERO WIDTH SPACE at position 2, a character that is invisible or looks like a plain space; ${TAIL}`,
      `6:5 error platform-invalid-name: extra_service_names[4] is "Tab\\tName", which no technical_name can be: it contains U+0009 CHARACTER TABULATION at position 4, a control character; ${TAIL}`,
      `7:5 error platform-invalid-name: extra_service_names[5] is "${'x'.repeat(60)}"... (81 characters, shortened), which no technical_name can be: it has 81 characters, more than the limit of 80; ${TAIL}`,
    ]);
  });

  it('declares nothing when invalid: a technical_name like it is still unknown', () => {
    const { diagnostics } = analyzeTexts(
      { 'a.yaml': 'technical_name: Night Mode\n', '_platform.yaml': 'extra_service_names: ["Night  Mode"]\n' },
      'services',
      { names: true },
    );
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`)).toEqual([
      'services/_platform.yaml:1:23 platform-invalid-name',
      'services/a.yaml:1:17 unknown-service-name',
    ]);
  });

  it('that a reader takes for a shipped name is known already (U+217C for "l", full width, case)', () => {
    expect(lines('extra_service_names: [Caⅼl Notify, ＣＡＬＬ ＷＡＩＴＩＮＧ, call return, Call Notify]\n')).toEqual([
      '1:23 warning platform-known-name: "Caⅼl Notify" is the BroadWorks user service name "Call Notify" the tool knows already, as a reader sees it: the two are the same once compatibility forms, such as full-width letters or ligatures, are normalized (Unicode NFKC) and case is ignored; remove it from extra_service_names, and write "Call Notify" in the service files',
      '1:36 warning platform-known-name: "ＣＡＬＬ ＷＡＩＴＩＮＧ" is the BroadWorks user service name "Call Waiting" the tool knows already, as a reader sees it: the two are the same once compatibility forms, such as full-width letters or ligatures, are normalized (Unicode NFKC) and case is ignored; remove it from extra_service_names, and write "Call Waiting" in the service files',
      '1:50 warning platform-known-name: "call return" is the BroadWorks user service name "Call Return" the tool knows already, as a reader sees it: the two differ only in case (Unicode case folding); remove it from extra_service_names, and write "Call Return" in the service files',
      '1:63 error platform-duplicate-name: the service name "Call Notify" is listed twice: also on line 1 as "Caⅼl Notify", and the two are the same once compatibility forms, such as full-width letters or ligatures, are normalized (Unicode NFKC) and case is ignored; names a reader cannot tell apart are one name, so keep the one BroadWorks writes',
      '1:63 warning platform-known-name: "Call Notify" is a BroadWorks user service name the tool knows already; remove it from extra_service_names',
    ]);
  });

  it('is listed twice when a reader cannot tell it from one before it', () => {
    expect(lines('extra_service_names:\n  - Lead\n  - lead\n  - Numéro\n  - "Nume\\u0301ro"\n  - Lead\n')).toEqual([
      '3:5 error platform-duplicate-name: the service name "lead" is listed twice: also on line 2 as "Lead", and the two differ only in case (Unicode case folding); names a reader cannot tell apart are one name, so keep the one BroadWorks writes',
      '5:5 error platform-duplicate-name: the service name "Nume\u0301ro" is listed twice: also on line 4 as "Numéro", and the two are the same characters written with different but equivalent code points, such as accents typed composed or decomposed (Unicode NFC and NFD); names a reader cannot tell apart are one name, so keep the one BroadWorks writes',
      '6:5 error platform-duplicate-name: the service name "Lead" is listed twice (also on line 2); keep one',
    ]);
  });
});

describe('the platform schema', () => {
  it("holds the service schema's name rule, and nameFault answers as it does", () => {
    expect(platformSchema.$defs.name).toEqual(serviceSchema.$defs.name);
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    const validName = ajv.compile({ $defs: platformSchema.$defs, $ref: '#/$defs/name' });
    const strings = [...corpus(5000), '', ' a', 'a ', 'a  b', 'x'.repeat(80), '😀'.repeat(81)];
    const differ = strings.filter((s) => validName(s) !== (nameFault(s) === null));
    expect(differ).toEqual([]);
    expect(strings.filter((s) => nameFault(s) === null).length).toBeGreaterThan(150);
  });

  it('refuses the names the tool refuses', () => {
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(platformSchema);
    const verdicts = ['[" Lead"]', '["Night  Mode"]', '["A\\u200bB"]', '[Lead, Night Mode]'].map((list) => {
      const text = `extra_service_names: ${list}\n`;
      const errors = analyzeTexts({ ...SERVICE, '_platform.yaml': text }).diagnostics.filter(
        (d) => d.severity === 'error',
      );
      return [validate(parse(text)), errors.length === 0];
    });
    expect(verdicts).toEqual([
      [false, false],
      [false, false],
      [false, false],
      [true, true],
    ]);
  });
});
