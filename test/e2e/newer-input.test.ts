/**
 * Two builds at once: the one whose input was read later wins. A build whose
 * input was read before that of the site published meanwhile publishes
 * nothing (exit 0, a line saying why, nothing written), so an older input
 * never replaces a newer one. A published time ahead of the clock (the clock
 * was set back) decides nothing.
 */
import { readFileSync, readlinkSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withLock } from '../../scripts/adapters/lock.js';
import { manifestPath } from '../../scripts/adapters/site-manifest.js';
import { writeSite } from '../../scripts/adapters/write-site.js';
import { type Run, runCli, untimed } from '../helpers/cli.js';
import { readTree, tempDir, writeTree } from '../helpers/fs.js';
import { expectSameSite } from '../helpers/site.js';
import { startWaitingBuild } from '../helpers/waiting-build.js';

const bytes = (s: string) => new TextEncoder().encode(s);
const site = (text: string) => new Map([['x.json', bytes(text)]]);
const text = (out: string) => readFileSync(join(out, 'x.json'), 'utf8');

describe('writeSite with the time its input was read', () => {
  it('publishes nothing when the published site was read later, and says so', async () => {
    const out = join(tempDir(), 'dist');
    const now = Date.now();
    await writeSite(out, site('newer'), { source: 'b', readAt: now - 1000 });
    expect(await writeSite(out, site('older'), { source: 'a', readAt: now - 2000 })).toEqual({
      written: 0,
      unchanged: 0,
      removed: 0,
      superseded: true,
    });
    expect(text(out)).toBe('newer');
  });

  it('publishes input read later, and input whose time is unknown', async () => {
    const out = join(tempDir(), 'dist');
    const now = Date.now();
    await writeSite(out, site('first'), { source: 'a', readAt: now - 2000 });
    expect((await writeSite(out, site('second'), { source: 'b', readAt: now - 1000 })).written).toBe(1);
    expect(text(out)).toBe('second');
    expect((await writeSite(out, site('third'), { source: 'c' })).written).toBe(1);
    expect(text(out)).toBe('third');
  });

  it('is not stopped by a published time ahead of the clock (a clock set back)', async () => {
    const out = join(tempDir(), 'dist');
    await writeSite(out, site('from the future'), { source: 'a', readAt: Date.now() + 3_600_000 });
    expect((await writeSite(out, site('now'), { source: 'b', readAt: Date.now() })).written).toBe(1);
    expect(text(out)).toBe('now');
  });
});

describe('a build whose input is older than the site published while it waited', () => {
  it('exits 0 without writing, saying a newer build published meanwhile', async () => {
    const cwd = writeTree(tempDir('user-services-newer-'), { 'services/a.yaml': 'technical_name: Authentication\n' });
    expect(runCli(['build'], { cwd }).status).toBe(0);
    const published = realpathSync(join(cwd, 'dist'));
    const site = readTree(join(cwd, 'dist'));
    writeFileSync(join(cwd, 'services', 'a.yaml'), 'technical_name: Authentication\ndescription: older\n');
    let pending: Promise<Run> = Promise.resolve({ status: null, stdout: '', stderr: '' });
    await withLock(join(cwd, '.dist.lock'), async () => {
      const build = startWaitingBuild(cwd);
      pending = build.done;
      await build.waiting;
      // What a newer build publishing meanwhile leaves: the published manifest read after this build started.
      const manifest = manifestPath(published);
      const [head, ...rest] = readFileSync(manifest, 'utf8').split('\n');
      writeFileSync(
        manifest,
        [JSON.stringify({ ...JSON.parse(head as string), readAt: Date.now() }), ...rest].join('\n'),
      );
    });
    const run = await pending;
    expect([run.status, untimed(run.stderr).split('\n').slice(1)]).toEqual([
      0,
      [
        'build: a build of input read after this one published meanwhile; this build wrote nothing, so the newer site stays',
        'build: 1 service read, 0 files written, 0 unchanged, 0 removed in T s',
        '',
      ],
    ]);
    expect(readlinkSync(join(cwd, 'dist'))).toContain(published.split('/').at(-1));
    expectSameSite(readTree(join(cwd, 'dist')), site);
  }, 30_000);
});
