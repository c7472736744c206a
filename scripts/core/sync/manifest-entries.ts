/**
 * The entries of a published manifest (`_manifest/index.json`, written by
 * `emit/sync/manifest.ts`), read as `verify` must read what anyone could have
 * put there: only `api_version` `API_VERSION`, each entry a site path
 * (`site-path.ts`) with a hex SHA-256 and a whole size, no path twice. Each
 * entry that is not so is a located diagnostic (line and column of its path
 * in the manifest) and is left out: it is never read, fetched or counted.
 */
import { type Diagnostic, error, type Location } from '../diagnostics/diagnostic.js';
import { API_VERSION } from '../model/site.js';
import { sitePathProblem } from '../model/site-path.js';
import { makeLocator } from '../reading/locate.js';
import type { ManifestFile } from './verify.js';

/** The manifest's entries to check, and the problems of those left out. */
export interface ManifestEntries {
  readonly files: readonly ManifestFile[];
  readonly problems: readonly Diagnostic[];
}

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * The entries of the manifest's `bytes`, shown as `file` in diagnostics; or,
 * when nothing can be checked (not JSON in UTF-8, another `api_version`, no
 * `files` list, an entry without a path, SHA-256 or size), the one
 * `verify-manifest-unreadable` diagnostic that says why.
 */
export function manifestEntries(bytes: Uint8Array, file: string): ManifestEntries | Diagnostic {
  let text: string;
  let body: unknown;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    body = JSON.parse(text);
  } catch {
    return error(
      'verify-manifest-unreadable',
      { file, line: 1, column: 1 },
      { path: file, reason: 'it is not JSON in UTF-8' },
    );
  }
  const locate = makeLocator(file, text);
  const offsets = valueOffsets(text);
  const at = (key: string, ...others: string[]) =>
    locate([key, ...others].map((k) => offsets.get(k)).find((o) => o !== undefined) ?? 0);
  const unreadable = (reason: string, where: Location) =>
    error('verify-manifest-unreadable', where, { path: file, reason });
  const top =
    typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  if (top.api_version !== API_VERSION) {
    const found =
      top.api_version === undefined ? 'no "api_version"' : `"api_version": ${JSON.stringify(top.api_version)}`;
    const reason = `it holds ${found}, and this version of user-services reads "api_version": ${API_VERSION} only; verify with a version of user-services that reads the site's`;
    return unreadable(reason, at('api_version'));
  }
  const files = top.files;
  if (!Array.isArray(files)) return unreadable('it holds no "files" list', at('files'));
  const bad = files.findIndex((f) => !isEntry(f));
  if (bad >= 0)
    return unreadable(
      `entry ${bad + 1} of "files" lacks a path, a SHA-256 (64 hex digits) or a size (bytes)`,
      at(`files/${bad}`),
    );
  const problems: Diagnostic[] = [];
  const kept: ManifestFile[] = [];
  const firstLine = new Map<string, number>();
  files.forEach((f: ManifestFile, i) => {
    const where = at(`files/${i}/path`, `files/${i}`);
    const problem = sitePathProblem(f.path);
    const seen = firstLine.get(f.path);
    if (problem !== null)
      problems.push(error('verify-manifest-invalid-path', where, { path: f.path, reason: problem }));
    else if (seen !== undefined)
      problems.push(error('verify-manifest-duplicate-path', where, { path: f.path, line: seen }));
    else {
      firstLine.set(f.path, where.line);
      kept.push({ path: f.path, sha256: f.sha256, size: f.size });
    }
  });
  return { files: kept, problems };
}

/** Whether an entry of "files" has the shape the manifest step writes: a string path, a hex SHA-256, a whole size. */
const isEntry = (f: unknown): f is ManifestFile => {
  const e = f as Partial<ManifestFile> | null;
  return (
    typeof e?.path === 'string' &&
    typeof e.sha256 === 'string' &&
    SHA256.test(e.sha256) &&
    Number.isSafeInteger(e.size) &&
    (e.size as number) >= 0
  );
};

/** Whether a value's place in the manifest is one that locates a problem: `api_version`, `files`, `files/<i>`, `files/<i>/path`. */
const located = (path: readonly (string | number)[]): boolean =>
  (path.length === 1 && (path[0] === 'api_version' || path[0] === 'files')) ||
  (path.length >= 2 && path[0] === 'files' && typeof path[1] === 'number' && (path.length === 2 || path[2] === 'path'));

/**
 * Where the values that locate the manifest's problems (`located`) start in
 * `text` (valid JSON), by UTF-16 offset, keyed `files/<i>/path`. Like
 * `JSON.parse`, the last of repeated keys counts. Only the first three levels
 * are walked; deeper values are skipped without recursion, so that no nesting
 * can exhaust the stack.
 */
function valueOffsets(text: string): Map<string, number> {
  const out = new Map<string, number>();
  let i = 0;
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const string = (): string => {
    const start = i++;
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i));
  };
  const skip = () => {
    for (let depth = 0; ; ) {
      const c = text[i];
      if (c === '"') string();
      else if (depth === 0 && (c === ',' || c === '}' || c === ']' || c === undefined)) return;
      else {
        if (c === '{' || c === '[') depth++;
        else if (c === '}' || c === ']') depth--;
        i++;
      }
    }
  };
  const value = (path: readonly (string | number)[]): void => {
    space();
    if (located(path)) out.set(path.join('/'), i);
    const c = text[i];
    if (path.length >= 3 || (c !== '{' && c !== '[')) {
      skip();
      return;
    }
    i++;
    space();
    if (text[i] === '}' || text[i] === ']') {
      i++;
      return;
    }
    for (let n = 0; ; n++) {
      space();
      let name: string | number = n;
      if (c === '{') {
        name = string();
        space();
        i++; // the colon
      }
      value([...path, name]);
      space();
      if (text[i++] !== ',') return;
    }
  };
  value([]);
  return out;
}
