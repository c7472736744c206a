/**
 * verify against a signed build: all well, then one changed byte, one
 * missing file, one extra file, a damaged precompressed copy, a wrong key, a
 * missing signature; over HTTP; and the refusals of keys.
 */

import { createPublicKey } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../scripts/core/emit/sync/hash-index.js';
import { runCli, runCliAsync, untimed } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/fs.js';
import { git } from '../helpers/git.js';
import { testKey } from '../helpers/signing.js';

const key = testKey(3);
const other = testKey(4);
const API = 'api/v1/configs/user_services';

/** A fresh signed build of a two-service catalog. */
function signedBuild(): string {
  const work = writeTree(tempDir('user-services-verify-'), {
    'services/a.yaml': 'technical_name: Alpha\n',
    'services/b.yaml': 'technical_name: Beta\nfor_hg: true\n',
  });
  const run = runCli(['build', '--no-cache', '--signing-key', key.privateFile], { cwd: work });
  expect(run.status).toBe(0);
  return work;
}

const verify = (cwd: string, ...args: string[]) => {
  const r = runCli(['verify', ...args], { cwd });
  return { status: r.status, stdout: r.stdout, stderr: untimed(r.stderr) };
};

describe('verify on a folder', () => {
  it('passes a site as built, with its key, and counts the files it checked', () => {
    const work = signedBuild();
    const manifest = JSON.parse(readFileSync(join(work, 'dist', API, '_manifest/index.json'), 'utf8'));
    expect(verify(work, 'dist', '--key', key.publicFile)).toEqual({
      status: 0,
      stdout: '',
      stderr: `verify: ${manifest.files.length} files checked in T s\n`,
    });
  });

  it('names one changed byte, one missing file and one extra file, each at its path, exit 1', () => {
    const work = signedBuild();
    const dist = join(work, 'dist');
    const instance = join(dist, API, 'a/index.json');
    const bytes = readFileSync(instance);
    bytes[2] = (bytes[2] as number) ^ 0x20;
    writeFileSync(instance, bytes);
    rmSync(join(dist, 'api/v1/openapi.json'));
    writeFileSync(join(dist, 'robots.txt'), 'User-agent: *\n');
    const r = verify(work, 'dist');
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n')).toEqual([
      expect.stringMatching(
        new RegExp(
          `^dist/${API}/a/index\\.json:1:1: error verify-file-differs: ${API}/a/index\\.json differs from the manifest: it holds ${bytes.length} bytes, SHA-256 [0-9a-f]{12}, the manifest says ${bytes.length} bytes, SHA-256 [0-9a-f]{12}; publish the site again, or find who changed it$`,
        ),
      ),
      'dist/api/v1/openapi.json:1:1: error verify-file-missing: api/v1/openapi.json is listed in the manifest but is missing (no such file); publish the site again',
      'dist/robots.txt:1:1: error verify-file-extra: robots.txt is not in the manifest: it was not published by the build that wrote the manifest; remove it, or publish the site again',
      '',
    ]);
    expect(r.stderr).toMatch(
      /^verify: the site is signed, but its signature was not checked: give --key with the operator's public key\nverify: \d+ files checked, 3 errors in T s\n$/,
    );
  });

  it('checks a precompressed copy by decompressing it', () => {
    const work = signedBuild();
    const gz = join(work, 'dist', API, 'index.json.gz');
    writeFileSync(gz, Buffer.from('not gzip'));
    const r = verify(work, 'dist', '--format', 'json');
    expect(r.status).toBe(1);
    const [d] = JSON.parse(r.stdout).diagnostics;
    expect([d.code, d.file, d.args.actual]).toEqual([
      'verify-file-differs',
      `dist/${API}/index.json.gz`,
      { sha256: '', size: -1 },
    ]);
  });

  it('names a wrong key, a changed manifest and a missing signature', () => {
    const work = signedBuild();
    const wrong = verify(work, 'dist', '--key', other.publicFile);
    expect([wrong.status, wrong.stdout]).toEqual([
      1,
      expect.stringMatching(
        /^dist\/api\/v1\/configs\/user_services\/_manifest\/signature\.json:1:1: error verify-signature-other-key: the manifest is signed by the key [\w-]{43}, not by the key given \([\w-]{43}\); check that --key is the operator's public key\n$/,
      ),
    ]);
    // One byte of the manifest changed (a space, the same entries): the signature fails.
    const manifest = join(work, 'dist', API, '_manifest/index.json');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('"api_version":1', '"api_version": 1'));
    const changed = verify(work, 'dist', '--key', key.publicFile);
    expect([changed.status, changed.stdout]).toEqual([
      1,
      expect.stringMatching(
        / error verify-signature-invalid: the manifest's signature does not verify with the key [\w-]{43} it names/,
      ),
    ]);
    rmSync(join(work, 'dist', API, '_manifest/signature.json'));
    const unsigned = verify(work, 'dist', '--key', key.publicFile);
    expect([unsigned.status, unsigned.stdout]).toEqual([
      1,
      `dist/${API}/_manifest/signature.json:1:1: error verify-signature-missing: --key was given but ${API}/_manifest/signature.json is missing: the site is unsigned; build with --signing-key or --signing-key-env, or verify without --key\n`,
    ]);
  });

  it('says that the signature of a signed site was not checked without --key; unsigned, it says nothing', () => {
    const work = signedBuild();
    const files = JSON.parse(readFileSync(join(work, 'dist', API, '_manifest/index.json'), 'utf8')).files.length;
    expect(verify(work, 'dist')).toEqual({
      status: 0,
      stdout: '',
      stderr: `verify: the site is signed, but its signature was not checked: give --key with the operator's public key\nverify: ${files} files checked in T s\n`,
    });
    rmSync(join(work, 'dist', API, '_manifest/signature.json'));
    const unsigned = verify(work, 'dist', '--format', 'json');
    expect([unsigned.status, { ...JSON.parse(unsigned.stdout).summary, seconds: 0 }]).toEqual([
      0,
      { command: 'verify', checked: files, unchecked: 0, signature: 'unsigned', errors: 0, warnings: 0, seconds: 0 },
    ]);
    expect(verify(work, 'dist').stderr).toBe(`verify: ${files} files checked in T s\n`);
  });

  it('refuses a private key for --key, in PEM or JWK, saying how to take its public half', () => {
    const work = signedBuild();
    const jwk = join(work, 'private.jwk');
    writeFileSync(jwk, JSON.stringify(key.privateKey.export({ format: 'jwk' })));
    for (const file of [key.privateFile, jwk]) {
      const r = verify(work, 'dist', '--key', file);
      expect([r.status, r.stdout, r.stderr.split('\n')[0]]).toEqual([
        2,
        '',
        `user-services verify: the key ${file} is a private key: give the operator's public key (openssl pkey -in ${file} -pubout), and keep the private key where the site is built`,
      ]);
    }
    const publicJwk = join(work, 'public.jwk');
    writeFileSync(publicJwk, JSON.stringify(createPublicKey(key.privateKey).export({ format: 'jwk' })));
    expect(verify(work, 'dist', '--key', publicJwk).status).toBe(0);
  });

  it('exits 2 when there is no manifest to read, and for a key it cannot use', () => {
    const work = writeTree(tempDir('user-services-verify-none-'), { 'site/index.html': '' });
    expect(verify(work, 'site')).toEqual({
      status: 2,
      stdout: `site/${API}/_manifest/index.json:1:1: error verify-manifest-unreadable: cannot read the manifest site/${API}/_manifest/index.json: there is no such file; check the folder or URL, and that the site was built by a version of user-services that publishes it\n`,
      stderr: 'verify: 0 files checked, 1 error in T s\n',
    });
    writeFileSync(join(work, 'rsa.pem'), 'not a key');
    const bad = verify(work, 'site', '--key', 'rsa.pem');
    expect([bad.status, bad.stderr.split('\n')[0]]).toEqual([
      2,
      'user-services verify: the key rsa.pem is not a public key in PEM or JWK',
    ]);
    expect(verify(work).status).toBe(2);
  });
});

