/**
 * A comment after an unquoted text value: valid YAML that cuts the text, so a
 * warning at the `#` that suggests quotes; the service is still published.
 */

import { describe, expect, it } from 'vitest';
import { analyzeTexts as fileResults } from '../../../scripts/core/analysis/analyze.js';
import { decodeResult, encodeResult } from '../../../scripts/core/analysis/file-result-codec.js';
import { messageFor } from '../../../scripts/core/diagnostics/messages.js';
import { KINDS } from '../../../scripts/core/kinds/index.js';
import { analyzeTexts } from '../../helpers/core.js';

/** `line:column severity code field` of every diagnostic of one file. */
function read(text: string): string[] {
  return analyzeTexts({ 'a.yaml': text }).diagnostics.map(
    (d) => `${d.line}:${d.column} ${d.severity} ${d.code} ${'field' in d.args ? d.args.field : ''}`,
  );
}

describe('a comment that cuts a text value', () => {
  it('warns at the # and still publishes the service', () => {
    const text = 'technical_name: Call Park\ndescription: Parks a call #1 for later\n';
    const { diagnostics, services } = analyzeTexts({ 'a.yaml': text });
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}: ${messageFor(d)}`)).toEqual([
      '2:27 warning comment-in-text: the text of description ends here: " #" starts a YAML comment, so what follows is not part of the value; put the whole text in quotes to keep it',
    ]);
    expect(services.map((s) => s.description)).toEqual(['Parks a call']);
  });

  it.each([
    ['the technical name', 'technical_name: Voicemail #2\n', ['1:27 warning comment-in-text technical_name']],
    [
      'the display name',
      'technical_name: A\ndisplay_name: B\t# tab before\n',
      ['2:17 warning comment-in-text display_name'],
    ],
    [
      'text continued on a second line',
      'technical_name: A\ndescription: one\n  two # three\n',
      ['3:7 warning comment-in-text description'],
    ],
    [
      'a text in add_data',
      'technical_name: A\nadd_data:\n  deep:\n    note: x # y\n',
      ['4:13 warning comment-in-text add_data.deep.note'],
    ],
    [
      'a text in a list in add_data',
      'technical_name: A\nadd_data:\n  tags: [a #b\n    ]\n',
      ['3:12 warning comment-in-text add_data.tags[0]'],
    ],
  ])('in %s', (_, text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  it.each([
    ['a quoted text', 'technical_name: "A" # the name\ndescription: \'B\' # more\n'],
    ['a boolean', 'technical_name: A\nfor_hg: true # hunt groups\n'],
    ['a number in add_data', 'technical_name: A\nadd_data:\n  n: 1 # one\n'],
    ['a key with no value', 'technical_name: A\ndescription: # none yet\n'],
    ['a block scalar', 'technical_name: A\ndescription: | # literal\n  text\n  # inside the text\n'],
    ['a # inside the text', 'technical_name: A\ndescription: Route#1 and C# code\n'],
    ['a comment on its own line', 'technical_name: A\n# about the description\ndescription: B\n'],
    ['a field that is not text', 'technical_name: A\nextra: x # y\n'],
  ])('not after %s', (_, text) => {
    expect(read(text).filter((d) => d.includes('comment-in-text'))).toEqual([]);
  });

  it('is kept, with the rest of the tree, by the cache of results', () => {
    const bytes = new TextEncoder().encode('technical_name: Voicemail #2\n');
    const [result] = fileResults([{ kind: 'file', path: 'services/a.yaml', bytes }], 'services', KINDS);
    const root = result?.outline.root;
    const name = root?.kind === 'map' ? root.entries[0]?.value : undefined;
    expect(name).toMatchObject({ kind: 'scalar', value: 'Voicemail', commentAt: 26 });
    expect(
      decodeResult(JSON.parse(JSON.stringify(encodeResult(result as NonNullable<typeof result>, KINDS))), KINDS),
    ).toEqual(result);
  });
});
