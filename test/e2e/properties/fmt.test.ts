/**
 * fmt on generated catalogs, through the command line in process: whatever the
 * order of the fields, the comments, the line ends and trailing blanks, and
 * booleans written as YAML 1.1 words or quoted, fmt gives files that publish
 * exactly what the catalog written plainly publishes, and a second fmt changes
 * nothing.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { catalogArb, FLAGS, type ServiceSpec } from '../../helpers/arbitraries.js';
import { writeService } from '../../helpers/catalog-model.js';
import { readTree, tempDir, writeTree } from '../../helpers/fs.js';
import { runInProcess } from '../../helpers/in-process.js';
import { expectSameSite } from '../../helpers/site.js';

/** Each run builds twice and formats twice: on a loaded machine far more than the default 30 s. */
const PROPERTY_TIMEOUT_MS = 600_000;

/** How a file is spoiled in ways fmt undoes: its line ends, blanks, final line break, and how booleans are written. */
interface Spoil {
  readonly crlf: boolean;
  readonly trailing: boolean;
  readonly noFinalBreak: boolean;
  /** Per boolean field written: 0 as `true`/`false`, 1 as a YAML 1.1 word, 2 quoted. */
  readonly booleans: readonly number[];
}

const spoilArb: fc.Arbitrary<Spoil> = fc.record({
  crlf: fc.boolean(),
  trailing: fc.boolean(),
  noFinalBreak: fc.boolean(),
  booleans: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 5, maxLength: 5 }),
});

const BOOLEAN_FIELDS = ['no_more_assignable', ...FLAGS];
const WORDS = { true: ['yes', 'On', 'Y', 'YES'], false: ['no', 'Off', 'N', 'OFF'] };

/** The file as `writeService` writes it (with a comment on every line), its layout spoiled. */
function layoutSpoiled(s: ServiceSpec, spoil: Spoil): string {
  let text = writeService(s, 'kept').text;
  if (spoil.trailing) text = text.replace(/\n/g, '  \n');
  if (spoil.noFinalBreak) text = text.replace(/\n$/, '');
  return spoil.crlf ? text.replace(/\n/g, '\r\n') : text;
}

/** The same file, its booleans also written as YAML 1.1 words or quoted (what fmt fixes). */
function booleansSpoiled(text: string, spoil: Spoil): string {
  let out = text;
  for (const [i, field] of BOOLEAN_FIELDS.entries()) {
    const how = spoil.booleans[i] ?? 0;
    out = out.replace(new RegExp(`^${field}: (true|false)`, 'm'), (_, value: 'true' | 'false') => {
      if (how === 1) return `${field}: ${WORDS[value][(i + value.length) % 4]}`;
      return how === 2 ? `${field}: "${value}"` : `${field}: ${value}`;
    });
  }
  return out;
}

describe('fmt on generated catalogs', () => {
  const root = tempDir('user-services-fmt-property-');
  afterAll(() => rmSync(root, { recursive: true, force: true }), PROPERTY_TIMEOUT_MS);
  let run = 0;

  const cli = runInProcess;

  function catalog(files: Record<string, string>): string {
    const dir = join(root, String(run++));
    writeTree(dir, { 'schema/user-service.schema.json': '{}\n' });
    writeTree(join(dir, 'services'), files);
    return dir;
  }

  it(
    'publishes what the plainly written catalog publishes, and is idempotent',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          catalogArb(5),
          fc.array(spoilArb, { minLength: 5, maxLength: 5 }),
          async (services, spoils) => {
            const spoilOf = (i: number) => spoils[i % spoils.length] as Spoil;
            const plain = catalog(
              Object.fromEntries(services.map((s) => [writeService(s).name, writeService(s).text])),
            );
            const spoiled = catalog(
              Object.fromEntries(
                services.map((s, i) => [
                  writeService(s).name,
                  booleansSpoiled(layoutSpoiled(s, spoilOf(i)), spoilOf(i)),
                ]),
              ),
            );
            expect((await cli(['build', '--no-compress'], plain)).status).toBe(0);
            const formatted = await cli(['fmt'], spoiled);
            expect(formatted.status, formatted.stdout).toBe(0);
            const once = readTree(join(spoiled, 'services'));
            const again = await cli(['fmt'], spoiled);
            expect([again.status, again.stdout]).toEqual([0, '']);
            expect(readTree(join(spoiled, 'services'))).toEqual(once);
            for (const [name, bytes] of once) {
              const text = bytes.toString('utf8');
              expect([name, /\r|[ \t]\n|[^\n]$/.test(text), text.startsWith('# yaml-language-server')]).toEqual([
                name,
                false,
                true,
              ]);
            }
            expect((await cli(['build', '--no-compress'], spoiled)).status).toBe(0);
            expectSameSite(readTree(join(spoiled, 'dist')), readTree(join(plain, 'dist')));
          },
        ),
        { numRuns: 40 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it('writes what it wrote: a file fmt made is left as it is', async () => {
    const dir = catalog({ 'a.yaml': 'technical_name: Call Waiting\n' });
    expect((await cli(['fmt'], dir)).stdout).toBe('services/a.yaml: reformatted\n');
    writeFileSync(join(dir, 'services', 'b.yaml'), 'technical_name: Call Transfer\n');
    expect((await cli(['fmt'], dir)).stdout).toBe('services/b.yaml: reformatted\n');
  });
});
