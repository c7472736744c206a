/**
 * Names that show nothing or are not characters, through the command line:
 * each refused at its value with a located message, the build writes nothing
 * and exits 1.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/fs.js';

const work = tempDir('user-services-unicode-names-');
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('names that show nothing or are not characters', () => {
  it('are refused by build, each at its value, and nothing is written', () => {
    writeTree(work, {
      'services/blank.yaml': 'technical_name: "\\u2800"\n',
      'services/notehead.yaml': 'technical_name: Music On Hold User\ndisplay_name: "Null \\U0001D159 Head"\n',
      'services/private.yaml': 'technical_name: "Voice\\ue000"\n',
      'services/plane15.yaml': 'technical_name: "\\U000F0000"\n',
      'services/nonchar.yaml': 'technical_name: "x\\uFDD0"\n',
      'services/unassigned.yaml': 'technical_name: "Greek \\u0378"\n',
    });
    const r = runCli(['build'], { cwd: work });
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n')).toEqual([
      'services/blank.yaml:1:17: error blank-character: technical_name contains U+2800 BRAILLE PATTERN BLANK at position 1, a symbol that shows as a blank; remove it, or type a plain space (U+0020) where a space is meant',
      "services/nonchar.yaml:1:17: error not-a-character: technical_name contains U+FDD0 <noncharacter-FDD0> at position 2, a noncharacter, which Unicode sets aside for programs' internal use and not for text; remove it",
      'services/notehead.yaml:2:15: error blank-character: display_name contains U+1D159 MUSICAL SYMBOL NULL NOTEHEAD at position 6, a symbol that shows as a blank; remove it, or type a plain space (U+0020) where a space is meant',
      'services/plane15.yaml:1:17: error private-use-character: technical_name contains U+F0000 <private-use-F0000> at position 1, a private-use character: Unicode gives it no meaning or look, so most readers see nothing or a box; remove it, or write a character Unicode assigns',
      'services/private.yaml:1:17: error private-use-character: technical_name contains U+E000 <private-use-E000> at position 6, a private-use character: Unicode gives it no meaning or look, so most readers see nothing or a box; remove it, or write a character Unicode assigns',
      'services/unassigned.yaml:1:17: error not-a-character: technical_name contains U+0378 <reserved-0378> at position 7, which is not a character in Unicode 16.0, the version this tool knows: readers see nothing or a box; remove it',
      '',
    ]);
    expect(r.stderr).toMatch(/^build: 6 services read, 6 errors, nothing written in \d+\.\d\d s$/m);
    expect(existsSync(join(work, 'dist'))).toBe(false);
  });

  it('report the kind of what is not a character in JSON output', () => {
    writeTree(work, { 'services/blank.yaml': 'technical_name: "ab\\U0010FFFE"\n' });
    for (const f of ['notehead', 'private', 'plane15', 'nonchar', 'unassigned'])
      rmSync(join(work, `services/${f}.yaml`));
    const r = runCli(['check', '--format', 'json'], { cwd: work });
    expect(r.status).toBe(1);
    const { diagnostics } = JSON.parse(r.stdout);
    expect(
      diagnostics.map((d: { file: string; line: number; column: number; code: string; args: unknown }) => [
        d.file,
        d.line,
        d.column,
        d.code,
        d.args,
      ]),
    ).toEqual([
      [
        'services/blank.yaml',
        1,
        17,
        'not-a-character',
        {
          field: 'technical_name',
          codePoint: 'U+10FFFE',
          name: '<noncharacter-10FFFE>',
          index: 2,
          kind: 'noncharacter',
        },
      ],
    ]);
  });
});
