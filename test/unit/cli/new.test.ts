/**
 * What `new` does with the diagnostics of the file it would write: as for
 * check, an error refuses it (exit status 1, nothing written) and warnings
 * alone do not; they are printed as check prints them. The warnings here are
 * those real rules give today (`comment-in-text`, `field-in-add-data`,
 * `yaml11-value`), since `new`'s own text gives none.
 */
import { describe, expect, it } from 'vitest';
import { printWarnings, serviceYaml, vetNewFile } from '../../../scripts/cli/commands/new.js';
import type { Io } from '../../../scripts/cli/io.js';
import { DESCRIPTION_MAX_LENGTH } from '../../../scripts/core/model/service-schema.js';
import { analyzeTexts } from '../../helpers/core.js';

/** An Io that records what is printed. */
function recording(): Io & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    cwd: '/',
    env: {},
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s) },
    out,
    err,
  };
}

const PATH = 'services/park.yaml';
const diagnosticsOf = (text: string) => analyzeTexts({ 'park.yaml': text }).diagnostics;

const COMMENT = 'technical_name: Call Park\ndescription: Parks a call #1 for later\n';
const COMMENT_LINE =
  'services/park.yaml:2:27: warning comment-in-text: the text of description ends here: " #" starts a YAML comment, so what follows is not part of the value; put the whole text in quotes to keep it\n';

describe("new, on its file's diagnostics", () => {
  it('writes a file with a warning alone, and prints the warning as check does', () => {
    const io = recording();
    const problems = diagnosticsOf(COMMENT);
    expect(vetNewFile(io, PATH, problems)).toBeNull();
    expect(io.err).toEqual([]);
    printWarnings(io, problems);
    expect(io.err).toEqual([COMMENT_LINE]);
    expect(io.out).toEqual([]);
  });

  it.each([
    ['a field indented under add_data', 'technical_name: A\nadd_data:\n  for_hg: true\n', ['3:3 field-in-add-data']],
    ['a YAML 1.1 value in add_data', 'technical_name: A\nadd_data:\n  on: yes\n', ['3:7 yaml11-value']],
    ['two warnings', 'technical_name: A #1\nadd_data:\n  x: off\n', ['1:19 comment-in-text', '3:6 yaml11-value']],
  ])('writes a file with %s (warnings only)', (_, text, expected) => {
    const io = recording();
    const problems = diagnosticsOf(text);
    expect(problems.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual(expected);
    expect(problems.every((d) => d.severity === 'warning')).toBe(true);
    expect(vetNewFile(io, PATH, problems)).toBeNull();
    printWarnings(io, problems);
    expect(
      io.err
        .join('')
        .split('\n')
        .slice(0, -1)
        .map((l) => l.replace(/: .*/, '')),
    ).toEqual(expected.map((e) => `${PATH}:${e.replace(/ .*/, '')}`));
  });

  it('prints nothing for a file without diagnostics', () => {
    const io = recording();
    expect(vetNewFile(io, PATH, [])).toBeNull();
    printWarnings(io, []);
    expect([...io.out, ...io.err]).toEqual([]);
  });

  it('refuses a file with an error, with exit status 1, naming its warnings too', () => {
    const io = recording();
    const problems = diagnosticsOf(`${COMMENT}for_hg: yes\n`);
    expect(vetNewFile(io, PATH, problems)).toBe(1);
    expect(io.err).toEqual([
      'user-services new: services/park.yaml would not be valid, so it was not written:\n' +
        COMMENT_LINE +
        'services/park.yaml:3:9: error yaml11-boolean: for_hg is the string "yes": YAML 1.2 reads yes as text, not as a boolean; write true\n',
    ]);
    expect(io.out).toEqual([]);
  });
});

describe("new's text", () => {
  const home = { schema: '../schema/user-service.schema.json', fields: '../README.md#fields', check: 'npm run check' };
  const service = (description: string) => ({
    instance: 'call-park',
    technicalName: 'Call Park',
    displayName: 'Call Park',
    description,
    flags: [] as const,
  });

  it("names the instance's URL and the schema's description limit", () => {
    const lines = serviceYaml(service(''), home).split('\n');
    expect(lines[1]).toBe('# The user service published at /api/v1/configs/user_services/call-park/');
    expect(lines).toContain(`# At most ${DESCRIPTION_MAX_LENGTH} characters.`);
    expect(DESCRIPTION_MAX_LENGTH).toBe(1024);
  });

  it('passes check at the limit and not one character beyond it', () => {
    const at = analyzeTexts({ 'call-park.yaml': serviceYaml(service('x'.repeat(DESCRIPTION_MAX_LENGTH)), home) });
    expect(at.diagnostics).toEqual([]);
    const over = analyzeTexts({ 'call-park.yaml': serviceYaml(service('x'.repeat(DESCRIPTION_MAX_LENGTH + 1)), home) });
    expect(over.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}`)).toEqual([
      '10:14 error too-long',
    ]);
  });
});
