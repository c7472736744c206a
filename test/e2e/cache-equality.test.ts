/**
 * The cache and every shortcut never change results: the same catalogs, built
 * and checked without the cache, with an empty one, with a warm one, after a
 * change, and with a corrupt or stale one, give the same bytes and the same
 * diagnostics.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { FIXTURE_SERVICES } from '../helpers/fixture-catalog.js';
import { readTree, SCHEMA_LINE, tempDir, writeTree } from '../helpers/fs.js';

const CACHE = join('node_modules', '.cache', 'user-services');

/** A catalog with problems of many kinds among valid files, plain and unusual. */
function mixedCatalog(dir: string): void {
  const files: Record<string, string> = {};
  for (let i = 0; i < 120; i++) {
    const flags = ['for_hg', 'for_cc', 'for_ivr', 'for_enduser'].map((f, k) => `${f}: ${(i >> k) % 2 === 0}`);
    const extra = i % 7 === 0 ? 'add_data:\n  weight: 7\n  tags: [a, b]\n  deep:\n    x: "y"\n' : '';
    files[`service-${i}.yaml`] =
      `${SCHEMA_LINE}technical_name: Service ${i}\ndescription: 'Number ${i}'\n${flags.join('\n')}\n${extra}`;
  }
  Object.assign(files, {
    'typo.yaml': 'technical_name: Typo\ndescripton: x\n',
    'yes.yaml': 'technical_name: Yes\nfor_hg: yes\n',
    'dup-key.yaml': 'technical_name: Dup\ntechnical_name: Dup again\n',
    'syntax.yml': 'technical_name: [unclosed\n',
    'same-name.yaml': 'technical_name: service 3\n',
    'anchors.yaml': 'technical_name: &n Anchored\ndisplay_name: *n\n',
    'index.yaml': 'technical_name: Reserved\n',
    'empty.yaml': '# nothing\n',
    'long.yaml': `technical_name: ${'x'.repeat(90)}\n`,
    'flow.yaml': '{technical_name: Flow, for_hg: true}\n',
  });
  writeTree(dir, files);
}

/** Every service file of the broken-file fixtures, named after its fixture. */
function fixturesCatalog(dir: string): void {
  const fixtures = join(ROOT, 'test', 'fixtures', 'bad');
  const files: Record<string, Uint8Array> = {};
  for (const fixture of readdirSync(fixtures)) {
    const folder = join(fixtures, fixture, 'services');
    for (const name of existsSync(folder) ? readdirSync(folder) : []) {
      if (statSync(join(folder, name)).isFile()) files[`${fixture}-${name}`] = readFileSync(join(folder, name));
    }
  }
  writeTree(dir, files);
}

/** A cache file's body: JSON after a first line holding its checksum. */
interface CacheBody {
  [field: string]: unknown;
  catalog?: { diagnostics: unknown[] };
  files?: Record<string, unknown[]>;
}

function cacheBody(path: string): CacheBody {
  const text = readFileSync(path, 'utf8');
  return JSON.parse(text.slice(text.indexOf('\n') + 1));
}

interface Outcome {
  readonly status: number | null;
  readonly stdout: string;
  readonly site?: Map<string, Buffer>;
}

const untimed = (json: string) => json.replace(/"seconds": [\d.]+/, '"seconds": 0');

function check(work: string, services: string, ...flags: string[]): Outcome {
  const r = runCli(['check', '--services', services, '--format', 'json', ...flags], { cwd: work });
  return { status: r.status, stdout: untimed(r.stdout) };
}

function build(work: string, services: string, out: string, ...flags: string[]): Outcome {
  const r = runCli(['build', '--services', services, '--out', out, '--format', 'json', ...flags], { cwd: work });
  const built = readdirSync(work).includes(out);
  // The files counts differ between a first build and a rebuild; the diagnostics may not.
  const stdout = untimed(r.stdout).replace(/"files": \{[^}]*\}/, '"files": {}');
  return { status: r.status, stdout, ...(built ? { site: readTree(join(work, out)) } : {}) };
}

