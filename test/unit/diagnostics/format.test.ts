import { describe, expect, it } from 'vitest';
import { error } from '../../../scripts/core/diagnostics/diagnostic.js';
import { fromRoot } from '../../../scripts/core/diagnostics/format/github.js';
import { formatters } from '../../../scripts/core/diagnostics/format/index.js';
import type { Report } from '../../../scripts/core/diagnostics/format/types.js';
import { visible } from '../../../scripts/core/diagnostics/format/visible.js';

const report: Report = {
  diagnostics: [
    error('unknown-field', { file: 'services/a b.yaml', line: 4, column: 10 }, { field: 'x,y', suggestion: null }),
    error(
      'yaml-syntax',
      { file: 'services/c.yaml', line: 2, column: 1 },
      { detail: '100% wrong\nreally', parserCode: 'MULTIPLE_TAGS' },
    ),
  ],
  summary: { command: 'check', services: 2, errors: 2, warnings: 0, seconds: 0.5 },
};
const fields =
  'technical_name, display_name, description, no_more_assignable, deprecation, for_hg, for_cc, for_ivr, for_enduser, add_data, previous_names';

describe('formatters', () => {
  it('text: one line per problem, file:line:col: severity code: message, summary on stderr', () => {
    expect(formatters.text(report, { color: false })).toEqual({
      out:
        `services/a b.yaml:4:10: error unknown-field: unknown field "x,y"; allowed fields are ${fields}\n` +
        'services/c.yaml:2:1: error yaml-syntax: a value has more than one tag (!); keep one (the YAML parser says: 100% wrong really)\n',
      err: 'check: 2 services read, 2 errors in 0.50 s\n',
    });
  });

  it('text: colours only when asked', () => {
    const { out } = formatters.text({ ...report, diagnostics: report.diagnostics.slice(0, 1) }, { color: true });
    expect(
      out.startsWith(
        '\u001b[1mservices/a b.yaml:4:10:\u001b[0m \u001b[31merror\u001b[0m \u001b[2munknown-field\u001b[0m',
      ),
    ).toBe(true);
  });

  it('github: workflow commands with escaped properties and data', () => {
    expect(formatters.github(report, { color: true }).out).toBe(
      `::error file=services/a b.yaml,line=4,col=10,title=unknown-field::unknown field "x,y"; allowed fields are ${fields}\n` +
        '::error file=services/c.yaml,line=2,col=1,title=yaml-syntax::a value has more than one tag (!); keep one (the YAML parser says: 100%25 wrong%0Areally)\n',
    );
  });

  it('github: files named from the repository root when the working directory is below it', () => {
    expect(formatters.github(report, { color: false, workspace: 'ops/catalog' }).out).toBe(
      `::error file=ops/catalog/services/a b.yaml,line=4,col=10,title=unknown-field::unknown field "x,y"; allowed fields are ${fields}\n` +
        '::error file=ops/catalog/services/c.yaml,line=2,col=1,title=yaml-syntax::a value has more than one tag (!); keep one (the YAML parser says: 100%25 wrong%0Areally)\n',
    );
  });

  it.each([
    ['', 'services/a.yaml', 'services/a.yaml'],
    ['catalog', 'services/a.yaml', 'catalog/services/a.yaml'],
    ['catalog/sub', '../services/a.yaml', 'catalog/services/a.yaml'],
    ['catalog', '../../elsewhere/a.yaml', '../elsewhere/a.yaml'],
    ['a/./b', './services//a.yaml', 'a/b/services/a.yaml'],
    ['catalog', '..', '.'],
  ])('github: with the working directory at "%s", %s is %s from the root', (workspace, file, expected) => {
    expect(fromRoot(workspace, file)).toBe(expected);
  });

  it('json: the documented shape, nothing on stderr', () => {
    const { out, err } = formatters.json(report, { color: true });
    expect(err).toBe('');
    expect(JSON.parse(out)).toEqual({
      version: 1,
      diagnostics: [
        {
          code: 'unknown-field',
          severity: 'error',
          file: 'services/a b.yaml',
          line: 4,
          column: 10,
          message: `unknown field "x,y"; allowed fields are ${fields}`,
          args: { field: 'x,y', suggestion: null },
        },
        {
          code: 'yaml-syntax',
          severity: 'error',
          file: 'services/c.yaml',
          line: 2,
          column: 1,
          message: 'a value has more than one tag (!); keep one (the YAML parser says: 100% wrong\nreally)',
          args: { detail: '100% wrong\nreally', parserCode: 'MULTIPLE_TAGS' },
        },
      ],
      summary: { command: 'check', services: 2, errors: 2, warnings: 0, seconds: 0.5 },
    });
  });
});

describe('text from the input cannot forge output', () => {
  const forged: Report = {
    diagnostics: [
      error(
        'invalid-instance-name',
        { file: 'services/a\nservices/x.yaml:9:9: error fake: injected\u001b[2J.yaml', line: 1, column: 1 },
        { name: 'a\u202Eb', problem: 'pattern' },
      ),
    ],
    summary: { command: 'check', services: 1, errors: 1, warnings: 0, seconds: 0 },
  };
  const why =
    'it must start with a letter or digit and use only letters A-Z, digits, "_", "." and "-"; rename the file';

  it('text: control characters in paths and messages are shown as escapes, on one line', () => {
    expect(formatters.text(forged, { color: false }).out).toBe(
      'services/a\\u000Aservices/x.yaml:9:9: error fake: injected\\u001B[2J.yaml:1:1: error invalid-instance-name: ' +
        `the instance name "a\\u202Eb" (the file name without .yaml) is not valid: ${why}\n`,
    );
  });

  it("github: the same, with the runner's own escapes for line breaks", () => {
    expect(formatters.github(forged, { color: false }).out).toBe(
      '::error file=services/a%0Aservices/x.yaml%3A9%3A9%3A error fake%3A injected\\u001B[2J.yaml,line=1,col=1,title=invalid-instance-name::' +
        `the instance name "a\\u202Eb" (the file name without .yaml) is not valid: ${why}\n`,
    );
  });

  it('visible: invisible and space-like characters and lone surrogates become escapes; the rest stays', () => {
    expect(visible('a\u00a0b\u200bc\u{E0001}d\ud83de😀 f\u0301\u2028\u3000x')).toBe(
      'a\\u00A0b\\u200Bc\\u{E0001}d\\uD83De😀 f\u0301\\u2028\\u3000x',
    );
  });

  it('json: seconds rounded to milliseconds', () => {
    const out = formatters.json(
      { ...report, summary: { ...report.summary, seconds: 0.4873000000000001 } },
      { color: false },
    );
    expect(JSON.parse(out.out).summary.seconds).toBe(0.487);
  });
});
