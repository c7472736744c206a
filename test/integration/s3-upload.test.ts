/**
 * The S3 upload script run by sh, with an `aws` on PATH that records each call
 * instead of reaching AWS: what is checked is the script's own work, the order
 * of the passes and the filters exactly as `aws s3 sync` receives them
 * (no pattern expanded by the shell).
 */

import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostingFiles } from '../../scripts/core/hosting/index.js';
import { CACHE_SHORT } from '../../scripts/core/hosting/policy.js';
import { S3_UPLOAD } from '../../scripts/core/hosting/s3.js';
import { runCli } from '../helpers/cli.js';
import { copyFixtureCatalog } from '../helpers/fixture-catalog.js';
import { tempDir, writeTree } from '../helpers/fs.js';
import { USER_SERVICES_ONLY } from '../helpers/user-services-kind.js';

const RECORDER = '#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done >> "$AWS_CALLS"\necho "--" >> "$AWS_CALLS"\n';
const EXCLUDED = ['_headers', '_redirects', '.nojekyll', '_worker.js', '404.html', '*.gz', '*.br'].flatMap((p) => [
  '--exclude',
  p,
]);

describe('s3/upload.sh', () => {
  it('syncs other JSON, then filters, then the list, then the rest by type, then the manifest, and deletes last', () => {
    const work = copyFixtureCatalog(tempDir());
    expect(runCli(['build'], { cwd: work }).status).toBe(0);
    writeTree(join(work, 'bin'), { aws: RECORDER });
    chmodSync(join(work, 'bin', 'aws'), 0o755);
    const calls = join(work, 'calls');
    writeFileSync(calls, '');
    // Run from the site's folder, so that an unquoted * would expand to its files.
    const run = spawnSync('sh', [join(work, 'hosting', S3_UPLOAD), '.', 's3://bucket/api', '--dryrun'], {
      cwd: join(work, 'dist'),
      env: { ...process.env, PATH: `${join(work, 'bin')}:${process.env.PATH}`, AWS_CALLS: calls },
      encoding: 'utf8',
    });
    expect([run.status, run.stderr]).toEqual([0, '']);
    const sync = (...args: string[]) => [
      's3',
      'sync',
      '.',
      's3://bucket/api',
      '--no-progress',
      '--cache-control',
      CACHE_SHORT,
      ...args,
      '--dryrun',
      ...EXCLUDED,
    ];
    const json = ['--content-type', 'application/json', '--exclude', '*'];
    const list = 'api/v1/configs/user_services/index.json';
    const filters = 'api/v1/configs/user_services/filters/*';
    const manifest = 'api/v1/configs/user_services/_manifest/*';
    const recorded = readFileSync(calls, 'utf8')
      .split('--\n')
      .filter(Boolean)
      .map((c) => c.trimEnd().split('\n'));
    const typed = (type: string, ...globs: string[]) => [
      '--content-type',
      type,
      '--exclude',
      '*',
      ...globs.flatMap((g) => ['--include', g]),
    ];
    const known = ['json', 'html', 'css', 'js', 'mjs', 'svg', 'txt', 'xml', 'atom', 'png', 'ico', 'webmanifest'];
    expect(recorded).toEqual([
      sync(...json, '--include', '*.json', '--exclude', list, '--exclude', filters, '--exclude', manifest),
      sync(...json, '--include', filters),
      sync(...json, '--include', list),
      // The other files by type, as the preview server gives it: text in UTF-8, never the AWS CLI's guess.
      sync(...typed('text/html; charset=utf-8', '*.html')),
      sync(...typed('text/css; charset=utf-8', '*.css')),
      sync(...typed('text/javascript; charset=utf-8', '*.js', '*.mjs')),
      sync(...typed('image/svg+xml', '*.svg')),
      sync(...typed('text/plain; charset=utf-8', '*.txt')),
      sync(...typed('application/xml', '*.xml')),
      sync(...typed('application/atom+xml', '*.atom')),
      sync(...typed('image/png', '*.png')),
      sync(...typed('image/x-icon', '*.ico')),
      sync(...typed('application/manifest+json', '*.webmanifest')),
      sync('--content-type', 'application/octet-stream', ...known.flatMap((e) => ['--exclude', `*.${e}`])),
      // The manifest (and its signature) once every file it lists is there.
      sync(...json, '--include', manifest),
      sync('--delete'),
    ]);
  });

  it('says how to call it, with status 2, when the destination is missing', () => {
    const work = writeTree(tempDir(), {
      'upload.sh': hostingFiles(USER_SERVICES_ONLY).get(S3_UPLOAD) as Uint8Array,
    });
    const run = spawnSync('sh', ['upload.sh', 'dist'], { cwd: work, encoding: 'utf8' });
    expect([run.status, run.stderr]).toEqual([
      2,
      'usage: sh upload.sh DIST_DIR s3://BUCKET[/PREFIX] [aws s3 sync options]\n',
    ]);
  });
});
