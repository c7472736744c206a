/**
 * The catalog's life cycle (serving/lifecycle.ts) as the CloudFront Functions
 * carry it: compact tables of data, each read by one piece of code, so that a
 * previous name or a deprecated instance costs its names and dates, not code
 * or whole URLs (a function holds at most `CLOUDFRONT_FUNCTION_MAX_BYTES`).
 * A URL the compact tables cannot describe exactly goes to a table of whole
 * URLs beside them, so that the functions always answer what the tables of
 * `Lifecycle` say. Plain ES5, as CloudFront Functions run it.
 */
import type { KindIdentity } from '../kinds/kind.js';
import { CONFIGS_ROOT, INDEX_FILES, listRoot, urlOf } from '../model/site.js';
import type { Header } from '../serving/headers.js';
import { type Lifecycle, renameRedirects } from '../serving/lifecycle.js';

const [INDEX] = INDEX_FILES;

/**
 * The folder URL the functions take as the API's (`API`): the folder of
 * every kind's files, with its slashes. One kind's list folder
 * (`/api/v1/configs/user_services/`) for one kind, where the tables of the
 * life cycle are compact; the folder of all lists (`/api/v1/configs/`) for
 * several, where the tables hold whole URLs.
 */
export function apiFolder(kinds: readonly Pick<KindIdentity, 'name'>[]): string {
  const [kind] = kinds;
  return kinds.length === 1 && kind !== undefined ? `/${listRoot(kind)}/` : `/${CONFIGS_ROOT}/`;
}

