/**
 * The README's hosting matrix is the conformance table's differences as they
 * are: stale, this fails; `npm run hosts:matrix` writes it again.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/cli.js';
import { hostingMatrix, MATRIX_END, MATRIX_START, withMatrix } from '../../helpers/hosting-matrix.js';

const README = join(ROOT, 'README.md');

describe('the hosting matrix of the README', () => {
  it('is the one the conformance table gives', () => {
    const readme = readFileSync(README, 'utf8');
    if (process.env.UPDATE_HOSTING_MATRIX === '1') writeFileSync(README, withMatrix(readme));
    expect(readFileSync(README, 'utf8')).toBe(withMatrix(readme));
  });

  it('names each difference with its answer and why', () => {
    const matrix = hostingMatrix();
    const lines = matrix.split('\n');
    expect([lines[0], lines.at(-1)]).toEqual([MATRIX_START, MATRIX_END]);
    expect(lines[1]).toMatch(/^\| host +\| request +\| answer +\| why +\|$/);
    expect(lines[2]).toMatch(/^\| -+ \| -+ \| -+ \| -+ \|$/);
    expect(new Set(lines.slice(1, -1).map((l) => l.length)).size).toBe(1);
    expect(lines.find((l) => l.includes('| FOO '))?.replace(/ +/g, ' ')).toBe(
      "| serve | FOO | 400 JSON `bad-request` | Node's HTTP parser refuses a method it does not know |",
    );
  });
});
