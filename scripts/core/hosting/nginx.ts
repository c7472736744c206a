/**
 * nginx: a file to `include` inside the server block that serves the site,
 * and a complete server block that does so. The include holds no path: the
 * administrator's server block sets `root`, so the generated file is installed
 * unchanged (and is tested unchanged on a real nginx).
 */
import type { KindIdentity } from '../kinds/kind.js';
import { FILTERS_FOLDER, feedPath, HOST_ONLY_PATHS, INDEX_FILES, listRoot } from '../model/site.js';
import { BODY_SIGNS } from '../serving/body.js';
import { contentTypeOf } from '../serving/content-types.js';
import { CONTENT_SECURITY_POLICY, commonHeaders, PREFLIGHT_HEADERS } from '../serving/headers.js';
import { type Lifecycle, NO_LIFECYCLE } from '../serving/lifecycle.js';
import { ALLOWED_METHODS, REQUEST_LIMITS } from '../serving/limits.js';
import { type ServedList, servedLists } from '../serving/lists.js';
import { checkError, FALSE_VALUES, TRUE_VALUES } from '../serving/query.js';
import { jsonError, ownErrors, redirects } from './nginx-errors.js';
import { addHeaders, jsonTypes, lifecycleLocations, siteTypes } from './nginx-parts.js';
import { CACHE_SHORT, GENERATED_NOTICE, hostName, NOT_FOUND_PATH } from './policy.js';

/**
 * Paths, under the hosting folder, of the snippet an existing server block includes and of a whole server block.
 */
export const NGINX_INCLUDE = 'nginx/user-services.conf';
/** Path, under the hosting folder, of a whole server block. */
export const NGINX_SERVER = 'nginx/server.conf';

const GENERATED = `# ${GENERATED_NOTICE}`;

/** The preflight headers come from variables that are empty, so not sent, except on an OPTIONS request. */
const preflightVariable = (name: string): string => `$user_services_${name.toLowerCase().replace(/-/g, '_')}`;

/** The grammar's checks of the query, each answering its 400 (`if` blocks run in order; the first return ends). */
const queryChecks = (list: ServedList, indent: string): string[] =>
  list.grammar.checks.flatMap((c) => [
    `${indent}if ($args ${c.refuseWhen === 'match' ? '~' : '!~'} "${c.pattern}") {`,
    ...jsonError(checkError(c), `${indent}    `),
    `${indent}}`,
  ]);

/** A request to the list with a body answers 400: nginx cannot read the spec's JSON body. */
const bodyChecks = (list: ServedList, indent: string): string[] =>
  BODY_SIGNS.flatMap(([header, pattern]) => [
    `${indent}if ($http_${header.toLowerCase().replace(/-/g, '_')} ~ "${pattern}") {`,
    ...jsonError(list.bodyNotRead, `${indent}    `),
    `${indent}}`,
  ]);

/** The flags set, in the kind's order, name the filter file: a variable named after the kind collects them. */
function queryFlags(list: ServedList, indent: string): string[] {
  const truthy = `"^(${TRUE_VALUES.join('|')})$"`;
  const filter = `${hostName(list.kind.name)}_filter`;
  return [
    `${indent}set $${filter} "";`,
    ...list.kind.flags.map((f) => `${indent}if ($arg_${f} ~ ${truthy}) { set $${filter} "\${${filter}}${f}/"; }`),
    `${indent}if ($${filter}) {`,
    `${indent}    rewrite ^ /${list.root}/${FILTERS_FOLDER}/\${${filter}}index.json? last;`,
    `${indent}}`,
  ];
}

/**
 * The nginx snippet that serves the site of objects of `kinds` inside a
 * server block: the URL table, each kind's filters read from the query at its
 * list (`servedLists`), the common headers,
 * precompressed files, the JSON 404, and `lifecycle`'s redirects and headers.
 * Text, ending in a newline.
 */
