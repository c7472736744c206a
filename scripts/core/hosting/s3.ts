/**
 * The upload of a built site to S3, as a POSIX shell script around
 * `aws s3 sync`, one pass per kind of file, in an order that never publishes a
 * file before those it leads to: instances (and every other JSON file) first,
 * then the filter lists, then the list, then the other files (the catalog
 * page), and deletions last, once nothing published points at what goes.
 */
import type { KindIdentity } from '../kinds/kind.js';
import { filtersRoot, listPath, manifestPath } from '../model/site.js';
import { CONTENT_TYPES, contentTypeOf, JSON_TYPE } from '../serving/content-types.js';
import { CACHE_SHORT, GENERATED_NOTICE, NOT_SERVED_EVERYWHERE } from './policy.js';

/** Path, under the hosting folder, of the upload script. */
export const S3_UPLOAD = 's3/upload.sh';

/** Files of the site that are not uploaded: other hosts' files, and copies CloudFront makes by itself. */
export const S3_EXCLUDED = NOT_SERVED_EVERYWHERE;

/**
 * One `aws s3 sync` pass of the upload: the Content-Type it stores on each object,
 * and its filters in order (`aws s3 sync` applies the last one that matches a path;
 * `*` matches any characters, `/` included). `S3_EXCLUDED` follows them in every pass.
 */
export interface S3Pass {
  readonly contentType?: string;
  readonly filters: readonly (readonly ['exclude' | 'include', string])[];
  readonly delete?: true;
}

/** Each type but JSON's with its extensions, as globs, in `CONTENT_TYPES` order; none of the files never uploaded. */
function otherTypes(): [string, string[]][] {
  const byType = new Map<string, string[]>();
  for (const [ext, type] of Object.entries(CONTENT_TYPES)) {
    const glob = `*.${ext}`;
    if (type !== JSON_TYPE && !S3_EXCLUDED.includes(glob)) byType.set(type, [...(byType.get(type) ?? []), glob]);
  }
  return [...byType];
}

/**
 * The passes for a site of objects of `kinds`, in order: every JSON file but
 * the lists, each kind's filter lists, each kind's list, the other files by
 * type (`contentTypeOf`'s, never what the AWS CLI guesses from the name: it
 * gives HTML no charset), then the manifest, and deletions last.
 */
export function s3Passes(kinds: readonly KindIdentity[]): S3Pass[] {
  const only = (...globs: string[]) => [['exclude', '*'] as const, ...globs.map((g) => ['include', g] as const)];
  const lists = kinds.map((kind) => listPath(kind));
  const filters = kinds.filter((kind) => kind.flags.length > 0).map((kind) => `${filtersRoot(kind)}/*`);
  const manifest = manifestPath().replace(/[^/]*$/, '*');
  const others = otherTypes();
  const known = ['*.json', ...others.flatMap(([, globs]) => globs)];
  return [
    {
      contentType: JSON_TYPE,
      filters: [...only('*.json'), ...[...lists, ...filters, manifest].map((g) => ['exclude', g] as const)],
    },
    ...(filters.length === 0 ? [] : [{ contentType: JSON_TYPE, filters: only(...filters) }]),
    { contentType: JSON_TYPE, filters: only(...lists) },
    ...others.map(([type, globs]): S3Pass => ({ contentType: type, filters: only(...globs) })),
    { contentType: contentTypeOf(''), filters: known.map((g) => ['exclude', g] as const) },
    { contentType: JSON_TYPE, filters: only(manifest) },
    { filters: [], delete: true },
  ];
}

/** A pass as the script's line: its filters in single quotes, the options given to the script after them. */
function passLine(pass: S3Pass): string {
  const words = [
    ...(pass.delete ? ['--delete'] : []),
    ...(pass.contentType === undefined ? [] : ['--content-type', `'${pass.contentType}'`]),
    ...pass.filters.flatMap(([kind, glob]) => [`--${kind}`, `'${glob}'`]),
  ];
  return `pass ${words.join(' ')} "$@"`;
}

/**
 * A POSIX shell script that uploads the site of objects of `kinds` to S3 with
 * the AWS CLI, each file with its content type and cache policy. Text, ending
 * in a newline.
 */
export function s3UploadScript(kinds: readonly KindIdentity[]): string {
  const excludes = S3_EXCLUDED.map((p) => `--exclude '${p}'`).join(' ');
  const lines = [
    '#!/bin/sh',
    `# ${GENERATED_NOTICE}`,
    '# Publishes a built site to an S3 bucket (behind CloudFront) so that no published',
    '# file ever points at one that is not there yet: every JSON file but the lists,',
    '# then the filter lists, then the list, then the other files, then the manifest of',
    '# them all (and its signature), and deletions last.',
    '# Each object gets its Content-Type (by its extension, text in UTF-8) and',
    '# Cache-Control, which CloudFront passes on.',
    '# Unchanged files keep their modification time across builds, so sync sends only',
    '# what changed.',
    '#',
    '# Usage: sh upload.sh DIST_DIR s3://BUCKET[/PREFIX] [aws s3 sync options, e.g. --dryrun]',
    'set -eu',
    'if [ "$#" -lt 2 ]; then',
    '  echo "usage: sh upload.sh DIST_DIR s3://BUCKET[/PREFIX] [aws s3 sync options]" >&2',
    '  exit 2',
    'fi',
    'site=$1',
    'dest=$2',
    'shift 2',
    '',
    '# One pass of aws s3 sync. Later filters win, so the files that are never',
    '# uploaded are excluded last, whatever the pass includes.',
    'pass() {',
    `  aws s3 sync "$site" "$dest" --no-progress --cache-control '${CACHE_SHORT}' "$@" ${excludes}`,
    '}',
    '',
    ...s3Passes(kinds).map(passLine),
  ];
  return `${lines.join('\n')}\n`;
}
