import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import type { Diagnostic } from '../../../scripts/core/diagnostics/diagnostic.js';
import { messageFor } from '../../../scripts/core/diagnostics/messages.js';
import { applyFixes } from '../../../scripts/core/format-source/fixes.js';
import { type Formatted, formatSource } from '../../../scripts/core/format-source/format.js';
import { layOut } from '../../../scripts/core/format-source/layout.js';
import { KINDS } from '../../../scripts/core/kinds/index.js';
import { YAML_OPTIONS } from '../../../scripts/core/reading/yaml-compose.js';
import { isYaml12Boolean, meantBoolean } from '../../../scripts/core/reading/yaml11.js';

const SCHEMA = '# yaml-language-server: $schema=../schema/user-service.schema.json';
const text = (...lines: string[]) => `${lines.join('\n')}\n`;
/** The problems a file is left with (none when it was formatted). */
const problemsOf = (r: Formatted): readonly Diagnostic[] => (r.kind === 'left' ? r.problems : []);
const format = (source: string) =>
  formatSource('services/a.yaml', 'services', new TextEncoder().encode(source), SCHEMA, KINDS);

describe('the canonical layout', () => {
  it('puts the fields in the documented order, each with the comments above it and after it', () => {
    const source = text(
      SCHEMA,
      '# The user service published at /api/v1/configs/user_services/a/',
      '',
      '# flags',
      'for_hg: true # Hunt Groups',
      'add_data:',
      '  # kept inside',
      '  zeta: 1',
      '  alpha: [x, "y"]',
      '',
      '# the name clients key on',
      'technical_name: Call Forwarding Always',
      'description: Sends every call elsewhere',
      "display_name: 'Forward all'",
      '# the end',
    );
    expect(layOut(source, SCHEMA)).toBe(
      text(
        SCHEMA,
        '# The user service published at /api/v1/configs/user_services/a/',
        '',
        '# the name clients key on',
        'technical_name: Call Forwarding Always',
        "display_name: 'Forward all'",
        'description: Sends every call elsewhere',
        '# flags',
        'for_hg: true # Hunt Groups',
        'add_data:',
        '  # kept inside',
        '  zeta: 1',
        '  alpha: [x, "y"]',
        '',
        '# the end',
      ),
    );
  });

  it('puts the schema line first, from wherever it is, or adds the one new writes', () => {
    expect(
      layOut(text('# about it', 'technical_name: A', SCHEMA.replace('../schema', 'elsewhere'), 'for_hg: true'), SCHEMA),
    ).toBe(
      text(
        '# yaml-language-server: $schema=elsewhere/user-service.schema.json',
        '# about it',
        'technical_name: A',
        'for_hg: true',
      ),
    );
    expect(layOut(text('# header', SCHEMA, '', 'technical_name: A'), SCHEMA)).toBe(
      text(SCHEMA, '# header', '', 'technical_name: A'),
    );
    expect(layOut(text('technical_name: A'), SCHEMA)).toBe(text(SCHEMA, 'technical_name: A'));
    expect(layOut(text('for_hg: true', '# its name', 'technical_name: A'), SCHEMA)).toBe(
      text(SCHEMA, '# its name', 'technical_name: A', 'for_hg: true'),
    );
  });

  it('ends lines with LF alone, drops trailing blanks, indents by two and ends with one line break', () => {
    expect(layOut('technical_name: A  \r\nadd_data:\r\n      k:   v\t\r\ndescription: "x"', SCHEMA)).toBe(
      text(SCHEMA, 'technical_name: A', 'description: "x"', 'add_data:', '  k: v'),
    );
    expect(layOut('# top  \ntechnical_name: A # after \t\n# end \n', SCHEMA)).toBe(
      text(SCHEMA, '# top', 'technical_name: A # after', '', '# end'),
    );
  });

  it("keeps the author's quoting, block texts, anchors and long lines as they are", () => {
    const long = `description: '${'word '.repeat(30).trim()}'`;
    const source = text(
      SCHEMA,
      '',
      'technical_name: "Call Park"',
      'display_name: &n Park',
      long,
      'add_data:',
      '  a: *n',
      '  b: |',
      '    two',
      '    lines',
    );
    expect(layOut(source, SCHEMA)).toBe(source);
  });

  it('writes again as escapes the characters YAML allows in double quotes only as escapes', () => {
    const source = text(
      'technical_name: A',
      'description: "a\\x7f\\x80\\x85\\x9f\\ufffe\\x0b\\t b"',
      'add_data: {"\\x7f": 1}',
    );
    expect(layOut(source, SCHEMA)).toBe(
      text(SCHEMA, 'technical_name: A', 'description: "a\\x7f\\x80\x85\\x9f\\ufffe\\v\\t b"', 'add_data: {"\\x7f": 1}'),
    );
  });

  it('gives back a text it cannot read, or that is no mapping, as it is', () => {
    expect(layOut('technical_name: [\n', SCHEMA)).toBe('technical_name: [\n');
    expect(layOut('- a\n', SCHEMA)).toBe('- a\n');
  });
});

