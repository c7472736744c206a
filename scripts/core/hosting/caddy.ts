/**
 * Caddy: a file to `import` inside the site block that serves the site, and a
 * complete Caddyfile that does so. The import holds no path: the site block
 * sets `root`, so the generated file is installed unchanged (and is tested
 * unchanged on a real Caddy).
 */

import type { KindIdentity } from '../kinds/kind.js';
import { INSTANCE_NAME_MAX_LENGTH } from '../model/instance-name.js';
import { FILTERS_FOLDER, HOST_ONLY_PATHS, INDEX_FILES, listRoot } from '../model/site.js';
import { JSON_TYPE } from '../serving/content-types.js';
import { CONTENT_SECURITY_POLICY, commonHeaders, type Header, PREFLIGHT_HEADERS } from '../serving/headers.js';
import { errorBody, type HttpError, httpError, methodNotAllowed, serverFailed } from '../serving/http-error.js';
import { type Lifecycle, NO_LIFECYCLE } from '../serving/lifecycle.js';
import { ALLOWED_METHODS, REQUEST_LIMITS } from '../serving/limits.js';
import { type ServedList, servedLists } from '../serving/lists.js';
import { checkError, TRUE_VALUES } from '../serving/query.js';
import { fileTypes, headerBlock, lifecycleRules, NO_CONTENT_TYPE, pathMatcher, TAB } from './caddy-parts.js';
import { CACHE_SHORT, GENERATED_NOTICE, hostName, NO_STORE, NOT_FOUND_PATH, notFoundBody } from './policy.js';

/** Path, under the hosting folder, of the snippet an existing Caddyfile imports. */
export const CADDY_IMPORT = 'caddy/user-services.caddy';
/** Path, under the hosting folder, of a whole Caddyfile. */
export const CADDY_FILE = 'caddy/Caddyfile';

const GENERATED = `# ${GENERATED_NOTICE}`;

/** A name of the rules of `list`'s kind: `user_services_list` for user services. */
const named = (list: ServedList, name: string): string => `${hostName(list.kind.name)}_${name}`;
/** The placeholder holding a flag's path segment when the query sets it: `{user_services_for_hg}`. */
const variable = (list: ServedList, flag: string): string => `{${named(list, flag)}}`;
/** The matcher of a list's URLs as requested, before any rewrite. */
const listPaths = (list: ServedList): string => `vars {http.request.orig_uri.path} ${list.urls.join(' ')}`;

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

/** A handle answering a JSON body of its own: the headers of every response, the cache life given, and `extra`. */
const respondJson = (matcher: string, status: number, body: string, cache: string, extra: readonly Header[] = []) => [
  `handle${matcher === '' ? '' : ` ${matcher}`} {`,
  ...headerBlock(TAB, [...commonHeaders(cache), ['Content-Type', JSON_TYPE], ...extra]),
  `${TAB}respond \`${body}\` ${status}`,
  '}',
];
const respondError = (matcher: string, e: HttpError, extra: readonly Header[] = []) =>
  respondJson(matcher, e.status, text(errorBody(e)), NO_STORE, extra);

/**
 * Refusals before any file is looked for: other methods (405), the list's query outside
 * the grammar (400), a NUL (400), and paths that name no file but that the file system
 * would fail on (500): a segment longer than any the site has, or any non-ASCII character.
 * The files other hosts read answer 404. A request to the list with a body answers 400
 * (Caddy cannot filter by it): Go drops Transfer-Encoding from the headers Caddy sees, so
 * the body itself is looked at, read up to the preview server's limit (`request_body`).
 */
function refusals(lists: readonly ServedList[]): string[] {
  return [
    ...lists.flatMap((list) => [
      `@${named(list, 'list')} ${listPaths(list)}`,
      `request_body @${named(list, 'list')} {`,
      `${TAB}max_size ${REQUEST_LIMITS.maxBodyBytes / 1024}KiB`,
      '}',
    ]),
    `@user_services_method not method ${ALLOWED_METHODS.join(' ')}`,
    ...respondError('@user_services_method', methodNotAllowed(), [['Allow', ALLOWED_METHODS.join(', ')]]),
    '@user_services_nul path_regexp \\x00',
    ...respondError('@user_services_nul', httpError('invalid-path', 'the path is not valid: it holds a NUL')),
    `@user_services_no_file path_regexp (?:^|/)[^/]{${INSTANCE_NAME_MAX_LENGTH + 1}}|[^\\x00-\\x7f]`,
    ...respondJson('@user_services_no_file', 404, text(notFoundBody()), CACHE_SHORT),
    `@user_services_host_only ${pathMatcher(HOST_ONLY_PATHS.map((p) => `/${p}`))}`,
    ...respondJson('@user_services_host_only', 404, text(notFoundBody()), CACHE_SHORT),
    ...lists.flatMap(listRefusals),
  ];
}

