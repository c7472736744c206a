/**
 * The catalog page's only script: shows the filters and hides the rows they
 * exclude. Everything it needs is in the page (rows carry their flags), so it
 * fetches nothing. The page's state lives in its URL, so that a view can be shared.
 */
import { ASSIGNABLE_PARAM, apiHref, apiUrl, QUERY_PARAM, ROW_ID_PREFIX } from '../core/emit/page/model.js';
import { FILTERS_FOLDER } from '../core/model/site-folders.js';
import { TRUE_VALUES } from '../core/serving/query-values.js';

interface Row {
  readonly element: HTMLTableRowElement;
  readonly flags: ReadonlySet<string>;
  readonly noMoreAssignable: boolean;
  /** Technical name, display name, instance name and description, in lower case, for the search. */
  readonly text: string;
}

interface State {
  readonly flags: readonly string[];
  readonly hideNoMoreAssignable: boolean;
  readonly query: string;
}

// The page's URL reads its flags as the API's query does.
const ON_VALUES: ReadonlySet<string> = new Set(TRUE_VALUES);

function start(): void {
  const controls = document.getElementById('controls');
  const search = document.getElementById('search');
  const hide = document.getElementById('hide-nma');
  if (controls === null || !(search instanceof HTMLInputElement) || !(hide instanceof HTMLInputElement)) return;
  const toggles = [...controls.querySelectorAll<HTMLInputElement>('input[data-flag]')];
  const rows = [...document.querySelectorAll<HTMLTableRowElement>('#services tbody tr')].map(readRow);
  const apiRoot = controls.dataset.apiRoot ?? '';

  const read = (): State => ({
    flags: toggles.filter((t) => t.checked).map((t) => t.name),
    hideNoMoreAssignable: hide.checked,
    query: search.value,
  });
  const update = (): void => {
    const state = read();
    render(rows, state, apiRoot);
    history.replaceState(history.state, '', urlOf(state));
  };

  restore(new URLSearchParams(location.search), toggles, hide, search);
  render(rows, read(), apiRoot);
  controls.hidden = false;
  controls.addEventListener('change', update);
  search.addEventListener('input', update);
}

function readRow(element: HTMLTableRowElement): Row {
  const text = (selector: string) => element.querySelector(selector)?.textContent ?? '';
  return {
    element,
    flags: new Set((element.dataset.flags ?? '').split(' ')),
    noMoreAssignable: element.dataset.nma !== undefined,
    text: [text('.technical'), text('.name'), element.id.slice(ROW_ID_PREFIX.length), text('.description')]
      .join('\n')
      .toLowerCase(),
  };
}

function restore(
  params: URLSearchParams,
  toggles: HTMLInputElement[],
  hide: HTMLInputElement,
  search: HTMLInputElement,
) {
  const on = (name: string) => ON_VALUES.has(params.get(name) ?? '');
  for (const toggle of toggles) toggle.checked = on(toggle.name);
  hide.checked = on(ASSIGNABLE_PARAM);
  search.value = params.get(QUERY_PARAM) ?? '';
}

/** A row matches when it has every selected flag and every word of the query. */
function matches(row: Row, state: State, words: readonly string[]): boolean {
  return (
    state.flags.every((f) => row.flags.has(f)) &&
    !(state.hideNoMoreAssignable && row.noMoreAssignable) &&
    words.every((w) => row.text.includes(w))
  );
}

function render(rows: readonly Row[], state: State, apiRoot: string): void {
  const words = state.query.toLowerCase().split(/\s+/).filter(Boolean);
  let shown = 0;
  for (const row of rows) {
    const match = matches(row, state, words);
    row.element.hidden = !match;
    if (match) shown += 1;
  }
  const total = rows.length;
  setText('count', shown === total ? `${total} ${noun(total)}` : `Showing ${shown} of ${total} ${noun(total)}`);
  const empty = document.getElementById('empty');
  if (empty !== null) empty.hidden = shown > 0;
  showFilterFile(state.flags.length === 0 ? apiRoot : `${apiRoot}/${FILTERS_FOLDER}/${state.flags.join('/')}`);
}

const noun = (n: number) => (n === 1 ? 'service' : 'services');

function setText(id: string, text: string): void {
  const element = document.getElementById(id);
  // Rewriting an unchanged live region would announce it again.
  if (element !== null && element.textContent !== text) element.textContent = text;
}

/** Points the filter link at the static file of the selected flags (toggles are in canonical order). */
function showFilterFile(folder: string): void {
  const link = document.getElementById('filter-url');
  const code = link?.querySelector('code');
  if (!(link instanceof HTMLAnchorElement) || code == null) return;
  link.setAttribute('href', apiHref(folder));
  const parts = apiUrl(folder).split('/');
  code.replaceChildren(...parts.flatMap((part, i) => (i === 0 ? [part] : ['/', document.createElement('wbr'), part])));
}

/** The page's URL for a state: only what differs from the defaults, flags first in canonical order. */
function urlOf(state: State): string {
  const params = new URLSearchParams();
  for (const flag of state.flags) params.set(flag, '1');
  if (state.hideNoMoreAssignable) params.set(ASSIGNABLE_PARAM, '1');
  if (state.query !== '') params.set(QUERY_PARAM, state.query);
  const query = params.toString();
  return `${location.pathname}${query === '' ? '' : `?${query}`}${location.hash}`;
}

start();
