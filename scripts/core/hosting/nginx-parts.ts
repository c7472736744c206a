/**
 * Pieces of the nginx snippet (nginx.ts): header and type directives, and the
 * locations of the catalog's life cycle, which follow the catalog.
 */
import { CONTENT_TYPES, contentTypeOf, JSON_TYPE } from '../serving/content-types.js';
import { commonHeaders, type Header } from '../serving/headers.js';
import type { Lifecycle } from '../serving/lifecycle.js';
import { CACHE_SHORT } from './policy.js';

/** A value as an nginx string in double quotes (its `"` and `\\` escaped; no value of the API holds `$`). */
const quoted = (value: string): string => `"${value.replace(/["\\]/g, '\\$&')}"`;

/** `add_header` lines, sent with every status (`always`), each at `indent`. */
export const addHeaders = (headers: readonly Header[], indent: string): string[] =>
  headers.map(([name, value]) => `${indent}add_header ${name} ${quoted(value)} always;`);

/**
 * Every file's type as the preview server gives it (`CONTENT_TYPES`), whatever
 * the http block's mime.types says (Debian's gives HTML without its charset):
 * one `types` line per type, and the type of any other extension by default.
 */
export const siteTypes = (indent: string): string[] => {
  const byType = new Map<string, string[]>();
  for (const [ext, type] of Object.entries(CONTENT_TYPES)) byType.set(type, [...(byType.get(type) ?? []), ext]);
  return [
    `${indent}types {`,
    ...[...byType].map(([type, exts]) => `${indent}    ${quoted(type)} ${exts.join(' ')};`),
    `${indent}}`,
    `${indent}default_type ${contentTypeOf('')};`,
  ];
};

/** JSON by default; the precompressed copies keep a type of their own, never read as JSON. */
export const jsonTypes = (indent: string): string[] => [
  `${indent}types { ${contentTypeOf('x.gz')} gz; ${contentTypeOf('x.br')} br; }`,
  `${indent}default_type ${JSON_TYPE};`,
];

/**
 * The catalog's life cycle (serving/lifecycle.ts): each previous instance URL
 * a permanent redirect, query kept; each deprecated instance file its
 * headers, with every response's (a location with add_header of its own
 * inherits none). A folder URL reaches its file through `index`, an internal
 * redirect, so the headers are set on the file's exact location.
 */
export function lifecycleLocations(lifecycle: Lifecycle): string[] {
  // A 301 of its own goes through the error page above: a bodiless 308, as every redirect here.
  const redirects = [...lifecycle.redirects].map(
    ([from, to]) => `location = ${from} { return 301 ${to}$is_args$args; }`,
  );
  const deprecated = [...lifecycle.headers].flatMap(([path, headers]) => [
    `location = /${path} {`,
    ...jsonTypes('    '),
    ...addHeaders([...commonHeaders(CACHE_SHORT), ...headers], '    '),
    '}',
  ]);
  if (redirects.length + deprecated.length === 0) return [];
  return [
    '',
    '# Previous instance names redirect to their service; deprecated instances send',
    '# Deprecation, Sunset and Link. These lines follow the catalog: install the file',
    '# again after a build that changes a deprecation or previous_names.',
    ...redirects,
    ...deprecated,
  ];
}
