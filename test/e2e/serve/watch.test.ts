import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, writeTree } from '../../helpers/fs.js';
import { request } from '../../helpers/http.js';
import { platformFile } from '../../helpers/platform.js';
import { type ServeProcess, startWatching } from '../../helpers/serve.js';

const API = 'api/v1/configs/user_services';

let work: string;
let serve: ServeProcess;
let origin: string;

const body = async (path: string) => {
  const reply = await request(origin, path);
  return [reply.status, reply.body.toString()] as const;
};
const displayName = async (instance: string) => JSON.parse((await body(`/${API}/${instance}/`))[1]).display_name;

/** Makes a change and waits for the line serve prints about it. */
async function change(make: () => void, expected: RegExp) {
  const mark = serve.stderr().length;
  make();
  return serve.waitFor(expected, mark);
}

beforeAll(async () => {
  work = writeTree(tempDir('user-services-watch-'), {
    'services/alpha.yaml': 'technical_name: Alpha\nfor_hg: true\n',
    'services/beta.yaml': 'technical_name: Beta\n',
    'services/.notes.txt': 'a hidden file\n',
    // The platform's own services, which BroadWorks does not name.
    'services/_platform.yaml': platformFile('Alpha', 'Beta', 'Gamma'),
  });
  ({ serve, origin } = await startWatching(work));
});

afterAll(async () => {
  serve.child.kill('SIGTERM');
  await serve.exited;
});

describe('serve --watch', () => {
  it('serves the new site after a valid change', async () => {
    expect(await displayName('alpha')).toBe('Alpha');
    const mark = serve.stderr().length;
    await change(
      () => writeFileSync(join(work, 'services/alpha.yaml'), 'technical_name: Alpha\ndisplay_name: Alpha One\n'),
      /serve: now serving the new site\n/,
    );
    expect(
      serve
        .stderr()
        .slice(mark)
        .replace(/ in \d+\.\d\d s\n/, ' in T s\n'),
    ).toBe('serve: 2 services read in T s\nserve: now serving the new site\n');
    expect(await displayName('alpha')).toBe('Alpha One');
    expect(JSON.parse((await body(`/${API}/?for_hg=true`))[1])).toEqual({ user_services: [] });
  });

  it('keeps serving the last good site while a change is invalid, and prints the diagnostics', async () => {
    const before = await body(`/${API}/`);
    const mark = serve.stdout().length;
    await change(
      () => writeFileSync(join(work, 'services/beta.yaml'), 'technical_name: Beta\nfor_cc: yes\n'),
      /serve: the change has errors; still serving the last good site\n/,
    );
    const [diagnostic] = await serve.waitFor(/.*\n/, mark, 'stdout');
    expect(diagnostic).toBe(
      'services/beta.yaml:2:9: error yaml11-boolean: for_cc is the string "yes": YAML 1.2 reads yes as text, not as a boolean; write true\n',
    );
    expect(serve.stderr()).toMatch(/serve: 2 services read, 1 error in \d+\.\d\d s\nserve: the change has errors/);
    expect(await body(`/${API}/`)).toEqual(before);
    expect(JSON.parse((await body(`/${API}/beta/`))[1]).for_cc).toBe(false);

    await change(
      () => writeFileSync(join(work, 'services/beta.yaml'), 'technical_name: Beta\nfor_cc: true\n'),
      /serve: now serving the new site\n/,
    );
    const list = JSON.parse((await body(`/${API}/?for_cc=1`))[1]);
    expect(list.user_services.map((s: { technical_name: string }) => s.technical_name)).toEqual(['Beta']);
  });

  it('follows files added, renamed and removed', async () => {
    const served = /serve: 3 services read in \d+\.\d\d s\nserve: now serving the new site\n/;
    await change(() => writeFileSync(join(work, 'services/gamma.yml'), 'technical_name: Gamma\n'), served);
    expect(await displayName('gamma')).toBe('Gamma');
    await change(() => renameSync(join(work, 'services/gamma.yml'), join(work, 'services/delta.yaml')), served);
    expect((await body(`/${API}/gamma/`))[0]).toBe(404);
    expect(await displayName('delta')).toBe('Gamma');
    await change(
      () => rmSync(join(work, 'services/delta.yaml')),
      /serve: 2 services read in \d+\.\d\d s\nserve: now serving the new site\n/,
    );
    expect((await body(`/${API}/delta/`))[0]).toBe(404);
    const list = JSON.parse((await body(`/${API}/`))[1]);
    expect(list.user_services.map((s: { technical_name: string }) => s.technical_name)).toEqual(['Alpha', 'Beta']);
  });

  it('says so when a change leaves the site as it was, and ignores hidden files', async () => {
    const mark = serve.stderr().length;
    writeFileSync(join(work, 'services/.notes.txt'), 'still hidden\n');
    writeFileSync(join(work, 'services/.#beta.yaml'), 'an editor lock file\n');
    await change(
      () => writeFileSync(join(work, 'services/beta.yaml'), '# a comment\ntechnical_name: Beta\nfor_cc: true\n'),
      /serve: the published site did not change\n/,
    );
    // One rebuild for the service file only: the hidden files triggered none.
    expect(
      serve
        .stderr()
        .slice(mark)
        .match(/services read/g),
    ).toHaveLength(1);
  });

  it('stops cleanly on SIGTERM with exit status 0', async () => {
    const mark = serve.stderr().length;
    serve.child.kill('SIGTERM');
    expect(await serve.exited).toBe(0);
    expect(serve.stderr().slice(mark)).toBe('serve: stopped\n');
  });
});
