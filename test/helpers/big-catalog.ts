/**
 * Large generated catalogs for the crash tests: two versions of one catalog
 * that differ the way real changes do (some services gone, some new, some
 * described anew), so that the old and the new site differ in many files but
 * share most of them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMA_LINE } from './fs.js';

const pad = (i: number) => String(i).padStart(5, '0');

function serviceText(i: number, version: 'a' | 'b'): string {
  // Flags from the bits of a small multiplicative hash: every filter gets members.
  const bits = (i * 2654435761) >>> 27;
  const rewritten = version === 'b' && i % 3 === 0;
  return [
    SCHEMA_LINE.trimEnd(),
    `technical_name: Generated Service ${pad(i)}`,
    `display_name: Service ${pad(i)}`,
    `description: ${rewritten ? 'Rewritten description' : 'Description'} of service number ${i}`,
    `for_hg: ${(bits & 1) === 1}`,
    `for_cc: ${(bits & 2) === 2}`,
    `for_ivr: ${(bits & 4) === 4}`,
    `for_enduser: ${(bits & 8) === 8}`,
    `no_more_assignable: ${(bits & 16) === 16}`,
    'add_data:',
    `  order: ${i}`,
    `  tags: [generated, catalog]`,
    '',
  ].join('\n');
}

/**
 * Writes version a (services 0 to count - 1) or version b (a tenth of them
 * removed, a tenth more added, a third with a new description) into `dir`.
 */
export function writeBigCatalog(dir: string, version: 'a' | 'b', count: number): void {
  mkdirSync(dir, { recursive: true });
  const extra = version === 'b' ? Math.floor(count / 10) : 0;
  for (let i = 0; i < count + extra; i++) {
    if (version === 'b' && i % 10 === 7) continue;
    writeFileSync(join(dir, `generated-service-${pad(i)}.yaml`), serviceText(i, version));
  }
}