/** A list's refusals: a body, and each check of its query grammar. */
const listRefusals = (list: ServedList): string[] => [
  `@${named(list, 'body')} {`,
  `${TAB}${listPaths(list)}`,
  `${TAB}expression \`{http.request.body} != ""\``,
  '}',
  ...respondError(`@${named(list, 'body')}`, list.bodyNotRead),
  ...list.grammar.checks.flatMap((c, i) => [
    `@${named(list, `query_${i}`)} {`,
    `${TAB}${listPaths(list)}`,
    `${TAB}${c.refuseWhen === 'match' ? '' : 'not '}vars_regexp {query} \`${c.pattern}\``,
    '}',
    ...respondError(`@${named(list, `query_${i}`)}`, checkError(c)),
  ]),
];

/** Each flag maps to its path segment when true, to nothing otherwise; a flag set rewrites the list to its filter. */
function queryFlags(list: ServedList): string[] {
  const { flags } = list.kind;
  const maps = flags.flatMap((f) => [
    `map {query.${f}} ${variable(list, f)} {`,
    ...TRUE_VALUES.map((v) => `${TAB}${v} ${f}/`),
    `${TAB}default ""`,
    '}',
  ]);
  const segments = flags.map((f) => variable(list, f));
  return [
    ...maps,
    `@${named(list, 'filtered')} {`,
    `${TAB}${pathMatcher(list.urls)}`,
    `${TAB}expression \`${segments.join(' + ')} != ""\``,
    '}',
    `rewrite @${named(list, 'filtered')} /${list.root}/${FILTERS_FOLDER}/${segments.join('')}index.json`,
  ];
}

/**
 * A folder URL without its final slash (a folder with an index file) is redirected as the
 * preview server does it: 308, the path with its slash and the query when there is one, no
 * body and no Content-Type. Caddy's own redirect (file_server's) has an HTML body or drops
 * the query, and the JSON type set above would label it. Two rules, since the `{?query}`
 * placeholder (the query with its `?`, or nothing) comes with Caddy 2.7 only.
 */
function folderRedirects(): string[] {
  return [
    '@user_services_folder {',
    `${TAB}not ${pathMatcher(['*/'])}`,
    `${TAB}file {`,
    `${TAB}${TAB}try_files ${INDEX_FILES.map((f) => `{path}/${f}`).join(' ')}`,
    `${TAB}}`,
    '}',
    '@user_services_query expression `{query} != ""`',
    'handle @user_services_folder {',
    `${TAB}header ${NO_CONTENT_TYPE}`,
    `${TAB}redir @user_services_query {path}/?{query} 308`,
    `${TAB}redir {path}/ 308`,
    '}',
  ];
}

const precompressedFileServer = (): string[] => [
  'file_server {',
  `${TAB}index ${INDEX_FILES.join(' ')}`,
  `${TAB}precompressed br gzip`,
  '}',
];

/**
 * The Caddy snippet (Caddy 2) that serves the site of objects of `kinds`: the
 * URL table, each kind's filters read from the query at its list (`servedLists`), the common headers, precompressed files, the JSON
 * 404, and `lifecycle`'s redirects and headers. Text, ending in a newline.
 */
