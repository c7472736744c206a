/**
 * `serve --watch` follows the services folder at its path, whatever folder is
 * there over time: one moved away and made again (as editors, sync tools and
 * checkouts do) has its edits served; while none is there, it says so once and
 * serves the last good site; when one is back, it is built and served. A
 * symbolic link put in its place is named as `check` names it, and not followed.
 */
import { mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import { tempDir, writeTree } from '../../helpers/fs.js';
import { request } from '../../helpers/http.js';
import { type ServeProcess, startWatching } from '../../helpers/serve.js';

const API = 'api/v1/configs/user_services';
const SERVED = /serve: \d+ services? read in \d+\.\d\d s\nserve: now serving the new site\n/;
const LINKED_LINE =
  'serve: services folder is a symbolic link, which is not followed: services; still serving the last good site until it is back';
const LINKED =
  /is a symbolic link, which is not followed: services; still serving the last good site until it is back\n/;
const GONE = 'serve: services folder not found: services; still serving the last good site until it is back\n';

let serve: ServeProcess | undefined;
afterEach(async () => {
  serve?.child.kill('SIGTERM');
  await serve?.exited;
  serve = undefined;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function watching(files: Record<string, string>) {
  const work = writeTree(tempDir('user-services-watch-folder-'), files);
  const started = await startWatching(work);
  serve = started.serve;
  const services = join(work, 'services');
  const served = async (instance: string) => {
    const reply = await request(started.origin, `/${API}/${instance}/`);
    return reply.status === 200 ? JSON.parse(reply.body.toString()).display_name : reply.status;
  };
  /** Makes a change and waits for `expected` in what serve prints after it. */
  const change = async (make: () => void, expected: RegExp) => {
    const mark = started.serve.stderr().length;
    make();
    await started.serve.waitFor(expected, mark);
    return started.serve.stderr().slice(mark);
  };
  return { work, services, serve: started.serve, served, change };
}

// BroadWorks names, so that check has nothing to say of them (README, "Technical names are BroadWorks names").
const alpha = (display: string) => `technical_name: Call Waiting\ndisplay_name: ${display}\n`;

describe('serve --watch and the folder at its path', () => {
  it('serves the edits of a folder moved away and made again at the same path', async () => {
    const w = await watching({ 'services/alpha.yaml': alpha('First') });
    await w.change(() => {
      renameSync(w.services, `${w.services}.old`);
      mkdirSync(w.services);
      writeFileSync(join(w.services, 'alpha.yaml'), alpha('In the new folder'));
    }, SERVED);
    expect(await w.served('alpha')).toBe('In the new folder');
    // Edits made in the new folder later are served; edits in the old one are not.
    await w.change(() => writeFileSync(join(w.services, 'alpha.yaml'), alpha('Edited again')), SERVED);
    expect(await w.served('alpha')).toBe('Edited again');
    const mark = w.serve.stderr().length;
    writeFileSync(join(`${w.services}.old`, 'alpha.yaml'), alpha('In the old folder'));
    await sleep(1500);
    expect(w.serve.stderr().slice(mark)).toBe('');
    expect(await w.served('alpha')).toBe('Edited again');
  });

  it('serves a folder prepared beside and renamed into place', async () => {
    const w = await watching({ 'services/alpha.yaml': alpha('First'), 'next/alpha.yaml': alpha('Next') });
    writeFileSync(join(w.work, 'next/beta.yaml'), 'technical_name: Call Transfer\n');
    const printed = await w.change(() => {
      renameSync(w.services, join(w.work, 'previous'));
      renameSync(join(w.work, 'next'), w.services);
    }, SERVED);
    expect(printed).toMatch(/^serve: 2 services read in \d+\.\d\d s\nserve: now serving the new site\n$/);
    expect([await w.served('alpha'), await w.served('beta')]).toEqual(['Next', 'Call Transfer']);
    await w.change(
      () => writeFileSync(join(w.services, 'beta.yaml'), 'technical_name: Call Transfer\ndisplay_name: B2\n'),
      SERVED,
    );
    expect(await w.served('beta')).toBe('B2');
  });

  it('says once that the folder is gone, serves the last good site meanwhile, and serves it again once back', async () => {
    const w = await watching({
      'services/alpha.yaml': alpha('First'),
      'services/beta.yaml': 'technical_name: Call Transfer\ndisplay_name: B\n',
    });
    const mark = w.serve.stderr().length;
    await w.change(() => rmSync(w.services, { recursive: true }), /until it is back\n/);
    // Events of the files removed, of the folder, and the periodic look at it: still one line.
    await sleep(2500);
    expect(w.serve.stderr().slice(mark)).toBe(GONE);
    expect(await w.served('alpha')).toBe('First');
    expect(await w.served('beta')).toBe('B');
    const back = await w.change(() => writeTree(w.services, { 'alpha.yaml': alpha('Back') }), SERVED);
    expect(back).toMatch(/^serve: 1 service read in \d+\.\d\d s\nserve: now serving the new site\n$/);
    expect([await w.served('alpha'), await w.served('beta')]).toEqual(['Back', 404]);
    // Gone a second time: said again.
    expect(await w.change(() => rmSync(w.services, { recursive: true }), /until it is back\n/)).toBe(GONE);
  });

  it('follows the folder when the folder above it is replaced too', async () => {
    const work = writeTree(tempDir('user-services-watch-folder-'), { 'project/services/alpha.yaml': alpha('First') });
    const project = join(work, 'project');
    const started = await startWatching(project);
    serve = started.serve;
    const mark = started.serve.stderr().length;
    // No event reaches a watcher of the old folders: only looking at the path again tells.
    renameSync(project, join(work, 'project.old'));
    writeTree(project, { 'services/alpha.yaml': alpha('Replaced with its parent') });
    await started.serve.waitFor(SERVED, mark);
    const reply = await request(started.origin, `/${API}/alpha/`);
    expect(JSON.parse(reply.body.toString()).display_name).toBe('Replaced with its parent');
  });

  it("says so when a file takes the folder's place, and builds the folder once it is back", async () => {
    const w = await watching({ 'services/alpha.yaml': alpha('First') });
    const replaced = await w.change(() => {
      renameSync(w.services, join(w.work, 'aside'));
      writeFileSync(w.services, 'not a folder\n');
    }, /until it is back\n/);
    expect(replaced).toBe(
      'serve: services folder is not a folder: services; still serving the last good site until it is back\n',
    );
    expect(await w.served('alpha')).toBe('First');
    await w.change(() => {
      rmSync(w.services);
      renameSync(join(w.work, 'aside'), w.services);
    }, /serve: the published site did not change\n/);
    await w.change(() => writeFileSync(join(w.services, 'alpha.yaml'), alpha('Edited')), SERVED);
    expect(await w.served('alpha')).toBe('Edited');
  });

  it('names a symbolic link put in its place as check does, never serves through it, and recovers from a folder', async () => {
    const w = await watching({ 'services/alpha.yaml': alpha('First'), 's.v2/alpha.yaml': alpha('Through the link') });
    // As typed at a prompt, `mv services s.v1; ln -s s.v2 services`: the folder is seen gone first.
    expect(await w.change(() => renameSync(w.services, join(w.work, 's.v1')), /until it is back\n/)).toBe(GONE);
    expect(await w.change(() => symlinkSync('s.v2', w.services), LINKED)).toBe(`${LINKED_LINE}\n`);
    const check = runCli(['check'], { cwd: w.work });
    expect([check.status, check.stderr.split('\n')[0]]).toEqual([
      2,
      'user-services check: services folder is a symbolic link, which is not followed: services',
    ]);
    expect(await w.served('alpha')).toBe('First');
    // Edits in the link's target are not served, and nothing more is said.
    const mark = w.serve.stderr().length;
    writeFileSync(join(w.work, 's.v2/alpha.yaml'), alpha('Edited through the link'));
    await sleep(1500);
    expect(w.serve.stderr().slice(mark)).toBe('');
    expect(await w.served('alpha')).toBe('First');
    // A real folder back at the path: built and served, and its edits too.
    await w.change(() => {
      rmSync(w.services);
      renameSync(join(w.work, 's.v2'), w.services);
    }, SERVED);
    expect(await w.served('alpha')).toBe('Edited through the link');
    await w.change(() => writeFileSync(join(w.services, 'alpha.yaml'), alpha('Edited')), SERVED);
    expect(await w.served('alpha')).toBe('Edited');
  });

  it('says each change of what is in its place: nothing, a file, a link, then a folder again', async () => {
    const w = await watching({ 'services/alpha.yaml': alpha('First') });
    const aside = join(w.work, 'aside');
    expect(await w.change(() => renameSync(w.services, aside), /until it is back\n/)).toBe(GONE);
    expect(await w.change(() => writeFileSync(w.services, 'x\n'), /until it is back\n/)).toBe(
      'serve: services folder is not a folder: services; still serving the last good site until it is back\n',
    );
    // A link to the very folder that was served is not followed either.
    const linked = await w.change(() => {
      rmSync(w.services);
      symlinkSync(aside, w.services);
    }, LINKED);
    expect(linked).toBe(`${LINKED_LINE}\n`);
    expect(await w.served('alpha')).toBe('First');
    await w.change(() => {
      rmSync(w.services);
      renameSync(aside, w.services);
      writeFileSync(join(w.services, 'alpha.yaml'), alpha('Back'));
    }, SERVED);
    expect(await w.served('alpha')).toBe('Back');
  });
});
