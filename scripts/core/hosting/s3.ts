/**
 * The upload of a built site to S3, as a POSIX shell script around
 * `aws s3 sync`, one pass per kind of file, in an order that never publishes a
 * file before those it leads to: instances (and every other JSON file) first,
 * then the filter lists, then the list, then the other files (the catalog
 * page), and deletions last, once nothing published points at what goes.
 */
import { API_ROOT, FILTERS_FOLDER, listPath, SYNC_FOLDERS } from '../model/site.js';
import { JSON_TYPE } from '../serving/content-types.js';
import { CACHE_SHORT, GENERATED_NOTICE, NOT_SERVED_EVERYWHERE } from './policy.js';

/** Path, under the hosting folder, of the upload script. */
export const S3_UPLOAD = 's3/upload.sh';

/** Files of the site that are not uploaded: other hosts' files, and copies CloudFront makes by itself. */
export const S3_EXCLUDED = NOT_SERVED_EVERYWHERE;

/**
 * A POSIX shell script that uploads the site to S3 with the AWS CLI, each file
 * with its content type and cache policy. Text, ending in a newline.
 */
export function s3UploadScript(): string {
  const excludes = S3_EXCLUDED.map((p) => `--exclude '${p}'`).join(' ');
  const lines = [
    '#!/bin/sh',
    `# ${GENERATED_NOTICE}`,
    '# Publishes a built site to an S3 bucket (behind CloudFront) so that no published',
    '# file ever points at one that is not there yet: every JSON file but the lists,',
    '# then the filter lists, then the list, then the other files, then the manifest of',
    '# them all (and its signature), and deletions last.',
    '# Each object gets its Content-Type and Cache-Control, which CloudFront passes on.',
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
    `list='${listPath()}'`,
    `filters='${API_ROOT}/${FILTERS_FOLDER}/*'`,
    `manifest='${API_ROOT}/${SYNC_FOLDERS.manifest}/*'`,
    `json='${JSON_TYPE}'`,
    '',
    `pass --content-type "$json" --exclude '*' --include '*.json' --exclude "$list" --exclude "$filters" --exclude "$manifest" "$@"`,
    `pass --content-type "$json" --exclude '*' --include "$filters" "$@"`,
    `pass --content-type "$json" --exclude '*' --include "$list" "$@"`,
    `pass --exclude '*.json' "$@"`,
    `pass --content-type "$json" --exclude '*' --include "$manifest" "$@"`,
    'pass --delete "$@"',
  ];
  return `${lines.join('\n')}\n`;
}
