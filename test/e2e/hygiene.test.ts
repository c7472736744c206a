/**
 * Output hygiene: nothing of the machine that built the site and nothing of
 * the YAML beyond its values reaches dist/. Checked on the fixture catalog and
 * on property-test catalogs, every file of the site (compressed copies
 * uncompressed first), each built by the bundled command line with comments
 * planted in every service file.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogArb } from '../helpers/arbitraries.js';
import { API, writeService } from '../helpers/catalog-model.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { FIXTURE_COUNT, FIXTURE_SERVICES } from '../helpers/fixture-catalog.js';
import { readTree, tempDir } from '../helpers/fs.js';

const COMMENT = 'hygiene-canary-c0mment';
const LIST_KEYS = ['technical_name', 'display_name', 'description', 'no_more_assignable'];
const INSTANCE_KEYS = [...LIST_KEYS, 'for_hg', 'for_ivr', 'for_cc', 'for_enduser', 'add_data'];

const work = tempDir('user-services-hygiene-');
const user = userInfo().username;

/** Text that must appear in no file of a site: local paths, the user's home in every form, the comments. */
const forbidden = [
  work,
  realpathSync(work),
  ROOT,
  process.cwd(),
  homedir(),
  `${tmpdir()}/`,
  '/root/',
  '/home/',
  `/Users/${user}`,
  `\\Users\\${user}`,
  COMMENT,
  'yaml-language-server',
  '$schema=',
];

/** A copy of a catalog with a comment on every line that can carry one, and between lines. */
function plantComments(from: string, to: string): void {
  cpSync(from, to, { recursive: true });
  for (const name of readdirSync(to)) {
    const lines = readFileSync(join(to, name), 'utf8').split('\n');
    const planted = lines.map((l) => (/^[a-z_]+: [^|>]+$/.test(l) ? `${l} # ${COMMENT} ${name}` : l));
    writeFileSync(join(to, name), [`# ${COMMENT} at the top`, ...planted, `# ${COMMENT} at the end`, ''].join('\n'));
  }
}

/** Every file of a site as text; compressed copies are uncompressed, so that nothing hides in them. */
function siteText(dist: string): Map<string, string> {
  return new Map(
    [...readTree(dist)].map(([path, bytes]) => {
      const plain = path.endsWith('.br')
        ? brotliDecompressSync(bytes)
        : path.endsWith('.gz')
          ? gunzipSync(bytes)
          : bytes;
      return [path, plain.toString('latin1') + plain.toString('utf8')];
    }),
  );
}

const sites: { name: string; dist: string; instances: number }[] = [];

beforeAll(() => {
  const fixture = join(work, 'fixture');
  plantComments(FIXTURE_SERVICES, join(fixture, 'services'));
  sites.push({ name: 'the fixture catalog', dist: join(fixture, 'dist'), instances: FIXTURE_COUNT });
  // Catalogs of the property tests, from a fixed seed: random names, texts and add_data.
  fc.sample(catalogArb(8), { numRuns: 4, seed: 1234 }).forEach((services, i) => {
    const dir = join(work, `property-${i}`);
    mkdirSync(join(dir, 'services'), { recursive: true });
    for (const s of services) {
      const file = writeService(s, COMMENT);
      writeFileSync(join(dir, 'services', file.name), file.text);
    }
    sites.push({ name: `property catalog ${i}`, dist: join(dir, 'dist'), instances: services.length });
  });
  for (const [i, site] of sites.entries()) {
    // One of them indented, so that both JSON layouts are looked at.
    const built = runCli(['build', ...(i === 1 ? ['--pretty'] : [])], { cwd: join(site.dist, '..') });
    expect(built.status, built.stdout + built.stderr).toBe(0);
  }
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.each([0, 1, 2, 3, 4])('site %i', (index) => {
  it('no file holds a local path, the user name in a path, or a comment of the YAML', () => {
    const site = sites[index] as (typeof sites)[number];
    const files = siteText(site.dist);
    expect(files.size).toBeGreaterThan(site.instances);
    for (const [path, text] of files) {
      for (const needle of forbidden)
        expect(text.includes(needle), `${site.name}: ${path} holds ${needle}`).toBe(false);
    }
  });

  it('the list, filter and instance files hold exactly the keys of the contract, in order', () => {
    const site = sites[index] as (typeof sites)[number];
    const tree = readTree(site.dist);
    const json = [...tree].filter(([p]) => p.startsWith(`${API}/`) && p.endsWith('/index.json'));
    const lists = json.filter(([p]) => p === `${API}/index.json` || p.startsWith(`${API}/filters/`));
    // The folders for mirrors (`_full/`, ...) start with `_`, as no instance name can; the copies at previous
    // names (for GitHub Pages) hold an instance's bytes, so its keys too.
    const instances = json.filter(([p]) => /^[^_/][^/]*\/index\.json$/.test(p.slice(API.length + 1)));
    const copies = JSON.parse(tree.get(`${API}/_renames/index.json`)?.toString() ?? '{"renames": []}').renames.length;
    expect(lists).toHaveLength(16);
    expect(instances).toHaveLength(site.instances + copies);
    for (const [path, bytes] of lists) {
      const body = JSON.parse(bytes.toString());
      expect(Object.keys(body), path).toEqual(['user_services']);
      for (const entry of body.user_services) expect(Object.keys(entry), path).toEqual(LIST_KEYS);
    }
    for (const [path, bytes] of instances)
      expect(Object.keys(JSON.parse(bytes.toString())), path).toEqual(INSTANCE_KEYS);
  });
});
