/**
 * Pieces of the Caddy import (caddy.ts): matchers of site paths as
 * case-sensitive as every other host, header blocks and tokens, the file
 * types, and the rules of the catalog's life cycle, which follow the catalog.
 */
import { urlOf } from '../model/site.js';
import { CONTENT_TYPES, contentTypeOf, JSON_TYPE } from '../serving/content-types.js';
import type { Header } from '../serving/headers.js';
import type { Lifecycle } from '../serving/lifecycle.js';

/** Caddy's indentation inside a block. */
export const TAB = '\t';

/**
 * The header operation that keeps a bodiless answer (a 308, the preflight's 204)
 * without the Content-Type set above for the paths it answers, as the preview
 * server sends none: a deletion, which Caddy applies as the answer is written.
 */
export const NO_CONTENT_TYPE = '-Content-Type';

/** A value as one Caddyfile token: as it is, in double quotes, or in backquotes when it holds a double quote. */
export const token = (value: string): string =>
  value.includes('"') ? `\`${value}\`` : /[\s;]/.test(value) ? `"${value}"` : value;

/** `text` as a Go regular expression (RE2) matching it literally, as Go's `regexp.QuoteMeta` quotes it. */
const quoteMeta = (text: string): string => text.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');

/**
 * A matcher of site paths, as case-sensitive as nginx, the preview server and S3 match
 * them: Caddy's own `path` matcher ignores case, `path_regexp` does not. Each pattern is
 * a path, a suffix after a `*` (`*.html`), or a prefix before one (`/api/*`), as `path` reads them.
 */
export function pathMatcher(patterns: readonly string[]): string {
  const regexp = (p: string) =>
    p.startsWith('*')
      ? `.*${quoteMeta(p.slice(1))}`
      : p.endsWith('*')
        ? `${quoteMeta(p.slice(0, -1))}.*`
        : quoteMeta(p);
  return `path_regexp ^(?:${patterns.map(regexp).join('|')})$`;
}

/** A `header { ... }` block setting each of `headers`, its lines at `indent`. */
export const headerBlock = (indent: string, headers: readonly Header[]): string[] => [
  `${indent}header {`,
  ...headers.map(([name, value]) => `${indent}${TAB}${name} ${token(value)}`),
  `${indent}}`,
];

/**
 * The type of each file by its extension, as the preview server gives it
 * (`CONTENT_TYPES`; a `.br` copy's too), one matcher per type. The folder
 * URL of the catalog page gets its `index.html`'s type.
 */
export function fileTypes(): string[] {
  const byType = new Map<string, string[]>();
  for (const [ext, type] of [...Object.entries(CONTENT_TYPES), ['br', contentTypeOf('x.br')] as const]) {
    if (type !== JSON_TYPE) byType.set(type, [...(byType.get(type) ?? []), `*.${ext}`]);
  }
  byType.get(contentTypeOf('index.html'))?.unshift('/');
  return [...byType].flatMap(([type, paths], i) => [
    `@user_services_type_${i} ${pathMatcher(paths)}`,
    `header @user_services_type_${i} Content-Type ${token(type)}`,
  ]);
}

/**
 * The catalog's life cycle (serving/lifecycle.ts): each previous instance URL
 * answers GET and HEAD with a permanent redirect, its query kept, without
 * the JSON Content-Type of the paths under the API (`redir`
 * runs before the method and preflight handles, hence the method matcher);
 * each deprecated instance, at its folder URL and its file, its headers.
 */
export function lifecycleRules(lifecycle: Lifecycle): string[] {
  const byTarget = new Map<string, string[]>();
  for (const [from, to] of lifecycle.redirects) byTarget.set(to, [...(byTarget.get(to) ?? []), from]);
  const redirects = [...byTarget].flatMap(([to, froms], i) => [
    `@user_services_renamed_${i} {`,
    `${TAB}${pathMatcher(froms)}`,
    `${TAB}method GET HEAD`,
    '}',
    `redir @user_services_renamed_${i} ${to}{user_services_query} 308`,
    `header @user_services_renamed_${i} ${NO_CONTENT_TYPE}`,
  ]);
  const deprecated = [...lifecycle.headers].flatMap(([path, headers], i) => [
    `@user_services_deprecated_${i} ${pathMatcher([urlOf(path), `/${path}`])}`,
    ...headerBlock('', headers).map((line, n) => (n === 0 ? `header @user_services_deprecated_${i} {` : line)),
  ]);
  if (redirects.length + deprecated.length === 0) return [];
  return [
    '',
    '# Previous instance names redirect to their service, query kept, with no body and',
    '# no Content-Type; deprecated instances send Deprecation, Sunset and Link. These',
    '# lines follow the catalog: install the file again after a build that changes a',
    '# deprecation or previous_names.',
    'map {query} {user_services_query} {',
    `${TAB}~(.+) ?\${1}`,
    `${TAB}default ""`,
    '}',
    ...redirects,
    ...deprecated,
  ];
}
