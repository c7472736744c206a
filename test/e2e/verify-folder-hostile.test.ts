/**
 * verify on a folder someone else controls: manifest entries that are not
 * site paths or are listed twice, an unknown api_version, FIFOs, links,
 * unreadable files and folders, a huge file, signatures that cannot be read.
 * Each is a located diagnostic with its exit status; none hangs, crashes,
 * follows a link or reads a file outside the copy.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, renameSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { base64url } from '../../scripts/core/sync/jws.js';
import { CLI, runCli, untimed } from '../helpers/cli.js';
import { testKey } from '../helpers/signing.js';
import { canDropPrivileges, unprivileged } from '../helpers/unprivileged.js';
import {
  API,
  buildSite,
  entriesOf,
  entryFor,
  MANIFEST,
  pathAt,
  published,
  rewriteManifest,
  SIGNATURE,
  verify,
} from '../helpers/verify-site.js';

const key = testKey(6);
const bytes = (s: string) => new TextEncoder().encode(s);
const NOT_REGULAR =
  'not a regular file: a build publishes regular files only, and verify never opens or follows anything else; remove it, and publish the site again';
const summaryOf = (stdout: string) => ({ ...JSON.parse(stdout).summary, seconds: 0 });

describe('verify on a folder: the manifest', () => {
  it('refuses each entry that is not a site path and each path listed again, at its line, reads none of them, and checks the rest', () => {
    const work = buildSite();
    writeFileSync(join(work, 'outside'), 'secret');
    const listed = entriesOf(work);
    const first = listed[0]?.path as string;
    const bad = [
      'http://127.0.0.2:18461/x',
      '//127.0.0.3/x',
      '../../outside',
      '/absolute',
      '%2e%2e/%2e%2e/pct',
      'a\\..\\..\\bs',
    ];
    const text = rewriteManifest(work, (files) => [
      ...files,
      ...bad.map((p) => entryFor(p, bytes('secret'))),
      files[0] as never,
    ]);
    const at = (path: string, n = 0) => `dist/${MANIFEST}:${pathAt(text, path, n)}`;
    const invalid = (path: string, why: string) =>
      `${at(path)}: error verify-manifest-invalid-path: the manifest lists ${JSON.stringify(path)}, which is not a path of a site (${why}): no build writes it, so it was neither read nor fetched; publish the site again`;
    const r = verify(work, 'dist');
    expect([r.status, r.stdout.split('\n')]).toEqual([
      1,
      [
        invalid(bad[0] as string, 'it has an empty segment (//, or a / at its end)'),
        invalid(bad[1] as string, 'it starts with /'),
        invalid(bad[2] as string, 'it has a . or .. segment'),
        invalid(bad[3] as string, 'it starts with /'),
        invalid(bad[4] as string, 'it holds a percent-escape of ., /, \\, % or a control character'),
        invalid(bad[5] as string, 'it holds a backslash'),
        `${at(first, 1)}: error verify-manifest-duplicate-path: the manifest lists ${JSON.stringify(first)} again (first on line ${pathAt(text, first).split(':')[0]}): no build lists a file twice, so this entry was not checked; publish the site again`,
        '',
      ],
    ]);
    expect(r.stderr).toBe(`verify: ${listed.length} files checked, 7 errors in T s\n`);
    expect(summaryOf(verify(work, 'dist', '--format', 'json').stdout)).toEqual({
      command: 'verify',
      checked: listed.length,
      unchecked: 7,
      signature: 'unsigned',
      errors: 7,
      warnings: 0,
      seconds: 0,
    });
  });

  it('refuses a manifest of another api_version, or none, at that value, exit 2', () => {
    const work = buildSite();
    const text = rewriteManifest(work, (f) => f, { api_version: 99 });
    const line = text.split('\n').findIndex((l) => l.includes('"api_version": 99')) + 1;
    expect(verify(work, 'dist')).toEqual({
      status: 2,
      stdout: `dist/${MANIFEST}:${line}:17: error verify-manifest-unreadable: cannot read the manifest dist/${MANIFEST}: it holds "api_version": 99, and this version of user-services reads "api_version": 1 only; verify with a version of user-services that reads the site's; check the folder or URL, and that the site was built by a version of user-services that publishes it\n`,
      stderr: 'verify: 0 files checked, 1 error in T s\n',
    });
    expect(summaryOf(verify(work, 'dist', '--format', 'json').stdout)).toEqual({
      command: 'verify',
      checked: 0,
      unchecked: 0,
      signature: 'not-checked',
      errors: 1,
      warnings: 0,
      seconds: 0,
    });
    rewriteManifest(work, (f) => f, { api_version: undefined });
    expect(verify(work, 'dist').stdout).toContain(
      `dist/${MANIFEST}:1:1: error verify-manifest-unreadable: cannot read the manifest dist/${MANIFEST}: it holds no "api_version", and`,
    );
  });

  it('refuses a manifest over 64 MiB without reading it, exit 2', () => {
    const work = buildSite();
    truncateSync(join(published(work), MANIFEST), 64 * 1024 * 1024 + 1);
    expect(verify(work, 'dist')).toEqual({
      status: 2,
      stdout: `dist/${MANIFEST}:1:1: error verify-manifest-unreadable: cannot read the manifest dist/${MANIFEST}: it cannot be read (it is larger than 64 MiB); check the folder or URL, and that the site was built by a version of user-services that publishes it\n`,
      stderr: 'verify: 0 files checked, 1 error in T s\n',
    });
  });
});

describe('verify on a folder: what is not a regular file', () => {
  it('names a FIFO listed, unlisted, or as signature.json, without opening one; with --key, reads no listed file', () => {
    const work = buildSite(key);
    const dist = published(work);
    const listed = entriesOf(work);
    for (const path of ['404.html', SIGNATURE]) rmSync(join(dist, path));
    for (const path of ['404.html', 'fifo', SIGNATURE]) execFileSync('mkfifo', [join(dist, path)]);
    const fifo = (path: string) => `dist/${path}:1:1: error verify-file-not-regular: ${path} is a FIFO, ${NOT_REGULAR}`;
    expect(verify(work, 'dist')).toEqual({
      status: 1,
      stdout: [fifo('404.html'), fifo('fifo'), fifo(SIGNATURE), ''].join('\n'),
      stderr: `verify: ${listed.length} files checked, 3 errors in T s\n`,
    });
    expect(verify(work, 'dist', '--key', key.publicFile)).toEqual({
      status: 1,
      stdout: `${fifo(SIGNATURE)}\n`,
      stderr: `verify: no listed file was read or fetched: the manifest's signature does not hold, so its list is not trusted\nverify: 0 files checked, 1 error in T s\n`,
    });
    rmSync(join(dist, MANIFEST));
    execFileSync('mkfifo', [join(dist, MANIFEST)]);
    expect(verify(work, 'dist')).toEqual({
      status: 2,
      stdout: `dist/${MANIFEST}:1:1: error verify-manifest-unreadable: cannot read the manifest dist/${MANIFEST}: it is a FIFO, not a regular file, and verify never opens or follows anything else; check the folder or URL, and that the site was built by a version of user-services that publishes it\n`,
      stderr: 'verify: 0 files checked, 1 error in T s\n',
    });
  });

  it('names a symbolic link as a link, listed or not, to a file or a folder, and never follows it', () => {
    const work = buildSite();
    const dist = published(work);
    const outside = join(work, 'outside.txt');
    writeFileSync(outside, 'outside');
    symlinkSync('/etc/shadow', join(dist, 'zz-link'));
    symlinkSync(outside, join(dist, 'zz-outside'));
    // A listed instance's folder moved out of the copy and linked to.
    renameSync(join(dist, API, 'a'), join(work, 'a-elsewhere'));
    symlinkSync(join(work, 'a-elsewhere'), join(dist, API, 'a'));
    const text = rewriteManifest(work, (files) => [
      ...files,
      entryFor('zz-link', bytes('root:*:...')),
      entryFor('zz-outside', bytes('outside')),
    ]);
    const listed = JSON.parse(text).files.length;
    const link = (path: string, target: string) =>
      `dist/${path}:1:1: error verify-file-not-regular: ${path} is a symbolic link (to ${target}), ${NOT_REGULAR}`;
    expect(verify(work, 'dist')).toEqual({
      status: 1,
      stdout: [
        `dist/${API}/a/index.json:1:1: error verify-file-missing: ${API}/a/index.json is listed in the manifest but is missing (its folder ${API}/a is a symbolic link, which verify does not follow); publish the site again`,
        link('zz-link', '/etc/shadow'),
        link('zz-outside', outside),
        link(`${API}/a`, join(work, 'a-elsewhere')),
        '',
      ].join('\n'),
      stderr: `verify: ${listed} files checked, 4 errors in T s\n`,
    });
  });
});

describe('verify on a folder: what cannot be read', () => {
  it.skipIf(!canDropPrivileges)(
    'names an unreadable file, folder and signature by the system error, and goes on (as a user without privileges)',
    () => {
      const work = buildSite(key);
      chmodSync(work, 0o755);
      const dist = published(work);
      const listed = entriesOf(work);
      chmodSync(join(dist, 'index.html'), 0o000);
      chmodSync(join(dist, API, 'b'), 0o000);
      chmodSync(join(dist, SIGNATURE), 0o000);
      const r = runCli(['verify', 'dist'], { cwd: work, program: unprivileged() });
      const unreadable = (path: string) =>
        `dist/${path}:1:1: error verify-file-unreadable: ${path} cannot be read (EACCES), so it was not checked; let the user who runs verify read it`;
      expect([r.status, r.stdout.split('\n'), untimed(r.stderr)]).toEqual([
        1,
        [
          unreadable(`${API}/b/index.json`),
          unreadable('index.html'),
          `dist/${API}/b:1:1: error verify-file-unreadable: the folder ${API}/b cannot be read (EACCES): files in it that the manifest does not list cannot be found; let the user who runs verify read it`,
          unreadable(SIGNATURE),
          '',
        ],
        `verify: ${listed.length} files checked, 4 errors in T s\n`,
      ]);
    },
  );

  it('hashes a 1 GiB file as it reads it, holding a few MB, and names what it holds', () => {
    const work = buildSite();
    const big = join(published(work), 'big.bin');
    const size = 1024 * 1024 * 1024;
    writeFileSync(big, '');
    truncateSync(big, size);
    rewriteManifest(work, (files) => [...files, { path: 'big.bin', sha256: '0'.repeat(64), size }]);
    const hash = createHash('sha256');
    const mib = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < 1024; i++) hash.update(mib);
    const sha256 = hash.digest('hex');
    const timed = existsSync('/usr/bin/time');
    const program = { wrapper: timed ? ['/usr/bin/time', '-f', 'peak %M kB'] : [], node: process.execPath, cli: CLI };
    const r = runCli(['verify', 'dist', '--format', 'json'], { cwd: work, program });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).diagnostics.map((d: { code: string; args: object }) => [d.code, d.args])).toEqual([
      [
        'verify-file-differs',
        { path: 'big.bin', expected: { sha256: '0'.repeat(64), size }, actual: { sha256, size } },
      ],
    ]);
    if (timed) expect(Number(/peak (\d+) kB/.exec(r.stderr)?.[1])).toBeLessThan(250 * 1024);
  });
});

describe('verify on a folder: signatures that cannot be read', () => {
  const signature = (work: string, jws: object) => {
    const file = join(published(work), SIGNATURE);
    rmSync(file, { force: true });
    writeFileSync(file, JSON.stringify(jws));
  };

  it('names a protected header that is null, an array or not JSON as malformed, never crashing', () => {
    const work = buildSite(key);
    const malformed = (reason: string) =>
      `dist/${SIGNATURE}:1:1: error verify-signature-malformed: the manifest's signature cannot be read: ${reason}\n`;
    const cases: [object, string][] = [
      [{ protected: 'bnVsbA', signature: 'AAAA' }, 'its protected header is not a JSON object'],
      [{ protected: base64url('[1]'), signature: 'AAAA' }, 'its protected header is not a JSON object'],
      [{ protected: base64url('{"alg":"EdDSA","kid":5}'), signature: 'AAAA' }, 'its "kid" is not a string'],
      [{ protected: base64url('{"kid":"x"}'), signature: 'AAAA' }, 'its algorithm is missing, not "EdDSA"'],
      [
        { protected: 'not base64!', signature: 'AAAA' },
        'it is not a JSON Web Signature in the flattened JSON serialization',
      ],
      [{ protected: 5, signature: 'AAAA' }, 'it lacks "protected" or "signature"'],
    ];
    for (const [jws, reason] of cases) {
      signature(work, jws);
      const r = verify(work, 'dist', '--key', key.publicFile);
      expect([r.status, r.stdout]).toEqual([1, malformed(reason)]);
    }
    writeFileSync(join(published(work), SIGNATURE), 'null');
    expect(verify(work, 'dist', '--key', key.publicFile).stdout).toBe(
      malformed('it is not a JSON Web Signature in the flattened JSON serialization'),
    );
  });

  it('says that a bad signature naming no key was checked with the key given, not one "it names"', () => {
    const work = buildSite(key);
    signature(work, { protected: base64url('{"alg":"EdDSA"}'), signature: base64url(new Uint8Array(64)) });
    const r = verify(work, 'dist', '--key', key.publicFile);
    expect([r.status, r.stdout]).toEqual([
      1,
      expect.stringMatching(
        new RegExp(
          `^dist/${MANIFEST.replace(/\./g, '\\.')}:1:1: error verify-signature-invalid: the manifest's signature does not verify with the key [\\w-]{43} given \\(the signature names no key\\): the manifest or its signature changed after signing; publish the site again\n$`,
        ),
      ),
    ]);
  });
});