describe.each([
  ['the fixture catalog', (dir: string) => cpSync(FIXTURE_SERVICES, dir, { recursive: true })],
  ['a catalog with problems of many kinds', mixedCatalog],
  ['the broken-file fixtures, all in one folder', fixturesCatalog],
])('%s', (_, make) => {
  let work: string;
  let reference: { check: Outcome; build: Outcome };

  beforeAll(() => {
    work = tempDir();
    // The cache lives beside the nearest package.json.
    writeFileSync(join(work, 'package.json'), '{}\n');
    make(join(work, 'services'));
    reference = {
      check: check(work, 'services', '--no-cache'),
      build: build(work, 'services', 'plain', '--no-cache'),
    };
    expect(readdirSync(work)).not.toContain('node_modules');
  });

  it('checks alike with an empty cache, a warm one, and none', () => {
    rmSync(join(work, CACHE), { recursive: true, force: true });
    expect(check(work, 'services')).toEqual(reference.check);
    expect(readdirSync(join(work, CACHE)).sort()).toEqual(['catalog.json', 'files.json']);
    expect(check(work, 'services')).toEqual(reference.check);
  });

  it('builds the same bytes and says the same with an empty cache, a warm one, and none', () => {
    rmSync(join(work, CACHE), { recursive: true, force: true });
    expect(build(work, 'services', 'cold')).toEqual(reference.build);
    expect(build(work, 'services', 'warm')).toEqual(reference.build);
    expect(build(work, 'services', 'warm')).toEqual(reference.build);
  });

  it('checks and builds alike in one thread and several, with the cache and without', () => {
    for (const threads of ['1', '2', '3']) {
      expect(check(work, 'services', '--no-cache', '--threads', threads)).toEqual(reference.check);
      expect(build(work, 'services', `t${threads}`, '--no-cache', '--threads', threads)).toEqual(reference.build);
    }
    rmSync(join(work, CACHE), { recursive: true, force: true });
    expect(build(work, 'services', 'tc', '--threads', '2')).toEqual(reference.build);
    expect(check(work, 'services', '--threads', '2')).toEqual(reference.check);
    // Eight runs of the command line: the time a loaded machine needs, not a speed target.
  }, 120_000);

  it('gives the same results after a change as a run without the cache', () => {
    check(work, 'services');
    const changed = join(work, 'changed');
    cpSync(join(work, 'services'), changed, { recursive: true });
    const first = readdirSync(changed)
      .filter((n) => statSync(join(changed, n)).isFile())
      .sort()[0] as string;
    writeFileSync(join(changed, first), `${readFileSync(join(changed, first), 'utf8')}for_ivr: yes\n`);
    writeFileSync(join(changed, 'added.yaml'), 'technical_name: Added later\n');
    expect(check(work, 'changed')).toEqual(check(work, 'changed', '--no-cache'));
    expect(build(work, 'changed', 'c1')).toEqual({ ...build(work, 'changed', 'c2', '--no-cache') });
  });

  it('ignores a corrupt cache and mends it', () => {
    check(work, 'services');
    writeFileSync(join(work, CACHE, 'catalog.json'), '{"format":1,"tool"');
    writeFileSync(join(work, CACHE, 'files.json'), 'not json at all');
    expect(check(work, 'services')).toEqual(reference.check);
    expect(Object.keys(cacheBody(join(work, CACHE, 'files.json')).files ?? {}).length).toBeGreaterThan(0);
    expect(build(work, 'services', 'mended')).toEqual(reference.build);
  });

  it('ignores a cache written by another tool version or for another schema, even when it says otherwise', () => {
    for (const field of ['tool', 'schema']) {
      check(work, 'services');
      // A stale cache that claims every file is valid and the catalog has no problem.
      for (const name of ['catalog.json', 'files.json']) {
        const path = join(work, CACHE, name);
        const body = cacheBody(path);
        body[field] = 'something else';
        if (body.catalog !== undefined) body.catalog.diagnostics = [];
        for (const entry of Object.values(body.files ?? {})) entry[2] = [];
        const text = JSON.stringify(body);
        writeFileSync(path, `${createHash('sha1').update(text).digest('hex')}\n${text}`);
      }
      expect(check(work, 'services')).toEqual(reference.check);
    }
  });
});

describe('a run in which nothing changed', () => {
  it('answers from the folder listing alone, and reads again after any change', async () => {
    const work = tempDir();
    writeFileSync(join(work, 'package.json'), '{}\n');
    mixedCatalog(join(work, 'services'));
    const reference = {
      check: check(work, 'services', '--no-cache'),
      build: build(work, 'services', 'plain', '--no-cache'),
    };
    // Changes younger than a clock tick may share it with the listing: wait them out.
    await new Promise((r) => setTimeout(r, 150));
    expect(check(work, 'services')).toEqual(reference.check);
    expect(cacheBody(join(work, CACHE, 'catalog.json')).catalog).toHaveProperty('listing');
    expect(check(work, 'services')).toEqual(reference.check);
    expect(build(work, 'services', 'listed')).toEqual(build(work, 'services', 'listed-plain', '--no-cache'));
    const file = join(work, 'services', 'service-1.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('for_hg: false', 'for_hg: true'));
    const changed = check(work, 'services');
    expect(changed).toEqual(check(work, 'services', '--no-cache'));
    expect(changed).toEqual(reference.check);
    writeFileSync(join(work, 'services', 'service-2.yaml'), 'technical_name: Service 3\n');
    // Old enough to be listed: the listing itself, not its youth, must tell the change.
    await new Promise((r) => setTimeout(r, 150));
    const clash = check(work, 'services');
    expect(clash).toEqual(check(work, 'services', '--no-cache'));
    expect(clash).not.toEqual(reference.check);
  });
});
