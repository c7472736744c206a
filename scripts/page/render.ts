/**
 * The catalog page: one complete HTML table of the services, rendered at build
 * time so that it reads without JavaScript. The client script only hides rows.
 * Every value from a service file goes through `escapeHtml`; nothing else of a
 * service file reaches the page.
 */
import type { Service } from '../core/service.js';
import { API_ROOT } from '../core/site.js';
import { META_CSP } from './csp.js';
import { escapeHtml } from './escape.js';
import { ASSIGNABLE_PARAM, apiHref, apiUrl, FLAG_LABELS, QUERY_PARAM } from './model.js';

export interface PageOptions {
  /** The script and the stylesheet, relative to the page. */
  readonly scriptHref: string;
  readonly styleHref: string;
}

export function renderPage(services: readonly Service[], options: PageOptions): string {
  return `<!doctype html>
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
<p>The user services of the User Services API. Each one links to its JSON, at the URL a client calls.
The whole list: ${apiLink(API_ROOT)}</p>
</header>
<main>
${controls()}
<p class="summary"><span id="count" role="status">${countText(services.length)}</span>
<span class="filter-file">Static file for these flags: ${apiLink(API_ROOT, 'filter-url')}</span></p>
<div class="table-frame">
<table id="services">
<caption class="sr-only">User services</caption>
<thead>
<tr><th scope="col">Service</th><th scope="col">Description</th>${FLAG_LABELS.map(
    ({ label, short }) =>
      `<th scope="col" class="flag"><abbr title="${escapeHtml(label)}">${escapeHtml(short)}</abbr></th>`,
  ).join('')}<th scope="col">Status</th><th scope="col">JSON</th></tr>
</thead>
<tbody>
${services.map(serviceRow).join('\n')}
</tbody>
</table>
</div>
<p id="empty" class="empty" hidden>No service matches these filters.</p>
</main>
</body>
</html>
`;
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
<input id="search" type="search" name="${QUERY_PARAM}" autocomplete="off" spellcheck="false" placeholder="Name or description">
</div>
<fieldset class="flags">
<legend>Available for all of</legend>
${toggles}
</fieldset>
<label class="toggle assignable"><input id="hide-nma" type="checkbox" name="${ASSIGNABLE_PARAM}">Hide services no more assignable</label>
</div>`;
}

function serviceRow(s: Service): string {
  const flags = FLAG_LABELS.filter(({ flag }) => s[flag]).map(({ flag }) => flag);
  const folder = `${API_ROOT}/${encodeURIComponent(s.instance)}`;
  const cells = [
    `<th scope="row" class="service"><bdi class="name">${escapeHtml(s.display_name)}</bdi><code class="technical"><bdi>${escapeHtml(s.technical_name)}</bdi></code></th>`,
    `<td class="description">${s.description === '' ? '' : `<bdi>${escapeHtml(s.description)}</bdi>`}</td>`,
    ...FLAG_LABELS.map(({ flag, label }) => flagCell(label, s[flag])),
    `<td class="status">${s.no_more_assignable ? '<span class="badge">No more assignable</span>' : '<span class="assignable">Assignable</span>'}</td>`,
    `<td class="url">${apiLink(folder)}</td>`,
  ];
  const nma = s.no_more_assignable ? ' data-nma' : '';
  return `<tr id="service-${escapeHtml(s.instance)}" data-flags="${flags.join(' ')}"${nma}>${cells.join('')}</tr>`;
}

function flagCell(label: string, on: boolean): string {
  const mark = on ? '<span class="yes" aria-hidden="true">✓</span>' : '<span class="no" aria-hidden="true">–</span>';
  return `<td class="flag" data-label="${escapeHtml(label)}">${mark}<span class="sr-only">${on ? 'yes' : 'no'}</span></td>`;
}

/** A link to an API folder's file, showing the folder URL with break opportunities after each slash. */
function apiLink(folder: string, id?: string): string {
  const shown = escapeHtml(apiUrl(folder)).replaceAll('/', '/<wbr>');
  const idAttribute = id === undefined ? '' : ` id="${escapeHtml(id)}"`;
  return `<a${idAttribute} class="api" href="${escapeHtml(apiHref(folder))}"><code>${shown}</code></a>`;
}
