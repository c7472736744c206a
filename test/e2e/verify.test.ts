/**
 * verify against a signed build: all well, then one changed byte, one
 * missing file, one extra file, a damaged precompressed copy, a wrong key, a
 * missing signature; over HTTP; and the refusals of keys.
 */

import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    expect(r.stderr).toMatch(/^verify: \d+ files checked, 3 errors in T s\n$/);
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
    // One byte of the manifest changed: every file still matches its (changed) record but one, and the signature fails.
    const manifest = join(work, 'dist', API, '_manifest/index.json');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('"api_version":1', '"api_version":2'));
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
  const server = createServer((req, res) => {
    try {
      const body = readFileSync(join(work, 'dist', decodeURIComponent((req.url ?? '/').split('?')[0] ?? '')));
      res.writeHead(200).end(body);
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

  it('checks the listed files every host serves, and names a changed one at its URL', async () => {
    const ok = await verifyAsync(`${origin}/`, '--key', key.publicFile);
    expect([ok.status, ok.stdout]).toEqual([0, '']);
    expect(ok.stderr).toMatch(
      /^verify: over HTTP, 5 listed files that some hosts never serve at their own URL \(host files, precompressed copies\) are not checked, and extra files cannot be found\nverify: \d+ files checked in T s\n$/,
    );
    appendFileSync(join(work, 'dist/index.html'), ' ');
    const changed = await verifyAsync(origin);
    expect([changed.status, changed.stdout.split(' error ')[0], changed.stdout.split(' ')[2]]).toEqual([
      1,
      `${origin}/index.html:1:1:`,
      'verify-file-differs:',
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
