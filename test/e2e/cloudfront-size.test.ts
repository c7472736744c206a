/**
 * `build` of a catalog whose previous names make the CloudFront request
 * function pass the 10 KB CloudFront accepts: the site and every host file are
 * written, and one warning located at the function says so; one fewer fits
 * without a word.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLOUDFRONT_REQUEST } from '../../scripts/core/hosting/cloudfront.js';
import { runCli } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/fs.js';

/** A catalog of one service, `parked`, with `n` previous names of 20 characters. */
function catalog(n: number): string {
  const names = [...Array(n).keys()].map((i) => `old-parking-orbi-${String(i).padStart(3, '0')}`);
  return writeTree(tempDir(), {
    'services/parked.yaml': [
      'technical_name: Parked',
      'display_name: Parked',
      'description: Parks a call.',
      'for_hg: true',
      'for_cc: false',
      'for_ivr: false',
      'for_enduser: true',
      'no_more_assignable: false',
      `previous_names: [${names.join(', ')}]`,
      '',
    ].join('\n'),
  });
}

describe('build with more previous names than a CloudFront Function holds', () => {
  it('writes everything and warns at the request function, exit status 0', () => {
    const work = catalog(120);
    const run = runCli(['build'], { cwd: work });
    const size = readFileSync(join(work, 'hosting', CLOUDFRONT_REQUEST)).length;
    expect(size).toBeGreaterThan(10_240);
    const warnings = run.stdout.split('\n').filter((l) => l.includes('cloudfront-function-too-large'));
    expect([run.status, warnings]).toEqual([
      0,
      [
        `hosting/${CLOUDFRONT_REQUEST}:1:1: warning cloudfront-function-too-large: the CloudFront Function ${CLOUDFRONT_REQUEST} is ${size} bytes, over the 10240 bytes CloudFront accepts, so CloudFront refuses to publish it (the other host files are whole and the site is built); it holds the redirects of 120 previous names. To serve from CloudFront, remove the previous_names whose old URLs no client uses any more until it fits, or serve from a host without that limit (nginx, Caddy, Netlify, Cloudflare Pages)`,
      ],
    ]);
    expect(readFileSync(join(work, 'dist/api/v1/configs/user_services/parked/index.json'), 'utf8')).toContain('Parked');
  });

  it('says nothing when the functions fit', () => {
    const work = catalog(40);
    const run = runCli(['build'], { cwd: work });
    expect([run.status, `${run.stdout}${run.stderr}`.includes('cloudfront-function-too-large')]).toEqual([0, false]);
    expect(readFileSync(join(work, 'hosting', CLOUDFRONT_REQUEST)).length).toBeLessThanOrEqual(10_240);
  });
});
