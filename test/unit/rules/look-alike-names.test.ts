/**
 * Technical names a reader cannot tell apart are one name: the uniqueness rule
 * and diff's rename pairing compare them by the same key (NFKC and full case
 * folding), and the message says why two collide.
 */

import { describe, expect, it } from 'vitest';
import { messageFor } from '../../../scripts/core/diagnostics/messages.js';
import { diffSites } from '../../../scripts/core/diff/compare.js';
import { KINDS } from '../../../scripts/core/kinds/index.js';
import { analyzeTexts } from '../../helpers/core.js';
import { pageAssets } from '../../helpers/page.js';
import { emitSite } from '../../helpers/user-services-kind.js';

const clash = (a: string, b: string) =>
  analyzeTexts({
    'a.yaml': `technical_name: ${JSON.stringify(a)}\n`,
    'b.yaml': `# b\ntechnical_name: ${JSON.stringify(b)}\n`,
  });

const TAIL = 'names a reader cannot tell apart are one name, so each service needs its own';

describe('look-alike technical names', () => {
  it('refuses "Numéro Privé" composed and decomposed, both files, saying why', () => {
    const { diagnostics, services } = clash('Numéro Privé', 'Nume\u0301ro Prive\u0301');
    const why =
      'the two are the same characters written with different but equivalent code points, such as accents typed composed or decomposed (Unicode NFC and NFD)';
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}: ${messageFor(d)}`)).toEqual([
      `services/a.yaml:1:17 duplicate-technical-name: the technical_name "Numéro Privé" is also used by services/b.yaml:2 as "Nume\u0301ro Prive\u0301": ${why}; ${TAIL}`,
      `services/b.yaml:2:17 duplicate-technical-name: the technical_name "Nume\u0301ro Prive\u0301" is also used by services/a.yaml:1 as "Numéro Privé": ${why}; ${TAIL}`,
    ]);
    expect(services).toEqual([]);
  });

  it.each([
    ['Straße', 'STRASSE', 'case', 'the two differ only in case (Unicode case folding, where "ß" is "ss")'],
    ['Voice Mail', 'VOICE MAIL', 'case', 'the two differ only in case (Unicode case folding)'],
    ['Ǆemal', 'ǅemal', 'case', 'the two differ only in case (Unicode case folding)'],
    [
      'Ｖｏｉｃｅｍａｉｌ',
      'Voicemail',
      'compatibility',
      'the two are the same once compatibility forms, such as full-width letters or ligatures, are normalized (Unicode NFKC) and case is ignored',
    ],
    [
      '\u212A Line',
      'K Line',
      'composition',
      'the two are the same characters written with different but equivalent code points, such as accents typed composed or decomposed (Unicode NFC and NFD)',
    ],
  ])('refuses "%s" beside "%s" (%s)', (a, b, collision, why) => {
    const { diagnostics } = clash(a, b);
    expect(diagnostics.map((d) => d.args)).toEqual([
      { name: a, other: 'services/b.yaml', otherLine: 2, otherName: b, collision },
      { name: b, other: 'services/a.yaml', otherLine: 1, otherName: a, collision },
    ]);
    expect(messageFor(diagnostics[0] as (typeof diagnostics)[number])).toBe(
      `the technical_name ${JSON.stringify(a)} is also used by services/b.yaml:2 as ${JSON.stringify(b)}: ${why}; ${TAIL}`,
    );
  });

  it('says no more than "also used" of the very same name', () => {
    const { diagnostics } = clash('Voicemail', 'Voicemail');
    expect(diagnostics.map(messageFor)).toEqual([
      `the technical_name "Voicemail" is also used by services/b.yaml:2; ${TAIL}`,
      `the technical_name "Voicemail" is also used by services/a.yaml:1; ${TAIL}`,
    ]);
  });

  it('names every member of a group of three, each with another one', () => {
    const { diagnostics } = analyzeTexts({
      'a.yaml': 'technical_name: Straße\n',
      'b.yaml': 'technical_name: STRASSE\n',
      'c.yaml': 'technical_name: strasse\n',
      'd.yaml': 'technical_name: Strasse Zwei\n',
    });
    expect(diagnostics.map((d) => `${d.file} ${'other' in d.args ? d.args.other : ''}`)).toEqual([
      'services/a.yaml services/b.yaml',
      'services/b.yaml services/a.yaml',
      'services/c.yaml services/a.yaml',
    ]);
  });

  it('keeps names apart that differ in letters, accents or script', () => {
    const { diagnostics, services } = analyzeTexts({
      'a.yaml': 'technical_name: Numero Prive\n',
      'b.yaml': 'technical_name: Numéro Privé\n',
      'c.yaml': 'technical_name: Résumé\n',
      'd.yaml': 'technical_name: Resume\n',
      'e.yaml': 'technical_name: Istanbul\n',
      'f.yaml': 'technical_name: İstanbul\n',
      'g.yaml': 'technical_name: Voicemail\n',
      'h.yaml': 'technical_name: Vоicemail\n', // a Cyrillic о: another letter, though it looks alike
    });
    expect(diagnostics).toEqual([]);
    expect(services).toHaveLength(8);
  });
});

describe('diff pairs renames by the same key', () => {
  const siteOf = (files: Record<string, string>) => {
    const { services, diagnostics } = analyzeTexts(files);
    expect(diagnostics).toEqual([]);
    return emitSite(services, { pretty: false, page: pageAssets() });
  };

  it.each([
    ['Straße', 'STRASSE'],
    ['Numéro', 'Nume\u0301ro'],
    ['Ｖｏｉｃｅ', 'voice'],
  ])('a new instance name for "%s", now written "%s", is one rename', (before, after) => {
    const diff = diffSites(
      siteOf({ 'old.yaml': `technical_name: ${JSON.stringify(before)}\n` }),
      siteOf({ 'new.yaml': `technical_name: ${JSON.stringify(after)}\n` }),
      KINDS,
    );
    expect(diff.changes.map((c) => [c.kind, c.renamedFrom, c.instance, c.technicalName])).toEqual([
      ['renamed', 'old', 'new', after],
    ]);
  });

  it('a new instance with a name that only looks close is a removal and an addition', () => {
    const diff = diffSites(
      siteOf({ 'old.yaml': 'technical_name: Numero\n' }),
      siteOf({ 'new.yaml': 'technical_name: Numéro\n' }),
      KINDS,
    );
    expect(diff.changes.map((c) => [c.kind, c.instance])).toEqual([
      ['removed', 'old'],
      ['added', 'new'],
    ]);
  });
});
