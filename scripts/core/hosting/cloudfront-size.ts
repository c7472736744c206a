/**
 * CloudFront's bound on a function's size, and the warning of `build` when a
 * generated function passes it: CloudFront refuses to publish such a function,
 * while every other host file stays usable, so the build goes on (a warning,
 * not an error) and says which tables to shorten.
 */
import { type Diagnostic, warning } from '../diagnostics/diagnostic.js';
import type { KindIdentity } from '../kinds/kind.js';
import type { Site } from '../model/site.js';
import type { Lifecycle } from '../serving/lifecycle.js';
import { CLOUDFRONT_REQUEST, CLOUDFRONT_RESPONSE } from './cloudfront.js';
import { apiFolder, renameTables } from './cloudfront-lifecycle.js';

/**
 * The largest function CloudFront accepts, in bytes of its source text: 10 KB
 * (Amazon CloudFront Developer Guide, "Quotas on CloudFront Functions", function size).
 */
export const CLOUDFRONT_FUNCTION_MAX_BYTES = 10 * 1024;

/**
 * A `cloudfront-function-too-large` warning for each CloudFront Function of
 * `files` (the hosting files of a site of objects of `kinds`, by path) over `CLOUDFRONT_FUNCTION_MAX_BYTES`,
 * located at line 1, column 1 of the file under `folder` (the hosting folder
 * as the user named it). None for functions that fit.
 */
export function cloudfrontSizeWarnings(
  files: Site,
  kinds: readonly KindIdentity[],
  lifecycle: Lifecycle,
  folder: string,
): Diagnostic[] {
  const { names, urls } = renameTables(lifecycle.redirects, apiFolder(kinds));
  const functions = [
    { path: CLOUDFRONT_REQUEST, kind: 'previous-names', entries: Object.keys(names).length + Object.keys(urls).length },
    { path: CLOUDFRONT_RESPONSE, kind: 'deprecations', entries: lifecycle.headers.size },
  ] as const;
  return functions.flatMap(({ path, kind, entries }) => {
    const bytes = files.get(path)?.length ?? 0;
    if (bytes <= CLOUDFRONT_FUNCTION_MAX_BYTES) return [];
    const at = { file: `${folder}/${path}`, line: 1, column: 1 };
    return [
      warning('cloudfront-function-too-large', at, {
        path,
        bytes,
        limit: CLOUDFRONT_FUNCTION_MAX_BYTES,
        entries,
        kind,
      }),
    ];
  });
}