export function nginxInclude(kinds: readonly KindIdentity[], lifecycle: Lifecycle = NO_LIFECYCLE): string {
  const lists = [...servedLists(kinds).values()];
  const lines = [
    GENERATED,
    '# The User Services API on nginx. Include this file inside the server block that',
    '# serves the published site, whose `root` is the dist folder (its link, so that',
    '# each build switches atomically):',
    '#',
    '#     server {',
    '#         listen 80;',
    '#         root /srv/user-services/dist;',
    `#         include /etc/nginx/snippets/user-services.conf;`,
    '#     }',
    '',
    "# Every file's Content-Type, whatever the http block's mime.types says: the catalog",
    "# page's HTML, CSS and JavaScript in UTF-8; the API's files are JSON (below).",
    ...siteTypes(''),
    '',
    '# Folder URLs answer their index.json (or index.html); redirects to add the final',
    '# slash keep the host and port the client used, and are permanent (308) and bodiless.',
    'absolute_redirect off;',
    `index ${INDEX_FILES.join(' ')};`,
    ...redirects(),
    '',
    '# A Range header is ignored, as the preview server ignores it (RFC 9110 section 14.2',
    '# allows it): every answer is the whole file, never a 206 or an HTML 416.',
    'max_ranges 0;',
    '',
    '# The build writes .gz copies beside the files: served as they are, never compressed',
    "# again. Debian's nginx has no Brotli module; with one (ngx_brotli) uncomment:",
    '#     brotli_static on;',
    'gzip_static on;',
    'gzip_vary on;',
    'gzip_proxied any;',
    '',
    '# Missing files answer the JSON 404 body, and are not written to the error log: an',
    '# unknown instance is an answer, not a fault. Folders without an index, and files',
    "# nginx's user may not read (403), answer a JSON 404 that no cache keeps: nginx's user",
    '# must be able to read the published folder and the builds it links to.',
    'log_not_found off;',
    '',
    "# nginx's own errors answer JSON, never cached, without nginx's name or version.",
    '# Each body is written here, never read from the site, so that it cannot fail.',
    'server_tokens off;',
    `client_max_body_size ${REQUEST_LIMITS.maxBodyBytes / 1024}k;`,
    ...ownErrors(),
    '',
    `# Methods other than ${ALLOWED_METHODS.join(', ')}: 405, with Allow.`,
    `if ($request_method !~ ^(${ALLOWED_METHODS.join('|')})$) {`,
    '    return 405;',
    '}',
    '',
    '# Every response, errors included: public data for any origin, never sniffed,',
    '# and a short cache life, since nothing purges caches when a new build is published.',
    ...addHeaders(commonHeaders(CACHE_SHORT), ''),
    ...PREFLIGHT_HEADERS.map(([name]) => `add_header ${name} ${preflightVariable(name)} always;`),
    '',
    '# A CORS preflight is answered here, with the headers above.',
    ...PREFLIGHT_HEADERS.map(([name]) => `set ${preflightVariable(name)} "";`),
    'if ($request_method = OPTIONS) {',
    ...PREFLIGHT_HEADERS.map(([name, value]) => `    set ${preflightVariable(name)} "${value}";`),
    '    return 204;',
    '}',
    '',
    '# Every file of the API is JSON.',
    ...kinds.flatMap((kind) => [`location ^~ /${listRoot(kind)}/ {`, ...jsonTypes('    '), '}']),
    '',
    `# The list, at its folder URL and its file, reads the query flags: ${TRUE_VALUES.join(' or ')} filters,`,
    `# ${FALSE_VALUES.join(' or ')} does not; a query outside the grammar (case, escapes, repeats, other`,
    '# parameters) answers 400, and so does a request with a body, which nginx cannot read.',
    '# The flags set name the filter file, in the order of its path.',
    ...lists.flatMap((list) =>
      list.urls.flatMap((url) => [
        `location = ${url} {`,
        ...jsonTypes('    '),
        ...bodyChecks(list, '    '),
        ...queryChecks(list, '    '),
        ...queryFlags(list, '    '),
        '}',
      ]),
    ),
    '',
    '# The files other hosts read from the site are not for clients: not found.',
    ...HOST_ONLY_PATHS.map((path) => `location = /${path} { return 404; }`),
    '',
    '# The change feed, whatever mime.types says.',
    `location = /${feedPath()} {`,
    `    types { } default_type ${contentTypeOf(feedPath())};`,
    '}',
    '',
    `location = /${NOT_FOUND_PATH} {`,
    ...jsonTypes('    '),
    '}',
    '',
    '# HTML adds its Content-Security-Policy. A location with add_header of its own',
    '# inherits none from the server, so the headers of every response are repeated.',
    'location ~ \\.html$ {',
    ...addHeaders([...commonHeaders(CACHE_SHORT), ['Content-Security-Policy', CONTENT_SECURITY_POLICY]], '    '),
    '}',
    ...lifecycleLocations(lifecycle),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * A whole nginx server block serving the site from `dist/` with `nginxInclude()`'s snippet. Text, ending in a newline.
 */
export function nginxServer(): string {
  const lines = [
    GENERATED,
    '# A complete server block for the User Services API. Install the include beside it:',
    '#',
    `#     cp ${NGINX_INCLUDE} /etc/nginx/snippets/user-services.conf`,
    `#     cp ${NGINX_SERVER} /etc/nginx/sites-available/user-services`,
    '#     ln -s ../sites-available/user-services /etc/nginx/sites-enabled/',
    '#     nginx -t && systemctl reload nginx',
    '#',
    '# then set server_name and root (the dist link the build publishes), and add TLS.',
    'server {',
    '    listen 80;',
    '    listen [::]:80;',
    '    server_name api.example.com;',
    '    root /srv/user-services/dist;',
    '    include /etc/nginx/snippets/user-services.conf;',
    '}',
  ];
  return `${lines.join('\n')}\n`;
}
