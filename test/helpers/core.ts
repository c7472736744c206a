/** Runs the pure core on in-memory files, as the command line does on a folder. */
import { type Analysis, analyze } from '../../scripts/core/analysis/analyze.js';
import { type Diagnostic, hasErrors } from '../../scripts/core/diagnostics/diagnostic.js';
import { messageFor } from '../../scripts/core/diagnostics/messages.js';
import { objectsOf } from '../../scripts/core/kinds/catalog.js';
import { KINDS } from '../../scripts/core/kinds/index.js';
import { userServices } from '../../scripts/core/kinds/user-services/index.js';
import type { Service } from '../../scripts/core/model/service.js';
import type { Input, InputFile } from '../../scripts/core/reading/input.js';

/** An analysis with its valid user services beside its catalog, as tests read them. */
export type ServiceAnalysis = Analysis & { readonly services: readonly Service[] };

/** The valid user services of an analysis (its catalog's). */
export const servicesOf = (analysis: Pick<Analysis, 'catalog'>): readonly Service[] =>
  objectsOf<Service>(analysis.catalog, userServices);

/** `analyze` of the tool's kinds (`KINDS`), with the valid user services beside the catalog. */
export function analyzeInput(input: Input): ServiceAnalysis {
  const analysis = analyze(input, KINDS);
  return { ...analysis, services: servicesOf(analysis) };
}

const encoder = new TextEncoder();

/**
 * The analysis of `files` (name to text or bytes) as the services folder
 * `dir`. Tests make up technical names ("A", "Café"), which the rule
 * known-service-names warns of as unknown to BroadWorks: that warning is left
 * out unless `names` is set (its own tests set it), so that every other test
 * states exactly the outputs of what it tests.
 */
export function analyzeTexts(
  files: Record<string, string | Uint8Array>,
  dir = 'services',
  { names = false }: { names?: boolean } = {},
): ServiceAnalysis {
  const input = Object.entries(files).map(([name, content]) => inputFile(`${dir}/${name}`, content));
  const analysis = analyzeInput({ dir, files: input });
  if (names) return analysis;
  return { ...analysis, diagnostics: analysis.diagnostics.filter((d) => d.code !== 'unknown-service-name') };
}

/** An input file of these bytes (a text as UTF-8), read at `path`; `configKind`: the kind whose folder holds it. */
export const inputFile = (path: string, content: string | Uint8Array, configKind?: string): InputFile => ({
  kind: 'file',
  path,
  bytes: typeof content === 'string' ? encoder.encode(content) : content,
  ...(configKind === undefined ? {} : { configKind }),
});

/** Diagnostics reduced to what tests compare: `file:line:col code`. */
export const brief = (ds: readonly Diagnostic[]): string[] =>
  ds.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`);

/**
 * Throws when `diagnostics` hold an error, naming each diagnostic (warnings
 * too) as `file:line:col severity code: message`; warnings alone pass, as they
 * pass check. `what` names the catalog in the message.
 */
export function refuseErrors(what: string, diagnostics: readonly Diagnostic[]): void {
  if (!hasErrors(diagnostics)) return;
  const lines = diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code}: ${messageFor(d)}`);
  throw new Error(`${what} has errors:\n${lines.join('\n')}`);
}