export function caddyImport(kinds: readonly KindIdentity[], lifecycle: Lifecycle = NO_LIFECYCLE): string {
  const lists = [...servedLists(kinds).values()];
  const lines = [
    GENERATED,
    '# The User Services API on Caddy. Import this file inside the site block that serves',
    '# the published site, whose `root` is the dist folder (its link, so that each build',
    '# switches atomically). It serves the whole site, errors included: the site block',
    '# needs no file_server or handle_errors of its own.',
    '#',
    '#     api.example.com {',
    '#         root * /srv/user-services/dist',
    '#         import /etc/caddy/user-services.caddy',
    '#     }',
    '',
    `# The list, at its folder URL and its file, reads the query flags: ${TRUE_VALUES.join(' or ')} filters,`,
    '# false or 0 does not. The flags set name the filter file, in the order of its path.',
    ...lists.flatMap(queryFlags),
    '',
    ...lifecycleRules(lifecycle),
    '',
    '# Refused before any file is read: other methods, a query outside the grammar',
    '# (case, escapes, repeats, other parameters), paths no file of the site can have.',
    ...refusals(lists),
    '',
    '# Every response: public data for any origin, never sniffed, and a short cache life,',
    '# since nothing purges caches when a new build is published.',
    ...headerBlock('', commonHeaders(CACHE_SHORT)),
    '@user_services_json {',
    `${TAB}${pathMatcher([...kinds.map((kind) => `/${listRoot(kind)}/*`), `/${NOT_FOUND_PATH}`])}`,
    `${TAB}not ${pathMatcher(['*.gz', '*.br'])}`,
    '}',
    `header @user_services_json Content-Type ${JSON_TYPE}`,
    "# Every other file's type, whatever the system's MIME table says (Go's gives none",
    '# to a .br copy).',
    ...fileTypes(),
    `@user_services_html ${pathMatcher(['/', '*.html'])}`,
    `header @user_services_html Content-Security-Policy "${CONTENT_SECURITY_POLICY}"`,
    '',
    '# A CORS preflight is answered here: 204, no body and no Content-Type.',
    '@user_services_preflight method OPTIONS',
    'handle @user_services_preflight {',
    ...headerBlock(TAB, PREFLIGHT_HEADERS),
    `${TAB}header ${NO_CONTENT_TYPE}`,
    `${TAB}respond 204`,
    '}',
    '',
    '# A folder URL without its final slash: 308 to the one with it, query kept, no body.',
    ...folderRedirects(),
    '',
    '# A Range header is ignored, as the preview server ignores it (RFC 9110 section 14.2',
    '# allows it): every answer is the whole file, never a 206 or a text 416, and none',
    '# says that ranges are accepted.',
    'request_header -Range',
    'header -Accept-Ranges',
    '',
    '# Folder URLs answer their index.json (or index.html); the build writes .br and .gz',
    '# copies beside the files, served as they are.',
    ...precompressedFileServer(),
    '',
    '# A missing file answers the JSON 404 body, written here rather than read from the site',
    "# so that it cannot fail; Caddy's other errors (a file it may not read: 403) a JSON 500,",
    '# never cached.',
    'handle_errors {',
    `${TAB}@user_services_not_found expression \`{err.status_code} == 404\``,
    ...respondJson('@user_services_not_found', 404, text(notFoundBody()), CACHE_SHORT).map((l) => TAB + l),
    ...respondError('', serverFailed()).map((l) => TAB + l),
    '}',
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * A whole Caddyfile serving the site from `dist/` by importing `caddyImport()`'s snippet,
 * with the global option the snippet cannot set: the preview server's bound on the request
 * line and headers (`max_header_size`; Go reads 4 KiB past it). Text, ending in a newline.
 */
export function caddyFile(): string {
  const lines = [
    GENERATED,
    '# A complete Caddyfile for the User Services API. Install the import beside it:',
    '#',
    `#     cp ${CADDY_IMPORT} /etc/caddy/user-services.caddy`,
    `#     cp ${CADDY_FILE} /etc/caddy/Caddyfile`,
    '#     systemctl reload caddy',
    '#',
    '# then set the site address (Caddy gets its certificate by itself) and root',
    '# (the dist link the build publishes).',
    '',
    '# Global options: request headers of the size the preview server accepts (Caddy',
    "# allows 1 MB by default). Larger ones get Go's own 431 in plain text: Go's HTTP",
    '# server answers it before any handler runs, so no directive can make it JSON.',
    '{',
    `${TAB}servers {`,
    `${TAB}${TAB}max_header_size ${REQUEST_LIMITS.maxHeaderBytes / 1024}KiB`,
    `${TAB}}`,
    '}',
    '',
    'api.example.com {',
    `${TAB}root * /srv/user-services/dist`,
    `${TAB}import /etc/caddy/user-services.caddy`,
    '}',
  ];
  return `${lines.join('\n')}\n`;
}
