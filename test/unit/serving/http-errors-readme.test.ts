/**
 * Every error code of the request semantics and the hosts (`HTTP_ERRORS`) is
 * in the README's table of HTTP errors with its status, and the table names
 * no other.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HTTP_ERRORS } from '../../../scripts/core/serving/http-error.js';
import { ROOT } from '../../helpers/cli.js';

/** `[code, status]` of each row of the README's table whose header is `| status | code | when |`. */
function readmeErrors(): [string, number][] {
  const lines = readFileSync(join(ROOT, 'README.md'), 'utf8').split('\n');
  const start = lines.findIndex((l) => /^\| status +\| code +\| when +\|$/.test(l));
  const rows: [string, number][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const [, status = '', codes = ''] = line.split('|');
    for (const m of codes.matchAll(/`([a-z-]+)`/g)) rows.push([m[1] as string, Number(status)]);
  }
  return rows;
}

describe("the README's table of HTTP errors", () => {
  it('lists each error code once, with its status', () => {
    const listed = readmeErrors();
    expect(listed.slice(0, 2)).toEqual([
      ['invalid-path', 400],
      ['invalid-query', 400],
    ]);
    expect([...listed].sort()).toEqual(Object.entries(HTTP_ERRORS).sort());
  });
});
