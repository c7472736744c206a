/**
 * The catalog page: one complete HTML table of the services, rendered at build
 * time so that it reads without JavaScript. The client script only hides rows.
 * Every value from a service file goes through `escapeHtml`; nothing else of a
 * service file reaches the page.
 */

import { userServicesIdentity } from '../../kinds/user-services/identity.js';
import { FLAGS, type Service } from '../../model/service.js';
import {
  deprecationsPath,
  feedPath,
  flagMask,
  fullPath,
  hashIndexPath,
  listRoot,
  manifestPath,
  renamesPath,
  utf8,
} from '../../model/site.js';
import { OPENAPI_PATH } from '../../openapi/document.js';
import { META_CSP } from './csp.js';
import { escapeHtml } from './escape.js';
import { ASSIGNABLE_PARAM, apiHref, apiUrl, FLAG_LABELS, QUERY_PARAM, ROW_ID_PREFIX } from './model.js';

/** Folder of the user services' list. */
const API_ROOT = listRoot(userServicesIdentity);

export interface PageOptions {
  /** The script and the stylesheet, relative to the page. */
  readonly scriptHref: string;
  readonly styleHref: string;
  /** Whether the site publishes the Atom feed of changes (a build in git), which the page then links. */
  readonly feed?: boolean;
  /**
   * The standalone schema files the page links, site path to schema name, in
   * order: `schemaFiles` of the site's kinds (openapi/document.ts).
   */
  readonly schemaFiles: Readonly<Record<string, string>>;
}

/**
 * The page around its rows, which are separated by line breaks. The page is
 * assembled from these as bytes (`page/step.ts`), never as one string: at
 * 100,000 services that string alone took 220 MB.
 */
export function pageFrame(total: number, options: PageOptions): { head: string; separator: string; tail: string } {
  const head = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(META_CSP)}">
<meta name="color-scheme" content="light dark">
<link rel="icon" href="data:,">
<title>User services</title>
<link rel="stylesheet" href="${escapeHtml(options.styleHref)}">
<script src="${escapeHtml(options.scriptHref)}" defer></script>
</head>
<body>
<a class="skip" href="#services">Skip to the services</a>
<header class="page-header">
<h1>User services</h1>
<p>The user services of the User Services API, by technical name. Each one links to its JSON, at the URL a client calls:
${apiLink(API_ROOT)} for the whole list, and <code>${escapeHtml(apiUrl(API_ROOT))}<var>instance</var>/</code> for each service.</p>
<p class="developers">For client developers: the ${fileLink(OPENAPI_PATH, 'OpenAPI description')} (<code>/${escapeHtml(OPENAPI_PATH)}</code>),
and the JSON Schemas of the ${Object.entries(options.schemaFiles)
    .map(([path, name]) => fileLink(path, SCHEMA_LABELS[name] ?? name))
    .join(', ')}.</p>
<p class="developers">To keep a copy in sync: ${fileLink(fullPath(), 'every service in one document')} (<code>_full/</code>),
the ${fileLink(hashIndexPath(), 'SHA-256 of each instance')} (<code>_index/</code>),
the ${fileLink(deprecationsPath(), 'deprecations')} (<code>_deprecations/</code>) and ${fileLink(renamesPath(), 'previous names')} (<code>_renames/</code>),${
    options.feed === true ? ` the ${fileLink(feedPath(), 'feed of changes')} (Atom),` : ''
  }
and the ${fileLink(manifestPath(), 'manifest of every file')} (<code>_manifest/</code>) that <code>user-services verify</code> checks.</p>
</header>
<main>
${controls()}
<p class="summary"><span id="count" role="status">${countText(total)}</span>
<span class="filter-file">Static file for these flags: ${apiLink(API_ROOT, 'filter-url')}</span></p>
<div class="table-frame">
<table id="services">
<caption class="sr-only">User services</caption>
<thead>
<tr><th scope="col">Service</th><th scope="col">Description</th>${FLAG_LABELS.map(
    ({ label, short }) =>
      `<th scope="col" class="flag"><abbr title="${escapeHtml(label)}">${escapeHtml(short)}</abbr></th>`,
  ).join('')}<th scope="col">Instance</th></tr>
</thead>
<tbody>
`;
  const tail = `
</tbody>
</table>
</div>
<p id="empty" class="empty" hidden>No service matches these filters.</p>
</main>
</body>
</html>
`;
  return { head, separator: '\n', tail };
}

const countText = (total: number): string => `${total} ${total === 1 ? 'service' : 'services'}`;

/** The filters, hidden until the client script shows them: without it they could not work. */
function controls(): string {
  const toggles = FLAG_LABELS.map(
    ({ flag, label }) =>
      `<label class="toggle"><input type="checkbox" name="${flag}" data-flag>${escapeHtml(label)}</label>`,
  ).join('\n');
  return `<div id="controls" class="controls" role="search" aria-label="Filter the services" data-api-root="${escapeHtml(API_ROOT)}" hidden>