describe('verify over HTTP', () => {
  let work = '';
  let origin = '';
  /** Each request as `path accept-encoding`. */
  const asked: string[] = [];
  // As Caddy's `precompressed br gzip`: a copy when the client accepts its encoding and it exists.
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '');
    const accept = String(req.headers['accept-encoding'] ?? '');
    asked.push(`${path} ${accept}`);
    const file = join(work, 'dist', path);
    const copy = (['br', 'gzip'] as const).find(
      (e) => accept === e && existsSync(`${file}${e === 'br' ? '.br' : '.gz'}`),
    );
    try {
      if (copy === undefined) return void res.writeHead(200).end(readFileSync(file));
      res.writeHead(200, { 'Content-Encoding': copy }).end(readFileSync(`${file}${copy === 'br' ? '.br' : '.gz'}`));
    } catch {
      res.writeHead(404).end();
    }
  });
  beforeAll(async () => {
    work = signedBuild();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  // Run without blocking: the server answers from this process.
  const verifyAsync = async (...args: string[]) => {
    const r = await runCliAsync(['verify', ...args], { cwd: work });
    return { status: r.status, stdout: r.stdout, stderr: untimed(r.stderr) };
  };
  const SKIPPED =
    'verify: over HTTP, 5 listed files that some hosts never serve at their own URL (.nojekyll, 404.html, _headers, _redirects, _worker.js) are not checked, and extra files cannot be found\n';

  it('checks the listed files every host serves, each with copies in every encoding, and names a changed one at its URL', async () => {
    asked.length = 0;
    const ok = await verifyAsync(`${origin}/`, '--key', key.publicFile);
    expect([ok.status, ok.stdout]).toEqual([0, '']);
    const manifest = JSON.parse(readFileSync(join(work, 'dist', API, '_manifest/index.json'), 'utf8'));
    expect(ok.stderr).toBe(`${SKIPPED}verify: ${manifest.files.length - 5} files checked in T s\n`);
    // The page (over 1 KiB) is asked for plain, in br and in gzip; an instance (under 1 KiB) plain only.
    const of = (path: string) => asked.filter((a) => a.startsWith(`${path} `)).sort();
    expect(of('/index.html')).toEqual(['/index.html br', '/index.html gzip', '/index.html identity']);
    expect(of(`/${API}/a/index.json`)).toEqual([`/${API}/a/index.json identity`]);
    expect(asked.filter((a) => a.startsWith('/_headers'))).toEqual([]);
    const page = readFileSync(join(work, 'dist/index.html'));
    appendFileSync(join(work, 'dist/index.html'), ' ');
    const changed = await verifyAsync(origin);
    writeFileSync(join(work, 'dist/index.html'), page);
    expect([changed.status, changed.stdout.split(' error ')[0], changed.stdout.split(' ')[2]]).toEqual([
      1,
      `${origin}/index.html:1:1:`,
      'verify-file-differs:',
    ]);
  });

  it('names a damaged br copy, and one that does not decompress, by URL and encoding', async () => {
    const page = join(work, 'dist', 'index.html');
    const plain = readFileSync(page);
    const altered = Buffer.from(plain.toString('utf8').replace('<html', '<html data-x'));
    writeFileSync(`${page}.br`, brotliCompressSync(altered));
    writeFileSync(`${page}.gz`, 'not gzip');
    const r = await verifyAsync(origin, '--format', 'json');
    expect(r.status).toBe(1);
    const found = JSON.parse(r.stdout).diagnostics.map((d: { code: string; file: string; args: object }) => [
      d.code,
      d.file,
      d.args,
    ]);
    const expected = { sha256: sha256Hex(plain), size: plain.length };
    const actual = { sha256: sha256Hex(altered), size: altered.length };
    expect(found).toEqual([
      [
        'verify-encoding-differs',
        `${origin}/index.html`,
        { path: 'index.html', asked: 'br', encoding: 'br', expected, actual },
      ],
      [
        'verify-encoding-differs',
        `${origin}/index.html`,
        { path: 'index.html', asked: 'gzip', encoding: 'gzip', expected, actual: { sha256: '', size: -1 } },
      ],
    ]);
    writeFileSync(`${page}.br`, brotliCompressSync(plain));
    writeFileSync(`${page}.gz`, gzipSync(plain));
  });

  it('says that a signature was not checked without --key, and gives a summary of files, not services', async () => {
    const r = await verifyAsync(origin, '--format', 'json');
    const { summary } = JSON.parse(r.stdout);
    const manifest = JSON.parse(readFileSync(join(work, 'dist', API, '_manifest/index.json'), 'utf8'));
    expect({ ...summary, seconds: 0 }).toEqual({
      command: 'verify',
      checked: manifest.files.length - 5,
      unchecked: 5,
      signature: 'not-checked',
      errors: 0,
      warnings: 0,
      seconds: 0,
    });
    const text = await verifyAsync(origin);
    expect(text.stderr.split('\n').slice(0, 2)).toEqual([
      SKIPPED.trimEnd(),
      "verify: the site is signed, but its signature was not checked: give --key with the operator's public key",
    ]);
  });
});

