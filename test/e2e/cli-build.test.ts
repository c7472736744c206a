import {
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSpecs } from '../helpers/catalog-files.js';
import { instanceOf, listOf, json as modelJson } from '../helpers/catalog-model.js';
import { runCli, untimed } from '../helpers/cli.js';
import { copyFixtureCatalog, FIXTURE_COUNT, FIXTURE_RENAMES, FIXTURE_SERVICES } from '../helpers/fixture-catalog.js';
import { readTree, tempDir, writeTree } from '../helpers/fs.js';
import { expectSameSite } from '../helpers/site.js';

const API = 'api/v1/configs/user_services';
const FLAGS = ['for_hg', 'for_cc', 'for_ivr', 'for_enduser'] as const;
const LIST_KEYS = ['technical_name', 'display_name', 'description', 'no_more_assignable'];
const INSTANCE_KEYS = [...LIST_KEYS, 'for_hg', 'for_ivr', 'for_cc', 'for_enduser', 'add_data'];

/** The fixture catalog read with the yaml library alone: the oracle the output is checked against. */
const fixtureCatalog = () => readSpecs(FIXTURE_SERVICES);

describe('build of the fixture catalog', () => {
  let work: string;
  let site: Map<string, Buffer>;
  let run: ReturnType<typeof runCli>;

  beforeAll(() => {
    work = copyFixtureCatalog(tempDir());
    run = runCli(['build'], { cwd: work });
    site = readTree(join(work, 'dist'));
  });

  it('exits 0 with a summary line and no diagnostics', () => {
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(untimed(run.stderr)).toBe(
      `build: ${FIXTURE_COUNT} services read, ${site.size} files written, 0 unchanged, 0 removed in T s\n`,
    );
  });

  it('writes the list, 15 filters and one file per instance, each with exactly the contract keys in order', () => {
    const catalog = fixtureCatalog();
    // The folders for mirrors (`_full/`, ...) are not the spec's: their names start with `_`. The copies of an
    // instance at its previous names (for GitHub Pages, which cannot redirect) are the same bytes, in no list.
    const copies = Object.entries(FIXTURE_RENAMES).map(([previous, instance]) => [
      `${API}/${previous}/index.json`,
      instance,
    ]);
    for (const [copy, instance] of copies) {
      expect(site.get(copy as string)).toEqual(site.get(`${API}/${instance}/index.json`));
    }
    const apiFiles = [...site.keys()].filter(
      (p) =>
        (p.startsWith(`${API}/`) &&
          p.endsWith('/index.json') &&
          !p.startsWith(`${API}/_`) &&
          !copies.some(([copy]) => copy === p)) ||
        p === `${API}/index.json`,
    );
    expect(apiFiles).toHaveLength(1 + 15 + FIXTURE_COUNT);
    const list = JSON.parse(site.get(`${API}/index.json`)?.toString() ?? '');
    expect(Object.keys(list)).toEqual(['user_services']);
    for (const entry of list.user_services) expect(Object.keys(entry)).toEqual(LIST_KEYS);
    for (const service of catalog) {
      const body = JSON.parse(site.get(`${API}/${service.instance}/index.json`)?.toString() ?? '');
      expect(Object.keys(body)).toEqual(INSTANCE_KEYS);
      // Defaults filled in, add_data with its keys in the order written (integer-like keys too): the exact bytes.
      expect(site.get(`${API}/${service.instance}/index.json`)?.toString()).toBe(modelJson(instanceOf(service)));
    }
    expect(site.get(`${API}/index.json`)?.toString()).toBe(modelJson(listOf(catalog)));
  });

  it('holds in each filter file exactly the services whose named flags are all true, sorted', () => {
    const catalog = fixtureCatalog();
    const filterFiles = [...site.keys()].filter((p) => p.startsWith(`${API}/filters/`) && p.endsWith('.json'));
    expect(filterFiles).toHaveLength(15);
    for (const path of filterFiles) {
      const flags = path.slice(`${API}/filters/`.length, -'/index.json'.length).split('/');
      expect(flags).toEqual(FLAGS.filter((f) => flags.includes(f)));
      const expected = catalog
        .filter((s) => flags.every((f) => s[f as (typeof FLAGS)[number]] === true))
        .map((s) => String(s.technical_name))
        .sort((a, b) => (a < b ? -1 : 1));
      const names = JSON.parse(site.get(path)?.toString() ?? '').user_services.map(
        (s: { technical_name: string }) => s.technical_name,
      );
      expect(names).toEqual(expected);
    }
  });

  it('publishes dist as a link to a complete build, beside which nothing else is left', () => {
    expect(lstatSync(join(work, 'dist')).isSymbolicLink()).toBe(true);
    // The build and its manifest.
    const id = basename(readlinkSync(join(work, 'dist')));
    expect(readdirSync(join(work, '.dist.builds')).sort()).toEqual([id, `${id}.manifest`]);
    expect(readdirSync(work).sort()).toEqual(['.dist.builds', '.hosting.builds', 'dist', 'hosting', 'services']);
  });
});

