/**
 * The catalog `serve` keeps in memory re-reads only the entries a change names,
 * yet after every change its analysis is exactly what a fresh `loadCatalog` of
 * the folder gives, and the site emitted from it the same bytes.
 */
import { appendFileSync, mkdirSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type FolderChange, SETTLE_MS, WatchedFolder } from '../../../scripts/adapters/watched-folder.js';
import { WatchedCatalog } from '../../../scripts/app/watched-catalog.js';
import type { Io } from '../../../scripts/cli/io.js';
import type { Analysis } from '../../../scripts/core/analysis/analyze.js';
import { KINDS } from '../../../scripts/core/kinds/index.js';
import type { Site } from '../../../scripts/core/model/site.js';
import { servicesOf } from '../../helpers/core.js';
import { tempDir, writeTree } from '../../helpers/fs.js';
import { installPageAssets, pageAssets } from '../../helpers/page.js';
import { loadCatalog } from '../../helpers/runner.js';
import { expectSameSite } from '../../helpers/site.js';
import { emitSite } from '../../helpers/user-services-kind.js';
import { START, STEPS } from '../../helpers/watch-steps.js';

const ioAt = (cwd: string): Io => ({
  cwd,
  env: {},
  stdout: { write: () => true },
  stderr: { write: () => true },
});

const siteOf = (analysis: Analysis) => emitSite(servicesOf(analysis), { pretty: false, page: pageAssets() });

async function expectFresh(analysis: Analysis, io: Io) {
  const fresh = await loadCatalog('services', io);
  expect(analysis).toEqual(fresh);
  expect(analysis.diagnostics.some((d) => d.severity === 'error')).toBe(
    fresh.diagnostics.some((d) => d.severity === 'error'),
  );
  if (!fresh.diagnostics.some((d) => d.severity === 'error')) {
    expect(differences(siteOf(analysis), siteOf(fresh))).toEqual([]);
    expectSameSite(siteOf(analysis), siteOf(fresh));
  }
}

beforeAll(installPageAssets);

describe('the catalog serve keeps in memory', () => {
  it('after each change of the sequence, given the entries it touched, equals a fresh read of the folder', async () => {
    const work = writeTree(tempDir('user-services-watched-'), prefixed(START));
    const dir = join(work, 'services');
    const io = ioAt(work);
    const catalog = new WatchedCatalog('services', io, KINDS);
    await expectFresh(await catalog.analyze(), io);
    for (const step of STEPS) {
      step.apply(dir);
      const analysis = await catalog.analyze(new Set(step.touched));
      expect([step.name, analysis.diagnostics.some((d) => d.severity === 'error')]).toEqual([step.name, step.errors]);
      await expectFresh(analysis, io);
    }
  });

  it('keeps the very same service objects for the files that did not change', async () => {
    const work = writeTree(tempDir('user-services-watched-'), prefixed(START));
    const catalog = new WatchedCatalog('services', ioAt(work), KINDS);
    const before = await catalog.analyze();
    writeFileSync(join(work, 'services/beta.yaml'), 'technical_name: Beta\ndescription: changed\n');
    // alpha.yaml is named but written with the same bytes, as an editor's save without edits does.
    writeFileSync(join(work, 'services/alpha.yaml'), START['alpha.yaml'] as string);
    const after = await catalog.analyze(new Set(['beta.yaml', 'alpha.yaml']));
    const byName = (a: Analysis, name: string) => servicesOf(a).find((s) => s.technical_name === name);
    expect(servicesOf(after).map((s) => s.technical_name)).toEqual(['Alpha', 'Beta', 'Kappa']);
    expect(byName(after, 'Alpha')).toBe(byName(before, 'Alpha'));
    expect(byName(after, 'Kappa')).toBe(byName(before, 'Kappa'));
    expect(byName(after, 'Beta')).not.toBe(byName(before, 'Beta'));
    expect(byName(after, 'Beta')?.description).toBe('changed');
    const whole = await catalog.analyze('all');
    expect(servicesOf(whole).every((s, i) => s === servicesOf(after)[i])).toBe(true);
  });

  it('reads the whole folder when told anything may have changed, and sees changes no event named', async () => {
    const work = writeTree(tempDir('user-services-watched-'), prefixed(START));
    const dir = join(work, 'services');
    const io = ioAt(work);
    const catalog = new WatchedCatalog('services', io, KINDS);
    await catalog.analyze();
    writeFileSync(join(dir, 'beta.yaml'), 'technical_name: Beta\nfor_cc: yes\n');
    renameSync(join(dir, 'kappa.yaml'), join(dir, 'lambda.yml'));
    writeFileSync(join(dir, 'mu.yaml'), 'technical_name: Mu\n');
    // Named changes only: the others are not seen yet.
    const partial = await catalog.analyze(new Set(['mu.yaml']));
    expect(servicesOf(partial).map((s) => s.instance)).toEqual(['alpha', 'beta', 'kappa', 'mu']);
    await expectFresh(await catalog.analyze('all'), io);
  });

  it('fails as loadCatalog does while the folder is missing, then reads it whole when it is back', async () => {
    const work = writeTree(tempDir('user-services-watched-'), prefixed(START));
    const dir = join(work, 'services');
    const io = ioAt(work);
    const catalog = new WatchedCatalog('services', io, KINDS);
    await catalog.analyze();
    rmSync(dir, { recursive: true });
    await expect(catalog.analyze(new Set(['alpha.yaml']))).rejects.toThrow('services folder not found: services');
    await expect(loadCatalog('services', io)).rejects.toThrow('services folder not found: services');
    // A new folder: events named one file, but none named what else the new folder holds.
    writeTree(dir, { 'alpha.yaml': 'technical_name: Alpha again\n', 'nu.yaml': 'technical_name: Nu\n' });
    const back = await catalog.analyze(new Set(['alpha.yaml']));
    expect(servicesOf(back).map((s) => s.technical_name)).toEqual(['Alpha again', 'Nu']);
    await expectFresh(back, io);
  });
});