<div class="search">
<label for="search">Search</label>
<input id="search" type="search" name="${QUERY_PARAM}" autocomplete="off" spellcheck="false" placeholder="Name, instance or description">
</div>
<fieldset class="flags">
<legend>Available for all of</legend>
${toggles}
</fieldset>
<label class="toggle assignable"><input id="hide-nma" type="checkbox" name="${ASSIGNABLE_PARAM}">Hide services no more assignable</label>
</div>`;
}

/**
 * One service's row of the table, in three parts: the cells of the service's
 * own text, the cells of its flags, and the link. The row's header is the
 * technical name, by which rows are ordered (the list's order), with the
 * display name beneath when it says something else, and a mark on a service no
 * more assignable. The middle part is one of 16, made once as bytes: it holds
 * the page's only characters beyond ASCII (✓ and –), and a row without them is
 * half as large in memory and encodes several times faster.
 */
export function serviceRow(s: Service): [string, Uint8Array, string] {
  // An instance name as the contract allows it is the same escaped, and encoded in a URL.
  const plain = PLAIN_NAME.test(s.instance);
  const nma = s.no_more_assignable;
  const display = s.display_name === s.technical_name ? '' : `<bdi class="name">${escapeHtml(s.display_name)}</bdi>`;
  const description = s.description === '' ? '' : `<bdi>${escapeHtml(s.description)}</bdi>`;
  return [
    `<tr id="${ROW_ID_PREFIX}${plain ? s.instance : escapeHtml(s.instance)}" data-flags="${FLAG_NAMES[flagMask(s)]}"${nma ? ' data-nma' : ''}>` +
      `<th scope="row" class="service"><code class="technical"><bdi>${escapeHtml(s.technical_name)}</bdi></code>${display}${nma ? NO_MORE_ASSIGNABLE : ''}${deprecationNote(s)}</th>` +
      `<td class="description">${description}</td>`,
    FLAG_CELLS[flagMask(s)] as Uint8Array,
    `<td class="url">${instanceLink(plain ? s.instance : escapeHtml(encodeURIComponent(s.instance)), plain ? s.instance : escapeHtml(s.instance))}${previousNames(s)}</td></tr>`,
  ];
}

/** Under the mark of a deprecated service: since when, its reason, its successor (linked) and its sunset. */
function deprecationNote(s: Service): string {
  const d = s.deprecation;
  if (d === null) return '';
  const parts = [
    `since <time datetime="${d.since}">${d.since}</time>`,
    ...(d.reason === null ? [] : [escapeHtml(d.reason)]),
    // A successor is a valid instance name (rule `replacement`): nothing in it to encode or escape.
    ...(d.replaced_by === null
      ? []
      : [
          `replaced by <a class="api successor" href="${HREF_START}${d.replaced_by}${HREF_END}"><code>${d.replaced_by}/</code></a>`,
        ]),
    ...(d.sunset === null ? [] : [`sunset <time datetime="${d.sunset}">${d.sunset}</time>`]),
  ];
  const note = d.note === null ? '' : `<span class="note"><bdi>${escapeHtml(d.note)}</bdi></span>`;
  return `<span class="deprecation">${parts.join(' · ')}</span>${note}`;
}

/** Under an instance's link: the previous instance names, whose URLs redirect to it. */
const previousNames = (s: Service): string =>
  s.previous_names.length === 0
    ? ''
    : `<span class="previous">formerly ${s.previous_names.map((p) => `<code>${escapeHtml(p)}/</code>`).join(', ')}</span>`;

const NO_MORE_ASSIGNABLE = '<span class="badge">No more assignable</span>';

/** What each published schema is of, as the page names it (another schema: by its name). */
const SCHEMA_LABELS: Readonly<Partial<Record<string, string>>> = {
  UserServiceList: 'list',
  UserService: 'instance',
  Error: 'error body',
  ListFilter: 'filter body',
  FullList: 'full dump',
  HashIndex: 'index',
  History: 'history',
  Manifest: 'manifest',
  Signature: 'signature',
  Deprecations: 'deprecations',
  Renames: 'renames',
};

/** A link to a file of the site, relative to the page. */
const fileLink = (path: string, text: string): string => `<a href="${escapeHtml(path)}">${escapeHtml(text)}</a>`;

/** For each of the 16 sets of flags (see `flagMask`): the names in `data-flags`, and the four cells. */
const FLAG_SETS = Array.from({ length: 1 << FLAGS.length }, (_, mask) =>
  FLAG_LABELS.map((label) => ({ ...label, on: ((mask >> FLAGS.indexOf(label.flag)) & 1) === 1 })),
);
const FLAG_NAMES = FLAG_SETS.map((set) =>
  set
    .filter(({ on }) => on)
    .map(({ flag }) => flag)
    .join(' '),
);
const FLAG_CELLS = FLAG_SETS.map((set) => utf8(set.map(({ label, on }) => flagCell(label, on)).join('')));

function flagCell(label: string, on: boolean): string {
  const mark = on ? '<span class="yes" aria-hidden="true">✓</span>' : '<span class="no" aria-hidden="true">–</span>';
  return `<td class="flag" data-label="${escapeHtml(label)}">${mark}<span class="sr-only">${on ? 'yes' : 'no'}</span></td>`;
}

/**
 * The link of an instance's folder, given its name encoded (for the link) and
 * escaped (to show): the instance name and its final slash, the rest of the
 * URL being said once in the page's header. The name comes out of
 * encodeURIComponent with no `/` and no U+0000, so the marker passes through
 * `apiHref` and escaping unchanged.
 */
const [HREF_START, HREF_END] = escapeHtml(apiHref(`${API_ROOT}/\u0000`)).split('\u0000');
const instanceLink = (encoded: string, shown: string): string =>
  `<a class="api instance" href="${HREF_START}${encoded}${HREF_END}"><code>${shown}/</code></a>`;
/** Characters that neither encodeURIComponent nor escapeHtml changes. */
const PLAIN_NAME = /^[A-Za-z0-9_.-]*$/;

/** A link to an API folder's file, showing the folder URL with break opportunities after each slash. */
function apiLink(folder: string, id?: string): string {
  const shown = escapeHtml(apiUrl(folder)).replaceAll('/', '/<wbr>');
  const idAttribute = id === undefined ? '' : ` id="${escapeHtml(id)}"`;
  return `<a${idAttribute} class="api" href="${escapeHtml(apiHref(folder))}"><code>${shown}</code></a>`;
}
