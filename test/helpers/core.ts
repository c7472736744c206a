/** Runs the pure core on in-memory files, as the command line does on a folder. */
import { analyze } from '../../scripts/core/analysis/analyze.js';
import type { Diagnostic } from '../../scripts/core/diagnostics/diagnostic.js';
import type { InputFile } from '../../scripts/core/reading/input.js';

const encoder = new TextEncoder();

export function analyzeFiles(files: Record<string, string | Uint8Array>, dir = 'services') {
  const input: InputFile[] = Object.entries(files).map(([name, content]) => ({
    kind: 'file',
    path: `${dir}/${name}`,
    bytes: typeof content === 'string' ? encoder.encode(content) : content,
  }));
  return analyze({ dir, files: input });
}

/** Diagnostics reduced to what tests compare: `file:line:col code`. */
export const brief = (ds: readonly Diagnostic[]): string[] =>
  ds.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`);
