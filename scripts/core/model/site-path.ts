/**
 * What a site path is: the path of a file of the built site, relative to its
 * root. The build writes only such paths (`writeSite` refuses any other), and
 * whatever names files by site path from outside (a published manifest that
 * `verify` reads, a build's own records beside the output) is held to the
 * same rule before any path is joined to a folder or appended to a URL.
 *
 * A site path is relative and `/`-separated: not empty, no leading `/`, no
 * empty, `.` or `..` segment, no backslash (a separator on Windows), no
 * control character (C0, DEL, C1), no percent-escape of `.`, `/`, `\`, `%` or
 * a control character (a host that decodes a URL once, or twice, must not
 * find a separator or a dot segment in it; RFC 3986 section 2.1), and no
 * leading scheme or drive (`http:`, `c:`; RFC 3986 section 3.1).
 */

/** Why a path is not a site path (wording: messages.ts). */
export type SitePathProblem =
  | 'empty'
  | 'absolute'
  | 'empty-segment'
  | 'dot-segment'
  | 'backslash'
  | 'control'
  | 'encoded'
  | 'scheme';

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused here
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** An escape of `.`, `/`, `\`, `%`, or a control character (C0, DEL; C1 is two bytes in UTF-8, never one escape). */
const ENCODED = /%(?:2e|2f|5c|25|[01][0-9a-f]|7f)/i;
/** A scheme (RFC 3986 3.1) or a drive letter before the first `/`. */
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/** The first problem of `path` as a site path (in the order of `SitePathProblem`), or null when it is one. */
export function sitePathProblem(path: string): SitePathProblem | null {
  if (path === '') return 'empty';
  if (path.startsWith('/')) return 'absolute';
  const segments = path.split('/');
  if (segments.includes('')) return 'empty-segment';
  if (segments.some((s) => s === '.' || s === '..')) return 'dot-segment';
  if (path.includes('\\')) return 'backslash';
  if (CONTROL.test(path)) return 'control';
  if (ENCODED.test(path)) return 'encoded';
  return SCHEME.test(segments[0] as string) ? 'scheme' : null;
}

/** Whether `path` is a site path. */
export const isSitePath = (path: string): boolean => sitePathProblem(path) === null;

/**
 * The URL path (percent-encoded, RFC 3986 3.3) of a site path, to append to
 * the URL path of the site's root: each segment encoded as a whole, so that
 * no character of it can act as a separator, a query or a fragment.
 */
export const urlPathOf = (sitePath: string): string => sitePath.split('/').map(encodeURIComponent).join('/');
