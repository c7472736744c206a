import { describe, expect, it } from 'vitest';
import { messageFor } from '../../../scripts/core/diagnostics/messages.js';
import { analyzeTexts, brief } from '../../helpers/core.js';

const ok = 'technical_name: Voicemail\n';

describe('reading a file', () => {
  it('accepts a minimal service', () => {
    const { diagnostics, services } = analyzeTexts({ 'voicemail.yaml': ok });
    expect(diagnostics).toEqual([]);
    expect(services.map((s) => s.instance)).toEqual(['voicemail']);
  });

  it('accepts a UTF-8 byte order mark and CRLF line endings', () => {
    const bom = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...new TextEncoder().encode('technical_name: A\r\nfor_hg: true\r\n'),
    ]);
    const { diagnostics, services } = analyzeTexts({ 'a.yaml': bom });
    expect(diagnostics).toEqual([]);
    expect(services[0]?.for_hg).toBe(true);
    expect(services[0]?.technical_name).toBe('A');
  });

  it.each([
    ['UTF-16LE', [0xff, 0xfe, 0x61, 0x00], '1:1 invalid-encoding'],
    ['UTF-16BE', [0xfe, 0xff, 0x00, 0x61], '1:1 invalid-encoding'],
    ['a bad byte on line 2', [...new TextEncoder().encode('a: 1\nb: x'), 0xff], '2:5 invalid-utf8'],
    ['an overlong encoding', [0x61, 0xc0, 0xae], '1:2 invalid-utf8'],
  ])('refuses %s', (_, bytes, expected) => {
    const { diagnostics } = analyzeTexts({ 'a.yaml': new Uint8Array(bytes) });
    expect(brief(diagnostics)).toEqual([`services/a.yaml:${expected}`]);
  });

  it('names the invalid byte', () => {
    const { diagnostics } = analyzeTexts({ 'a.yaml': new Uint8Array([0x61, 0xff]) });
    expect(diagnostics.map(messageFor)).toEqual(['byte 0xFF is not valid UTF-8; save the file as UTF-8']);
  });

  it.each([
    ['empty', '', '1:1 empty-file'],
    ['comments only', '# nothing\n\n', '1:1 empty-file'],
    ['a NUL byte', 'technical_name: A\u0000B\n', '1:18 invalid-character'],
    ['a second document', 'technical_name: A\n---\ntechnical_name: B\n', '2:1 multiple-documents'],
    ['a duplicate key', 'technical_name: A\nfor_hg: true\n"for_hg": false\n', '3:1 duplicate-key'],
    ['a tab as indentation', 'add_data:\n\tx: 1\n', '2:1 tab-indentation'],
    ['an unclosed flow sequence', 'technical_name: [A\n', '1:17 unclosed-bracket'],
    ['an unclosed quote', 'technical_name: "A\n', '1:17 unclosed-quote'],
    ['a YAML 1.1 directive', '%YAML 1.1\n---\ntechnical_name: A\n', '1:1 yaml-version'],
    ['!!binary', 'technical_name: A\nadd_data:\n  x: !!binary aGk=\n', '3:6 unknown-tag'],
    ['!!set', 'technical_name: A\nadd_data: !!set {a}\n', '2:11 unknown-tag'],
    ['a custom tag', 'technical_name: !shout A\n', '1:17 unknown-tag'],
    ['an undefined alias', 'technical_name: *nope\n', '1:17 unknown-alias'],
    ['a recursive alias', 'technical_name: A\nadd_data: &a {x: *a}\n', '2:18 recursive-alias'],
    ['deep nesting', `technical_name: A\nadd_data: {x: ${'['.repeat(40)}${']'.repeat(40)}}\n`, '2:46 too-deep'],
  ])('refuses %s', (_, text, expected) => {
    const { diagnostics, services } = analyzeTexts({ 'a.yaml': text });
    expect(brief(diagnostics)).toEqual([`services/a.yaml:${expected}`]);
    expect(services).toEqual([]);
  });

  it('refuses an alias bomb by the node budget', () => {
    const rows = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      rows.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    const { diagnostics } = analyzeTexts({ 'a.yaml': `technical_name: A\nadd_data:\n  ${rows.join('\n  ')}\n` });
    expect(diagnostics.map((d) => d.code)).toEqual(['too-many-nodes']);
    expect(messageFor(diagnostics[0] as (typeof diagnostics)[0])).toBe(
      'aliases expand this document to more than 5000 values; that is refused to protect the build',
    );
  });

  it('expands harmless aliases', () => {
    const { diagnostics, services } = analyzeTexts({
      'a.yaml': 'technical_name: &name Voicemail\ndisplay_name: *name\n',
    });
    expect(diagnostics).toEqual([]);
    expect(services[0]?.display_name).toBe('Voicemail');
  });

  it('reports a duplicate key with the key as written', () => {
    const { diagnostics } = analyzeTexts({ 'a.yaml': 'technical_name: A\n"technical_name": B\n' });
    expect(diagnostics.map(messageFor)).toEqual([
      'the key "technical_name" appears more than once in this mapping; keep one',
    ]);
  });
});