describe('build --signing-key', () => {
  it('refuses a key file that git tracks, an empty variable, both at once, and a key that is not Ed25519', () => {
    const work = writeTree(tempDir('user-services-keys-'), {
      'services/a.yaml': 'technical_name: Alpha\n',
      'keys/signing.pem': key.privatePem,
    });
    git(work, 'init', '-q');
    git(work, 'add', '-A');
    const first = (args: string[], env: Record<string, string> = {}) => {
      const r = runCli(['build', '--no-cache', ...args], { cwd: work, env });
      return [r.status, r.stderr.split('\n')[0]];
    };
    expect(first(['--signing-key', 'keys/signing.pem'])).toEqual([
      2,
      'user-services build: the signing key keys/signing.pem is tracked by git, so it is published with the repository; remove it from the repository (git rm --cached), make a new key, and keep it outside (a CI secret, --signing-key-env)',
    ]);
    expect(first(['--signing-key-env', 'SIGNING_KEY'], { SIGNING_KEY: '' })).toEqual([
      2,
      'user-services build: $SIGNING_KEY is not set or empty: it should hold an Ed25519 private key in PEM',
    ]);
    expect(first(['--signing-key', key.privateFile, '--signing-key-env', 'SIGNING_KEY'])).toEqual([
      2,
      'user-services build: give --signing-key or --signing-key-env, not both',
    ]);
    expect(first(['--signing-key-env', 'SIGNING_KEY'], { SIGNING_KEY: key.publicPem })).toEqual([
      2,
      'user-services build: the signing key in $SIGNING_KEY is a public key: the build signs with the private key (PEM) it was made from',
    ]);
    expect(
      runCli(['build', '--no-cache', '--signing-key-env', 'SIGNING_KEY'], {
        cwd: work,
        env: { SIGNING_KEY: other.privatePem },
      }).status,
    ).toBe(0);
    expect(verify(work, 'dist', '--key', other.publicFile).status).toBe(0);
  });
});
