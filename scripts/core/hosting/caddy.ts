/**
 * Caddy: a file to `import` inside the site block that serves the site, and a
 * complete Caddyfile that does so. The import holds no path: the site block
 * sets `root`, so the generated file is installed unchanged (and is tested
 * unchanged on a real Caddy).
 */
import { FLAGS } from '../model/service.js';
import { API_ROOT, INDEX_FILES } from '../model/site.js';
import { JSON_TYPE } from '../serving/content-types.js';
import { CONTENT_SECURITY_POLICY, commonHeaders, type Header, PREFLIGHT_HEADERS } from '../serving/headers.js';
import { TRUE_VALUES } from '../serving/query.js';
import { CACHE_SHORT, GENERATED_NOTICE, LIST_URL, NOT_FOUND_PATH } from './policy.js';

/** Path, under the hosting folder, of the snippet an existing Caddyfile imports. */
export const CADDY_IMPORT = 'caddy/user-services.caddy';
/** Path, under the hosting folder, of a whole Caddyfile. */
export const CADDY_FILE = 'caddy/Caddyfile';

const GENERATED = `# ${GENERATED_NOTICE}`;
const TAB = '\t';

const variable = (flag: string): string => `{user_services_${flag}}`;

const headerBlock = (indent: string, headers: readonly Header[]): string[] => [
  `${indent}header {`,
  ...headers.map(([name, value]) => `${indent}${TAB}${name} ${/[\s;]/.test(value) ? `"${value}"` : value}`),
  `${indent}}`,
];

/** Each flag maps to its path segment when true, to nothing otherwise; a flag set rewrites the list to its filter. */
function queryFlags(): string[] {
  const maps = FLAGS.flatMap((f) => [
    `map {query.${f}} ${variable(f)} {`,
    ...TRUE_VALUES.map((v) => `${TAB}${v} ${f}/`),
    `${TAB}default ""`,
    '}',
  ]);
  return [
    ...maps,
    '@user_services_filtered {',
    `${TAB}path ${LIST_URL}`,
    `${TAB}expression \`${FLAGS.map(variable).join(' + ')} != ""\``,
    '}',
    `rewrite @user_services_filtered /${API_ROOT}/filters/${FLAGS.map(variable).join('')}index.json`,
    "# The list without its final slash is redirected with its query (Caddy's own redirect drops it).",
    '@user_services_list_bare {',
    `${TAB}path ${LIST_URL.slice(0, -1)}`,
    `${TAB}expression \`{query} != ""\``,
    '}',
    `redir @user_services_list_bare ${LIST_URL}?{query} 308`,
  ];
}

const precompressedFileServer = (indent: string, index: boolean): string[] => [
  `${indent}file_server {`,
  ...(index ? [`${indent}${TAB}index ${INDEX_FILES.join(' ')}`] : []),
  `${indent}${TAB}precompressed br gzip`,
  `${indent}}`,
];

/**
 * The Caddy snippet (Caddy 2) that serves the site: the URL table, the filters
 * read from the query, the common headers, precompressed files and the JSON
 * 404. Text, ending in a newline.
 */
export function caddyImport(): string {
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
    `# The list reads the query flags: ${TRUE_VALUES.join(' or ')} filters, anything else does not.`,
    '# The flags set name the filter file, in the canonical order of its path.',
    ...queryFlags(),
    '',
    '# Every response: public data for any origin, never sniffed, and a short cache life,',
    '# since nothing purges caches when a new build is published.',
    ...headerBlock('', commonHeaders(CACHE_SHORT)),
    `@user_services_json path /${API_ROOT}/* /${NOT_FOUND_PATH}`,
    `header @user_services_json Content-Type ${JSON_TYPE}`,
    '@user_services_html path / *.html',
    `header @user_services_html Content-Security-Policy "${CONTENT_SECURITY_POLICY}"`,
    '',
    '# A CORS preflight is answered here.',
    '@user_services_preflight method OPTIONS',
    'handle @user_services_preflight {',
    ...headerBlock(TAB, PREFLIGHT_HEADERS),
    `${TAB}respond 204`,
    '}',
    '',
    '# Folder URLs answer their index.json (or index.html); the build writes .br and .gz',
    '# copies beside the files, served as they are.',
    ...precompressedFileServer('', true),
    '',
    '# A missing file answers the JSON 404 body.',
    'handle_errors {',
    `${TAB}@user_services_not_found expression \`{err.status_code} == 404\``,
    `${TAB}handle @user_services_not_found {`,
    `${TAB}${TAB}rewrite * /${NOT_FOUND_PATH}`,
    ...precompressedFileServer(TAB + TAB, false),
    `${TAB}}`,
    '}',
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * A whole Caddyfile serving the site from `dist/` by importing `caddyImport()`'s snippet. Text, ending in a newline.
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
    'api.example.com {',
    `${TAB}root * /srv/user-services/dist`,
    `${TAB}import /etc/caddy/user-services.caddy`,
    '}',
  ];
  return `${lines.join('\n')}\n`;
}
