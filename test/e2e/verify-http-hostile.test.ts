/**
 * verify over HTTP against a host someone else controls: a manifest that
 * lists other hosts and paths outside the site's root, a manifest nobody
 * signed, redirects to another origin, URLs with a query, a fragment or
 * credentials, a refused connection. verify asks nothing outside the root,
 * asks no listed file before the signature holds with --key, and names each
 * finding at the URL it fetched.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync, untimed } from '../helpers/cli.js';
import { testKey } from '../helpers/signing.js';
import {
  buildSite,
  entriesOf,
  entryFor,
  MANIFEST,
  type ManifestEntry,
  pathAt,
  rewriteManifest,
  SIGNATURE,
} from '../helpers/verify-site.js';

const key = testKey(7);

/** A server on `host` that records each request as `host path` and answers with `answer`. */
async function recording(
  host: string,
  asked: string[],
  answer: (path: string, res: ServerResponse) => void,
): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    asked.push(`${host} ${req.url}`);
    answer(req.url ?? '', res);
  });
  await new Promise<void>((r) => server.listen(0, host, r));
  return { server, origin: `http://${host}:${(server.address() as AddressInfo).port}` };
}

describe('verify over HTTP: what it asks for', () => {
  let work = '';
  /** The manifest's entries as built: each test lists its own from them. */
  let built: ManifestEntry[] = [];
  let origin = '';
  let other2 = '';
  let other3 = '';
  const servers: Server[] = [];
  const asked: string[] = [];
  /** Site paths the site's server answers with a redirect, and where to. */
  const redirects = new Map<string, string>();

  beforeAll(async () => {
    work = buildSite(key);
    built = entriesOf(work);
    // The site is served below /m/; anything else is a 404.
    const site = await recording('127.0.0.1', asked, (url, res) => {
      const path = decodeURIComponent(url.split('?')[0] ?? '');
      const to = redirects.get(path.slice('/m/'.length));
      if (to !== undefined) return void res.writeHead(302, { Location: to }).end();
      if (!path.startsWith('/m/')) return void res.writeHead(404).end();
      let body: Buffer;
      try {
        body = readFileSync(join(work, 'dist', path.slice('/m/'.length)));
      } catch {
        return void res.writeHead(404).end();
      }
      res.writeHead(200).end(body);
    });
    const a = await recording('127.0.0.2', asked, (_, res) => res.writeHead(200).end('x'));
    const b = await recording('127.0.0.3', asked, (_, res) => res.writeHead(200).end('x'));
    servers.push(site.server, a.server, b.server);
    [origin, other2, other3] = [site.origin, a.origin, b.origin];
  });
  afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

  const verifyAsync = async (...args: string[]) => {
    asked.length = 0;
    const r = await runCliAsync(['verify', ...args], { cwd: work });
    return { status: r.status, stdout: r.stdout, stderr: untimed(r.stderr) };
  };

  it('asks nothing a manifest lists outside the root, names each such entry at its line, and each file at its own URL', async () => {
    const listed = built;
    const secret = new TextEncoder().encode('x');
    const bad = [
      `${other2}/x`,
      `//${other3.slice('http://'.length)}/x`,
      '../../outside',
      '/absolute',
      '%2e%2e/%2e%2e/pct',
      'a\\..\\..\\bs',
    ];
    const text = rewriteManifest(work, () => [
      ...built.map((f) => (f.path === 'index.html' ? { ...f, size: f.size + 1 } : f)),
      ...bad.map((p) => entryFor(p, secret)),
    ]);
    const r = await verifyAsync(`${origin}/m`);
    const lines = r.stdout.split('\n');
    const why = [
      'it has an empty segment (//, or a / at its end)',
      'it starts with /',
      'it has a . or .. segment',
      'it starts with /',
      'it holds a percent-escape of ., /, \\, % or a control character',
      'it holds a backslash',
    ];
    expect(r.status).toBe(1);
    expect(lines.slice(0, -2)).toEqual(
      bad.map(
        (p, i) =>
          `${origin}/m/${MANIFEST}:${pathAt(text, p)}: error verify-manifest-invalid-path: the manifest lists ${JSON.stringify(p)}, which is not a path of a site (${why[i]}): no build writes it, so it was neither read nor fetched; publish the site again`,
      ),
    );
    expect(lines.slice(-2)).toEqual([
      expect.stringMatching(
        new RegExp(`^${origin}/m/index\\.html:1:1: error verify-file-differs: index\\.html differs`),
      ),
      '',
    ]);
    expect(asked.filter((a) => !a.startsWith('127.0.0.1 /m/'))).toEqual([]);
    const paths = new Set(asked.map((a) => decodeURIComponent(a.slice('127.0.0.1 /m/'.length))));
    expect([...paths].filter((p) => p !== MANIFEST && p !== SIGNATURE && !listed.some((f) => f.path === p))).toEqual(
      [],
    );
  });

  it('with --key, asks for the manifest and its signature only when the signature does not hold', async () => {
    rewriteManifest(work, () => [...built, entryFor(`${other2}/x`, new TextEncoder().encode('x'))]);
    // The signature of the manifest as built, now over other bytes.
    const r = await verifyAsync(`${origin}/m/`, '--key', key.publicFile);
    expect([r.status, r.stderr.split('\n').slice(-3, -1)[0]]).toEqual([
      1,
      "verify: no listed file was read or fetched: the manifest's signature does not hold, so its list is not trusted",
    ]);
    expect(r.stdout).toContain(' error verify-signature-missing: ');
    expect(asked.map((a) => a.split(' ')[1])).toEqual([`/m/${MANIFEST}`, `/m/${SIGNATURE}`]);
  });

  it('refuses to follow a redirect to another origin, or to a URL with credentials, naming where it led', async () => {
    rewriteManifest(work, () => built);
    redirects.set('index.html', `${other2}/index.html`);
    redirects.set('404.json', `http://user:secret@127.0.0.1:${new URL(origin).port}/m/404.json`);
    const r = await verifyAsync(`${origin}/m/`, '--format', 'json');
    redirects.clear();
    const found = JSON.parse(r.stdout).diagnostics.map((d: { code: string; file: string; args: object }) => [
      d.code,
      d.file,
      d.args,
    ]);
    expect(found).toEqual([
      [
        'verify-file-missing',
        `${origin}/m/404.json`,
        {
          path: '404.json',
          detail: `redirected to http://***@127.0.0.1:${new URL(origin).port}/m/404.json, a URL with credentials: verify does not follow it`,
        },
      ],
      [
        'verify-file-missing',
        `${origin}/m/index.html`,
        { path: 'index.html', detail: `redirected to ${other2}/index.html, another origin: verify does not follow it` },
      ],
      ...['br', 'gzip'].map((e) => [
        'verify-file-missing',
        `${origin}/m/index.html`,
        {
          path: 'index.html',
          detail: `redirected to ${other2}/index.html, another origin: verify does not follow it, asked for Accept-Encoding: ${e}`,
        },
      ]),
    ]);
    expect(r.stdout).not.toContain('secret');
    expect(asked.filter((a) => !a.startsWith('127.0.0.1 /m/'))).toEqual([]);
  });

  it('refuses a URL with a query, a fragment or credentials before asking anything, credentials masked', async () => {
    const first = async (url: string) => {
      const r = await verifyAsync(url);
      return [r.status, r.stdout, r.stderr.split('\n')[0], asked.length];
    };
    expect(await first(`${origin}/bad?x=1`)).toEqual([
      2,
      '',
      `user-services verify: the URL ${origin}/bad?x=1 holds a query (?): give the URL of the site's root without it`,
      0,
    ]);
    expect(await first(`${origin}/m/#top`)).toEqual([
      2,
      '',
      `user-services verify: the URL ${origin}/m/#top holds a fragment (#): give the URL of the site's root without it`,
      0,
    ]);
    const secret = origin.replace('http://', 'http://user:pw@');
    expect(await first(`${secret}/m/`)).toEqual([
      2,
      '',
      `user-services verify: the URL ${origin.replace('http://', 'http://***@')}/m/ holds a user name or password: verify sends none; give the URL of a site's root that answers without them`,
      0,
    ]);
  });

  it('names the cause of a connection that fails, exit 2', async () => {
    const closed = await recording('127.0.0.1', [], () => {});
    const url = closed.origin;
    await new Promise((r) => closed.server.close(r));
    const r = await verifyAsync(`${url}/`);
    expect(r).toEqual({
      status: 2,
      stdout: `${url}/${MANIFEST}:1:1: error verify-manifest-unreadable: cannot read the manifest ${url}/${MANIFEST}: connect ECONNREFUSED ${url.slice('http://'.length)}; check the folder or URL, and that the site was built by a version of user-services that publishes it\n`,
      stderr: 'verify: 0 files checked, 1 error in T s\n',
    });
  });
});