describe('the fixes', () => {
  it('write true or false for the YAML 1.1 words and the quoted booleans of boolean fields, touching nothing else', () => {
    const source = text(
      'technical_name: yes',
      'for_hg: yes # kept',
      'for_cc: Off',
      'for_ivr: "true"',
      "for_enduser: 'false'",
      'no_more_assignable: N',
      'description: on',
      'add_data: {x: yes}',
    );
    expect(applyFixes(source)).toBe(
      text(
        'technical_name: yes',
        'for_hg: true # kept',
        'for_cc: false',
        'for_ivr: true',
        'for_enduser: false',
        'no_more_assignable: false',
        'description: on',
        'add_data: {x: yes}',
      ),
    );
  });

  it('write true or false for every quoted YAML 1.2 boolean spelling and quoted YAML 1.1 word of a boolean field', () => {
    const source = text(
      'technical_name: "True"',
      'for_hg: "True"',
      "for_cc: 'FALSE'",
      'for_ivr: "yes"',
      "for_enduser: 'Off' # kept",
      'no_more_assignable: "N"',
    );
    expect(applyFixes(source)).toBe(
      text(
        'technical_name: "True"',
        'for_hg: true',
        'for_cc: false',
        'for_ivr: true',
        'for_enduser: false # kept',
        'no_more_assignable: false',
      ),
    );
  });

  it('know the YAML 1.2 boolean spellings as YAML itself reads them', () => {
    const cases = ['true', 'false'].flatMap((w) => [
      w,
      w.toUpperCase(),
      w[0]?.toUpperCase() + w.slice(1),
      w.slice(0, -1) + w.slice(-1).toUpperCase(),
      w[0] + (w[1] as string).toUpperCase() + w.slice(2),
    ]);
    for (const c of cases) {
      const read = parseDocument(`v: ${c}`, YAML_OPTIONS).get('v');
      expect([c, typeof read === 'boolean']).toEqual([c, meantBoolean(c, true) !== null && isYaml12Boolean(c)]);
    }
  });

  it('leave what has another meaning or an author’s mark: other quoted text, tags, anchors, other text', () => {
    const source = text(
      'for_hg: "tRue"',
      'for_cc: !!str on',
      'for_ivr: &a y',
      'for_enduser: maybe',
      'no_more_assignable: "yess"',
    );
    expect(applyFixes(source)).toBe(source);
  });
});

describe('formatSource', () => {
  it('fixes and lays out a file whose only errors it fixes, and the result passes check', () => {
    const result = format(text('for_hg: yes', 'technical_name: A', 'for_cc: "false"'));
    expect(result).toEqual({
      kind: 'formatted',
      text: text(SCHEMA, 'technical_name: A', 'for_hg: true', 'for_cc: false'),
    });
  });

  it('fixes quoted booleans of every spelling YAML 1.2 reads once unquoted, and quoted YAML 1.1 words', () => {
    const result = format(text('for_cc: "True"', "for_hg: 'yes'", 'technical_name: A', 'for_ivr: "FALSE"'));
    expect(result).toEqual({
      kind: 'formatted',
      text: text(SCHEMA, 'technical_name: A', 'for_hg: true', 'for_cc: true', 'for_ivr: false'),
    });
  });

  it('is idempotent', () => {
    const once = format(text('# c', 'for_hg: on', '', 'technical_name: A # t', 'add_data:', '    b: 1.50', '# end'));
    expect(once.kind).toBe('formatted');
    const first = (once as { text: string }).text;
    expect(format(first)).toEqual({ kind: 'formatted', text: first });
  });

  it('leaves a file whose other errors remain, with those errors where the file has them', () => {
    const result = format(text('technical_name: A', 'for_hg: yes', 'for_cc: maybe', 'colour: red'));
    expect(result.kind).toBe('left');
    expect(problemsOf(result).map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual([
      '3:9 wrong-type',
      '4:1 unknown-field',
    ]);
  });

  it('leaves a file whose canonical form would read otherwise: an alias that would come before its anchor', () => {
    const result = format(text('add_data:', '  k: &x Text', 'description: *x', 'technical_name: A'));
    expect(problemsOf(result)).toEqual([
      {
        code: 'format-unsafe',
        severity: 'error',
        file: 'services/a.yaml',
        line: 1,
        column: 1,
        args: { problem: 'unknown-alias' },
      },
    ]);
    expect(problemsOf(result).map(messageFor)).toEqual([
      'fmt leaves this file as it is: in its canonical form (its fields in the documented order) it would have the problem unknown-alias (an alias that would come before its anchor, for one); put the fields in order by hand',
    ]);
  });

  it('formats a deprecated service with a sunset whose sunset line moves: a position is no published value', () => {
    const deprecation = (indent: string) =>
      ['deprecation:', 'since: 2025-03-01', 'reason: replaced', 'replaced_by: cfs', 'sunset: 2025-12-31'].map((l, i) =>
        i === 0 ? l : `${indent}${l}`,
      );
    const canonical = text(
      SCHEMA,
      'technical_name: Call Forwarding Always',
      'display_name: Call Forwarding Always',
      'description: Sends every incoming call to another number',
      'no_more_assignable: true',
      ...deprecation('  '),
    );
    const head = [
      'technical_name: Call Forwarding Always',
      'display_name: Call Forwarding Always',
      'description: Sends every incoming call to another number',
      'no_more_assignable: true',
    ];
    // No schema line (the line is added above the sunset); a field above it moved; the block indented by four.
    expect(format(text(...head, ...deprecation('  ')))).toEqual({ kind: 'formatted', text: canonical });
    expect(format(text(...deprecation('  '), ...[...head].reverse()))).toEqual({ kind: 'formatted', text: canonical });
    expect(format(text(SCHEMA, ...head, ...deprecation('    ')))).toEqual({ kind: 'formatted', text: canonical });
    expect(format(text(SCHEMA, '# a comment', '', ...head, ...deprecation('  ')))).toEqual({
      kind: 'formatted',
      text: text(SCHEMA, '# a comment', '', ...canonical.split('\n').slice(1, -1)),
    });
  });

  it('leaves a file that is not UTF-8', () => {
    const result = formatSource('services/a.yaml', 'services', new Uint8Array([0x74, 0xff, 0x0a]), SCHEMA, KINDS);
    expect([result.kind, problemsOf(result).map((d) => d.code)]).toEqual(['left', ['invalid-utf8']]);
  });
});