describe('same input, same bytes', () => {
  it('gives identical trees from different folders, time zones and locales', () => {
    const a = tempDir();
    const b = tempDir('other-place-');
    copyFixtureCatalog(a);
    mkdirSync(join(b, 'in'));
    copyFixtureCatalog(join(b, 'in'));
    const first = runCli(['build', '--out', 'site'], { cwd: a, env: { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' } });
    const second = runCli(['build', '--services', 'in/services', '--out', 'in/site'], {
      cwd: b,
      env: { TZ: 'Pacific/Chatham', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' },
    });
    expect([first.status, second.status]).toEqual([0, 0]);
    expectSameSite(readTree(join(b, 'in', 'site')), readTree(join(a, 'site')));
  });
});

describe('a failed build', () => {
  it('reports every problem on its own line, exits 1 and leaves dist byte-identical', () => {
    const work = copyFixtureCatalog(tempDir());
    expect(runCli(['build'], { cwd: work }).status).toBe(0);
    const before = readTree(join(work, 'dist'));
    const mtimes = [...before.keys()].map((p) => statSync(join(work, 'dist', p)).mtimeMs);
    writeTree(join(work, 'services'), {
      'voicemail-user.yaml': 'technical_name: Third-Party Voice Mail Support\nfor_hg: yes\ndescriptoin: x\n',
      'broken.yaml': 'technical_name: [\n',
      'twin.yml': 'technical_name: Call Waiting\n',
    });
    const run = runCli(['build'], { cwd: work });
    expect(run.status).toBe(1);
    expect(run.stdout.split('\n').filter(Boolean)).toEqual([
      'services/broken.yaml:1:17: error unclosed-bracket: this [ is never closed as YAML reads it; close it with ] on the same line or on a line indented more than its key, or put the text in quotes if the [ belongs to it',
      'services/call-waiting.yaml:2:17: error duplicate-technical-name: the technical_name "Call Waiting" is also used by services/twin.yml:1; names a reader cannot tell apart are one name, so each service needs its own',
      'services/twin.yml:1:17: error duplicate-technical-name: the technical_name "Call Waiting" is also used by services/call-waiting.yaml:2; names a reader cannot tell apart are one name, so each service needs its own',
      'services/voicemail-user.yaml:2:9: error yaml11-boolean: for_hg is the string "yes": YAML 1.2 reads yes as text, not as a boolean; write true',
      'services/voicemail-user.yaml:3:1: error unknown-field: unknown field "descriptoin"; did you mean "description"?',
    ]);
    expect(untimed(run.stderr)).toBe(`build: ${FIXTURE_COUNT + 3} services read, 5 errors, nothing written in T s\n`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expectSameSite(readTree(join(work, 'dist')), before);
    expect([...before.keys()].map((p) => statSync(join(work, 'dist', p)).mtimeMs)).toEqual(mtimes);
  });
});

describe('incremental publishing', () => {
  it('keeps unchanged files with their modification time, rewrites changed ones and removes deleted ones', () => {
    const work = copyFixtureCatalog(tempDir());
    expect(runCli(['build'], { cwd: work }).status).toBe(0);
    const dist = join(work, 'dist');
    const before = readTree(dist);
    const stamp = (p: string) => statSync(join(dist, p)).mtimeMs;
    const kept = `${API}/call-waiting/index.json`;
    const keptTime = stamp(kept);

    const again = runCli(['build'], { cwd: work });
    expect(untimed(again.stderr)).toBe(
      `build: ${FIXTURE_COUNT} services read, 0 files written, ${before.size} unchanged, 0 removed in T s\n`,
    );

    // Two services available for end users only: one changes its description, the other goes.
    const file = join(work, 'services', 'numero-prive.yaml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace("hides the caller's number", "hides the caller's own number"));
    expect(readFileSync(file, 'utf8')).not.toBe(text);
    rmSync(join(work, 'services', 'aerztlicher-notruf.yaml'));
    const changed = runCli(['build'], { cwd: work });
    expect(changed.status).toBe(0);
    const after = readTree(dist);
    const rewritten = [...after.keys()].filter((p) => !before.get(p)?.equals(after.get(p) as Buffer));
    const removed = [...before.keys()].filter((p) => !after.has(p));
    const json = (p: string) => p.startsWith(API) && p.endsWith('.json');
    expect(removed.filter(json)).toEqual([`${API}/aerztlicher-notruf/index.json`]);
    expect(rewritten.filter(json).sort()).toEqual(
      [
        `${API}/index.json`,
        `${API}/numero-prive/index.json`,
        `${API}/filters/for_enduser/index.json`,
        // The files for mirrors follow every change.
        `${API}/_full/index.json`,
        `${API}/_index/index.json`,
        `${API}/_manifest/index.json`,
      ].sort(),
    );
    expect(untimed(changed.stderr)).toBe(
      `build: ${FIXTURE_COUNT - 1} services read, ${rewritten.length} files written, ${after.size - rewritten.length} unchanged, ${removed.length} removed in T s\n`,
    );
    expect(stamp(kept)).toBe(keptTime);
    // The published build, the one it replaced (the next build updates it in place), and their manifests.
    const published = basename(readlinkSync(dist));
    const builds = readdirSync(join(work, '.dist.builds')).sort();
    expect(builds).toHaveLength(4);
    expect(builds).toContain(published);
    expect(builds).toContain(`${published}.manifest`);
  });
});
