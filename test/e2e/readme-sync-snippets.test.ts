/**
 * The snippets of the README's "Keeping a copy in sync", taken from README.md
 * by their markers (`<!-- snippet: NAME -->` before each block) and run as
 * written against a signed build served by a static server: one that answers
 * folder URLs with their index.json, and one that answers them only with an
 * index.html, as GitHub Pages does. Only the API's address is given, by the
 * variable the snippets read (or, for the shell one, in place of its host).
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/fs.js';
import { commitAt, git } from '../helpers/git.js';
import { testKey } from '../helpers/signing.js';
import { PAGES_INDEXES, type StaticServer, serveStatic } from '../helpers/static-server.js';

const API = 'api/v1/configs/user_services';
const key = testKey(21);
const otherKey = testKey(22);

/** The blocks of README.md after `<!-- snippet: NAME -->`, by name. */
function snippets(): Map<string, string> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const found = [...readme.matchAll(/<!-- snippet: ([a-z-]+) -->\n\n```[a-z]+\n([\s\S]*?)```\n/g)];
  return new Map(found.map((m) => [m[1] as string, m[2] as string]));
}

interface Ran {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a program without blocking this process, which serves the site meanwhile. */
function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A folder for a client: the snippet as its file, the public key, and this project's node_modules (for jose). */
function client(name: string, publicPem: string): string {
  const dir = tempDir('user-services-client-');
  writeFileSync(join(dir, `${name}.mjs`), snippets().get(name) as string);
  writeFileSync(join(dir, 'signing.pub.pem'), publicPem);
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

const catalog = tempDir('user-services-snippets-');
const built = (path: string) => readFileSync(join(catalog, 'dist', API, path));
function buildCatalog(files: Record<string, string>): void {
  rmSync(join(catalog, 'services'), { recursive: true, force: true });
  writeTree(catalog, files);
  const r = runCli(['build', '--no-cache', '--no-compress', '--signing-key', key.privateFile], { cwd: catalog });
  expect([r.status, r.stdout]).toEqual([0, '']);
}

let folders: StaticServer;
let pages: StaticServer;
beforeAll(async () => {
  buildCatalog({
    'services/a.yaml': 'technical_name: Call Waiting\n',
    'services/b.yaml': 'technical_name: Do Not Disturb\n',
  });
  folders = await serveStatic(join(catalog, 'dist'));
  pages = await serveStatic(join(catalog, 'dist'), {}, PAGES_INDEXES);
});
afterAll(async () => {
  await folders?.close();
  await pages?.close();
});

describe("the README's snippets", () => {
  it('are all there, each an ES module with top-level await or a shell pipeline', () => {
    expect([...snippets().keys()]).toEqual(['sync-index', 'history-jq', 'check-signature']);
  });

  it('sync-index mirrors every instance, then only what changed, and removes what is gone', async () => {
    const dir = client('sync-index', key.publicPem);
    const sync = () => run(process.execPath, ['sync-index.mjs'], dir, { API: `${folders.origin}/${API}/` });
    const mirrored = () => readdirSync(join(dir, 'mirror')).sort();
    expect(await sync()).toEqual({ status: 0, stdout: 'fetched a\nfetched b\n', stderr: '' });
    expect(mirrored()).toEqual(['a.json', 'b.json', 'index.json']);
    expect(readFileSync(join(dir, 'mirror/a.json'))).toEqual(built('a/index.json'));
    expect(JSON.parse(readFileSync(join(dir, 'mirror/index.json'), 'utf8'))).toEqual(
      JSON.parse(built('_index/index.json').toString()),
    );
    expect(await sync()).toEqual({ status: 0, stdout: '', stderr: '' });
    buildCatalog({
      'services/b.yaml': 'technical_name: Do Not Disturb\nfor_hg: true\n',
      'services/c.yaml': 'technical_name: Intercept User\n',
    });
    expect(await sync()).toEqual({ status: 0, stdout: 'fetched b\nfetched c\nremoved a\n', stderr: '' });
    expect(mirrored()).toEqual(['b.json', 'c.json', 'index.json']);
    expect(readFileSync(join(dir, 'mirror/b.json'))).toEqual(built('b/index.json'));
  });

  it('sync-index on a host without folder indexes: fails at the first folder URL, works with FOLDER_INDEX=false', async () => {
    const dir = client('sync-index', key.publicPem);
    const env = { API: `${pages.origin}/${API}/` };
    const refused = await run(process.execPath, ['sync-index.mjs'], dir, env);
    expect([
      refused.status,
      refused.stdout,
      refused.stderr.includes(`Error: ${pages.origin}/${API}/_index/: 404`),
    ]).toEqual([1, '', true]);
    const names = JSON.parse(built('_index/index.json').toString()).user_services.map(
      (e: { instance_name: string }) => `fetched ${e.instance_name}\n`,
    );
    const synced = await run(process.execPath, ['sync-index.mjs'], dir, { ...env, FOLDER_INDEX: 'false' });
    expect(synced).toEqual({ status: 0, stdout: names.join(''), stderr: '' });
    expect(readdirSync(join(dir, 'mirror')).length).toBe(names.length + 1);
  });

  it('check-signature passes with the operator key, on either host, and throws with another key', async () => {
    const files = JSON.parse(built('_manifest/index.json').toString()).files.length;
    const passed = { status: 0, stdout: `the manifest is signed with signing.pub.pem: ${files} files\n`, stderr: '' };
    const right = client('check-signature', key.publicPem);
    const check = (dir: string, env: Record<string, string>) =>
      run(process.execPath, ['check-signature.mjs'], dir, env);
    expect(await check(right, { API: `${folders.origin}/${API}/` })).toEqual(passed);
    expect(await check(right, { API: `${pages.origin}/${API}/`, FOLDER_INDEX: 'false' })).toEqual(passed);
    const wrong = await check(client('check-signature', otherKey.publicPem), { API: `${folders.origin}/${API}/` });
    expect([wrong.status, wrong.stdout, /JWSSignatureVerificationFailed/.test(wrong.stderr)]).toEqual([1, '', true]);
  });
});

describe("the README's jq of _history/", () => {
  it('prints each breaking change as the feed words it: a rename with where it came from', async () => {
    const repo = tempDir('user-services-snippet-history-');
    git(repo, 'init', '-q');
    writeTree(repo, {
      'services/a.yaml': 'technical_name: Call Waiting\nfor_hg: true\n',
      'services/b.yaml': 'technical_name: Do Not Disturb\n',
      'services/d.yaml': 'technical_name: Delta\n',
    });
    commitAt(repo, '2024-01-01T00:00:00Z', 'add');
    writeTree(repo, {
      'services/a.yaml': 'technical_name: Call Waiting\n',
      'services/c.yaml': 'technical_name: Do Not Disturb\n',
    });
    rmSync(join(repo, 'services/b.yaml'));
    rmSync(join(repo, 'services/d.yaml'));
    commitAt(repo, '2024-01-02T00:00:00Z', 'break');
    expect(runCli(['build', '--no-cache', '--history', '5'], { cwd: repo }).status).toBe(0);
    const site = await serveStatic(join(repo, 'dist'));
    try {
      const script = (snippets().get('history-jq') as string).replace('https://api.example.com', site.origin);
      expect(await run('sh', ['-e', '-c', script], repo)).toEqual({
        status: 0,
        stdout: [
          '2024-01-02T00:00:00Z a changed: for_hg',
          '2024-01-02T00:00:00Z c renamed from b',
          '2024-01-02T00:00:00Z d removed',
          '',
        ].join('\n'),
        stderr: '',
      });
    } finally {
      await site.close();
    }
  });
});