/** A value as a JavaScript literal: JSON, DEL and C1 escaped, so that the file holds no control character but the line feed. */
export const js = (value: unknown): string =>
  JSON.stringify(value).replace(/[\x7f-\x9f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Headers as CloudFront Functions hold them: lower-case name to `{ value }`. */
export const headerObject = (headers: readonly (readonly [string, string])[]) =>
  Object.fromEntries(headers.map(([name, value]) => [name.toLowerCase(), { value }]));

/**
 * The URLs of one previous name (`renameRedirects`), each as the suffix of the previous URL
 * and of the URL it redirects to, after the list's folder and the name: `['/', '/']`, `['', '/']`,
 * `['/index.json', '/index.json']` (the same for every kind).
 */
function renameForms(): [from: string, to: string][] {
  const [kind, previous, instance] = [{ name: '\u0000k' }, '\u0000p', '\u0000i'];
  const folder = `/${listRoot(kind)}/`;
  return renameRedirects(kind, previous, instance).map(([from, to]) => [
    from.slice(folder.length + previous.length),
    to.slice(folder.length + instance.length),
  ]);
}

/** A name of one path segment under the API folder, as the function's code accepts it. */
const segment = (name: string) => name !== '' && !name.includes('/');

/**
 * `redirects` as three tables: the forms of `renameForms`, each previous name (one segment
 * under `API`, the API folder URL: `apiFolder`) to its instance where every form of it
 * redirects there, and every other redirect by URL.
 */
export function renameTables(redirects: ReadonlyMap<string, string>, API: string) {
  const forms = renameForms();
  const [[fromFolder, toFolder]] = forms as [[string, string]];
  const names: Record<string, string> = {};
  const covered = new Set<string>();
  for (const [from, to] of redirects) {
    if (!from.startsWith(API) || !from.endsWith(fromFolder) || !to.startsWith(API) || !to.endsWith(toFolder)) continue;
    const name = from.slice(API.length, from.length - fromFolder.length);
    const target = to.slice(API.length, to.length - toFolder.length);
    const urls = forms.map(([f, t]) => [`${API}${name}${f}`, `${API}${target}${t}`] as const);
    if (!segment(name) || !urls.every(([f, t]) => redirects.get(f) === t)) continue;
    names[name] = target;
    for (const [f] of urls) covered.add(f);
  }
  const urls = Object.fromEntries([...redirects].filter(([from]) => !covered.has(from)));
  return { forms, names, urls };
}

/** The viewer-request function's tables of previous names and `renamed(uri)`: the URL a URI redirects to, or ''. */
export function renameSource(lifecycle: Lifecycle, API: string): string[] {
  const { forms, names, urls } = renameTables(lifecycle.redirects, API);
  return [
    '// Previous instance names (these tables follow the catalog: publish the function again',
    '// when previous_names change): [suffix of a previous URL, suffix of the URL it redirects',
    '// to] after the API folder and the name; each previous name to its instance; other URLs.',
    `var RENAME_FORMS = ${js(forms)};`,
    `var RENAMED = ${js(names)};`,
    `var RENAMED_URLS = ${js(urls)};`,
    '',
    '// The URL a previous instance URL redirects to, or an empty string.',
    'function renamed(uri) {',
    '  if (has(RENAMED_URLS, uri)) return RENAMED_URLS[uri];',
    "  if (uri.indexOf(API) !== 0) return '';",
    '  var rest = uri.slice(API.length);',
    '  for (var f = 0; f < RENAME_FORMS.length; f++) {',
    '    var name = rest.slice(0, Math.max(0, rest.length - RENAME_FORMS[f][0].length));',
    "    if (name !== '' && name.indexOf('/') < 0 && name + RENAME_FORMS[f][0] === rest && has(RENAMED, name)) {",
    '      return API + RENAMED[name] + RENAME_FORMS[f][1];',
    '    }',
    '  }',
    "  return '';",
    '}',
    '',
    'function has(table, key) {',
    '  return Object.prototype.hasOwnProperty.call(table, key);',
    '}',
  ];
}

/** The longest prefix all `values` share. */
function commonPrefix(values: readonly string[]): string {
  let prefix = values[0] ?? '';
  for (const v of values) while (!v.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/** The longest suffix all `values` share. */
const commonSuffix = (values: readonly string[]): string =>
  [...commonPrefix(values.map((v) => [...v].reverse().join('')))].reverse().join('');

/**
 * `headers` (site path of an instance file to its headers) as tables for `API` (`apiFolder`): the header names, the
 * start and end each name's values share, each instance's folder URL under the API folder to
 * the middle of its values (null: not sent), and any other path by its two URLs, whole.
 */
export function deprecationTables(headers: ReadonlyMap<string, readonly Header[]>, API: string) {
  const isCompact = (path: string) => path.startsWith(API.slice(1)) && path.endsWith(`/${INDEX}`);
  const compact = [...headers].filter(([path]) => isCompact(path));
  const names = [...new Set(compact.flatMap(([, hs]) => hs.map(([name]) => name.toLowerCase())))];
  const valuesOf = (hs: readonly Header[]) => new Map(hs.map(([name, value]) => [name.toLowerCase(), value]));
  const ends = names.map((n) => {
    const values = compact.flatMap(([, hs]) => valuesOf(hs).get(n) ?? []);
    const prefix = commonPrefix(values);
    return [prefix, commonSuffix(values.map((v) => v.slice(prefix.length)))] as const;
  });
  const middle = (value: string, [prefix, suffix]: readonly [string, string]) =>
    value.slice(prefix.length, value.length - suffix.length);
  const byFolder = Object.fromEntries(
    compact.map(([path, hs]) => {
      const values = valuesOf(hs);
      const rest = names.map((n, i) => {
        const value = values.get(n);
        return value === undefined ? null : middle(value, ends[i] as readonly [string, string]);
      });
      return [urlOf(path).slice(API.length), rest];
    }),
  );
  const urls = Object.fromEntries(
    [...headers]
      .filter(([path]) => !isCompact(path))
      .flatMap(([path, hs]) => [
        [`/${path}`, headerObject(hs)],
        [urlOf(path), headerObject(hs)],
      ]),
  );
  return { names, ends, byFolder, urls };
}

/** The viewer-response function's tables of deprecated instances and `deprecate(uri, headers)`, which adds theirs. */
export function deprecationSource(lifecycle: Lifecycle, API: string): string[] {
  const { names, ends, byFolder, urls } = deprecationTables(lifecycle.headers, API);
  return [
    '// Deprecated instances: Deprecation, Sunset and Link (these tables follow the catalog:',
    '// publish the function again when a deprecation changes). The header names, the start',
    "// each name's values share, each instance's folder URL under the API folder to the rest",
    '// of its values (null: not sent); other URLs with their headers.',
    `var API = ${js(API)};`,
    `var INDEX = ${js(INDEX)};`,
    `var DEPRECATION_NAMES = ${js(names)};`,
    `var DEPRECATION_ENDS = ${js(ends)};`,
    `var DEPRECATED = ${js(byFolder)};`,
    `var DEPRECATED_URLS = ${js(urls)};`,
    '',
    "// Adds a deprecated instance's headers, at its folder URL or its file, to `headers`.",
    'function deprecate(uri, headers) {',
    '  var has = Object.prototype.hasOwnProperty;',
    '  if (has.call(DEPRECATED_URLS, uri)) {',
    '    for (var name in DEPRECATED_URLS[uri]) headers[name] = DEPRECATED_URLS[uri][name];',
    '  }',
    '  if (uri.indexOf(API) !== 0) return;',
    '  var key = uri.slice(API.length);',
    "  if (key.slice(-INDEX.length - 1) === '/' + INDEX) key = key.slice(0, -INDEX.length);",
    '  if (!has.call(DEPRECATED, key)) return;',
    '  for (var i = 0; i < DEPRECATION_NAMES.length; i++) {',
    '    var middle = DEPRECATED[key][i];',
    '    var ends = DEPRECATION_ENDS[i];',
    '    if (middle !== null) headers[DEPRECATION_NAMES[i]] = { value: ends[0] + middle + ends[1] };',
    '  }',
    '}',
  ];
}
