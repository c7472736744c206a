/**
 * The README's "Fields" table lists the fields in the schema's order, which
 * is the order `fmt` writes them in (its "Formatting: fmt" part says so).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import schema from '../../../schema/user-service.schema.json' with { type: 'json' };
import { layOut } from '../../../scripts/core/format-source/layout.js';
import { FIELDS } from '../../../scripts/core/model/service-schema.js';
import { ROOT } from '../../helpers/cli.js';

/** The first column of the table under `heading` in `text`, each name without its backquotes. */
function tableNames(text: string, heading: string): string[] {
  const start = text.indexOf(`\n${heading}\n`);
  if (start < 0) return [];
  const section = text.slice(start + 1, text.indexOf('\n#', start + 1));
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => /^\| `([a-z_]+)`/.exec(line)?.[1] ?? line);
}

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe("the README's Fields table", () => {
  it("lists every field of the schema once, in the schema's order", () => {
    expect(tableNames(README, '### Fields')).toEqual(Object.keys(schema.properties));
  });

  it('is the order fmt writes the fields in', () => {
    const reversed = [...FIELDS]
      .reverse()
      .map((f) => (f === 'deprecation' ? 'deprecation: {since: 2025-03-01}' : `${f}: x`));
    const laidOut = layOut(`${reversed.join('\n')}\n`, '# schema') as string;
    expect(
      laidOut
        .split('\n')
        .slice(1, -1)
        .map((l) => l.split(':')[0]),
    ).toEqual(tableNames(README, '### Fields'));
  });

  it('is read by a reader that can fail: a table out of order reads in its own order', () => {
    const swapped = '\n### Fields\n\n| field |\n| --- |\n| `b` | x |\n| `a` | y |\n\n## Next\n';
    expect(tableNames(swapped, '### Fields')).toEqual(['b', 'a']);
    expect(tableNames('no such heading', '### Fields')).toEqual([]);
  });
});
