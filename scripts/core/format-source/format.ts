/**
 * `fmt`'s transformation of one service file: the fixes of fixes.ts, then the
 * canonical layout of layout.ts. Pure: text in, text out. It never changes
 * what the build publishes: the result is analyzed again, as `check` reads
 * it, and must give the very service the fixed text gives, with no error and
 * no warning the file did not have; otherwise the file is left as it is.
 */
import { analyzeTexts } from '../analysis/analyze.js';
import { encodeResult } from '../analysis/file-result-codec.js';
import type { AnalyzedKind } from '../analysis/kind.js';
import { compareDiagnostics, type Diagnostic, error } from '../diagnostics/diagnostic.js';
import { utf8 } from '../model/site.js';
import { decode } from '../reading/decode.js';
import { applyFixes } from './fixes.js';
import { layOut } from './layout.js';

export { fixedByFormat } from './fixes.js';
export { SCHEMA_COMMENT } from './layout.js';

/**
 * What `fmt` makes of a file: `formatted`, its new text (the same as the old
 * when it is in its canonical form already), or `left`, with the problems for
 * which the file must be left as it is: the errors the fixes did not remove,
 * or `format-unsafe` when the canonical text would read otherwise.
 */
export type Formatted =
  | { readonly kind: 'formatted'; readonly text: string }
  | { readonly kind: 'left'; readonly problems: readonly Diagnostic[] };

/**
 * The canonical form of the service file `path` (as shown to the user, in the
 * services folder `dir`) whose bytes are `bytes` and whose only errors, if
 * any, are ones `fmt` fixes (`fixedByFormat`). `schemaLine` is the
 * `# yaml-language-server: $schema=...` line put first when the file has none.
 * `kinds`: the kinds it is read as (the file is the services folder's own).
 */
export function formatSource(
  path: string,
  dir: string,
  bytes: Uint8Array,
  schemaLine: string,
  kinds: readonly AnalyzedKind[],
): Formatted {
  const decoded = decode(path, bytes);
  if (!decoded.ok) return { kind: 'left', problems: [decoded.diagnostic] };
  const fixed = applyFixes(decoded.text);
  const before = readAs(path, dir, fixed, kinds);
  const errors = before.diagnostics.filter((d) => d.severity === 'error').sort(compareDiagnostics);
  if (errors.length > 0) return { kind: 'left', problems: errors };
  const at = { file: path, line: 1, column: 1 };
  const text = layOut(fixed, schemaLine);
  if (text === null) return { kind: 'left', problems: [error('format-unsafe', at, { problem: 'unknown-alias' })] };
  const after = readAs(path, dir, text, kinds);
  const known = new Set(before.diagnostics.map((d) => d.code));
  const added = after.diagnostics.find((d) => d.severity === 'error' || !known.has(d.code));
  if (added === undefined && after.service === before.service) return { kind: 'formatted', text };
  return { kind: 'left', problems: [error('format-unsafe', at, { problem: added?.code ?? null })] };
}

/**
 * The file's problems and its service, as check reads it; the service as the
 * text of its encoding for the cache, which keeps every value exactly (add_data's
 * key order, -0), so that two services are the same when the texts are. A
 * service holds what the build publishes and no position in the file (see
 * model/service.ts), so a line that moves changes nothing here.
 */
function readAs(
  path: string,
  dir: string,
  text: string,
  kinds: readonly AnalyzedKind[],
): { diagnostics: readonly Diagnostic[]; service: string } {
  const [result] = analyzeTexts([{ kind: 'file', path, bytes: utf8(text) }], dir, kinds);
  if (result === undefined) return { diagnostics: [], service: '' };
  return { diagnostics: result.diagnostics, service: JSON.stringify((encodeResult(result, kinds) as unknown[])[5]) };
}