/** The paths whose bytes differ between two sites, or that one of them lacks. */
function differences(a: Site, b: Site): string[] {
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  return paths.filter((p) => {
    const [x, y] = [a.get(p), b.get(p)];
    return x === undefined || y === undefined || !Buffer.from(x).equals(y);
  });
}

function prefixed(files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([name, text]) => [`services/${name}`, text]));
}

describe('what the folder kept in memory read, once it settled', () => {
  const folderAt = async (files: Record<string, string>) => {
    const work = writeTree(tempDir('user-services-settled-'), prefixed(files));
    const dir = join(work, 'services');
    return { work, dir, folder: await WatchedFolder.read(dir, work, KINDS) };
  };
  const shown = (change: FolderChange | null) => (change === null || change === 'all' ? change : [...change].sort());

  it('is trusted once it stayed as read for the settling time, counted from the read', async () => {
    const { folder } = await folderAt(START);
    const started = performance.now();
    await folder.update(new Set(['alpha.yaml']));
    expect(await folder.unsettled()).toBeNull();
    expect(performance.now() - started).toBeGreaterThanOrEqual(SETTLE_MS - 1);
    // Asked again later: no wait, the same answer.
    const again = performance.now();
    expect(await folder.unsettled()).toBeNull();
    expect(performance.now() - again).toBeLessThan(SETTLE_MS);
  });

  it('names each entry read that was written, truncated, replaced or removed since', async () => {
    const { dir, folder } = await folderAt({ ...START, 'gamma.yaml': 'technical_name: Gamma\n' });
    await folder.update(new Set(['alpha.yaml', 'beta.yaml', 'kappa.yaml', 'gamma.yaml', 'notes.txt']));
    appendFileSync(join(dir, 'alpha.yaml'), 'for_cc: true\n');
    truncateSync(join(dir, 'beta.yaml'), 0);
    // The same bytes under a new inode: a save by rename.
    writeFileSync(join(dir, '.kappa.tmp'), START['kappa.yaml'] as string);
    renameSync(join(dir, '.kappa.tmp'), join(dir, 'kappa.yaml'));
    rmSync(join(dir, 'gamma.yaml'));
    // The content of an entry that is not read does not count.
    writeFileSync(join(dir, 'notes.txt'), 'edited\n');
    expect(shown(await folder.unsettled())).toEqual(['alpha.yaml', 'beta.yaml', 'gamma.yaml', 'kappa.yaml']);
  });

  it('after a whole read, names what changed among all it read; an entry not read does not count', async () => {
    const { dir, folder } = await folderAt(START);
    await folder.update('all');
    writeFileSync(join(dir, 'beta.yaml'), 'technical_name: Beta\nfor_cc: true\nfor_hg: true\n');
    rmSync(join(dir, 'notes.txt'));
    mkdirSync(join(dir, 'notes.txt'));
    writeFileSync(join(dir, 'new.yaml'), 'technical_name: New\n');
    expect(shown(await folder.unsettled())).toEqual(['beta.yaml', 'notes.txt']);
  });

  it('asks for the whole folder when the folder itself was replaced or removed', async () => {
    const { dir, folder } = await folderAt(START);
    await folder.update(new Set(['alpha.yaml']));
    renameSync(dir, `${dir}.old`);
    mkdirSync(dir);
    expect(await folder.unsettled()).toBe('all');
    await folder.update('all');
    rmSync(dir, { recursive: true });
    expect(await folder.unsettled()).toBe('all');
  });
});

/**
 * What is promised of a file that looks unfinished (empty, or not ending in a
 * line break) and of one seen changing while it was waited for: it is trusted
 * only once it has gone `UNFINISHED_SETTLE_MS` without modification, counted
 * from its modification time, not from the read.
 */
