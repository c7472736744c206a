/**
 * The pure heart of a run: from what was read to the valid services and every
 * problem found, in all files at once.
 *
 * It works in two stages so that the first can be cached and spread over
 * threads: each file on its own (`analyzeFile`: read, parse, the file rules,
 * the service), then the catalog (`combine`: the rules that compare files, on
 * the files' outlines). `analyze` is both in one call.
 */

import { compareDiagnostics, type Diagnostic, error, hasErrors, type Location } from '../diagnostics/diagnostic.js';
import { type Service, toService } from '../model/service.js';
import { sortByName } from '../model/service-order.js';
import { decode } from '../reading/decode.js';
import { fastParse } from '../reading/fast-parse.js';
import {
  type IgnoredEntry,
  type Input,
  type InputFile,
  ignoredWarnings,
  instanceNameOf,
  isPlatformPath,
} from '../reading/input.js';
import { LIMITS } from '../reading/limits.js';
import { makeLocator } from '../reading/locate.js';
import { parse } from '../reading/parse.js';
import type { Node } from '../reading/tree.js';
import { catalogRules, fileRules } from '../rules/index.js';
import type { ParsedFile } from '../rules/rule.js';
import { type Outline, outlineFile, outlineOf, placeOfEntry } from './outline.js';

export interface Analysis {
  /** Valid services, sorted by technical name in code-point order. */
  readonly services: readonly Service[];
  /** Every problem, sorted by file, line and column. */
  readonly diagnostics: readonly Diagnostic[];
  /** How many candidate service files were read (the platform file is none). */
  readonly fileCount: number;
  /**
   * Where each valid service's `deprecation.sunset` is written, by instance
   * name (services without a sunset are absent): kept beside the services, not
   * in them, since a position is no published value.
   */
  readonly sunsetPlaces: ReadonlyMap<string, Location>;
}

/**
 * Everything a run needs to know of one file read (a service file, or the
 * platform file, which gives no service), computed from its path and bytes alone.
 */
export interface FileResult {
  readonly path: string;
  readonly instance: string;
  /** Problems of this file alone: reading, parsing and the file rules, in the order found. */
  readonly diagnostics: readonly Diagnostic[];
  /** What the catalog rules see of it. */
  readonly outline: Outline;
  /** Its service, when the file alone has no problem. */
  readonly service: Service | null;
}

/** Reads one file into what the rules see, with the problems that stopped it. */
export function parseFile(file: InputFile): { parsed: ParsedFile; diagnostics: readonly Diagnostic[] } {
  const head = { path: file.path, instance: instanceNameOf(file.path) };
  const start = { file: file.path, line: 1, column: 1 };
  const stopped = (d: Diagnostic) => ({ parsed: { ...head, root: null, locate: () => start }, diagnostics: [d] });
  switch (file.kind) {
    case 'directory':
    case 'other':
      return stopped(error('not-a-file', start, { kind: file.kind }));
    case 'symbolic-link':
      return stopped(error('symbolic-link', start, { target: file.target }));
    case 'unreadable':
      return stopped(error('file-unreadable', start, { reason: file.reason }));
    case 'too-large':
      return stopped(error('file-too-large', start, { size: file.size, limit: LIMITS.maxFileBytes }));
    case 'file': {
      const decoded = decode(file.path, file.bytes);
      if (!decoded.ok) return stopped(decoded.diagnostic);
      const locate = makeLocator(file.path, decoded.text);
      // Most files are plain enough for the fast path, which gives the parser's tree or declines.
      const fast = fastParse(decoded.text);
      if (fast !== null) return { parsed: { ...head, root: fast, locate }, diagnostics: [] };
      const { root, diagnostics } = parse(decoded.text, locate);
      return { parsed: { ...head, root, locate }, diagnostics };
    }
  }
}

/**
 * The first stage, for each file: what it gives for a file depends on that
 * file's path and bytes only. The file rules run once over a batch of files
 * (much cheaper than once per file), and their problems go back to each file.
 * Batches are small so that only a batch's syntax trees are alive at a time.
 */
export function analyzeTexts(input: readonly InputFile[], dir: string): FileResult[] {
  const out: FileResult[] = [];
  for (let i = 0; i < input.length; ) {
    let end = i + 1;
    let bytes = sizeOf(input[i]);
    while (end < input.length && end - i < BATCH && bytes + sizeOf(input[end]) <= BATCH_BYTES) {
      bytes += sizeOf(input[end]);
      end++;
    }
    out.push(...analyzeBatch(input.slice(i, end), dir));
    i = end;
  }
  return out;
}

/**
 * A batch holds at most so many files, and so many bytes of them: a batch's
 * texts and trees are alive together, and a file at the size limit can hold
 * 5,000 values, so a batch of 512 such files kept hundreds of megabytes.
 * Usual catalogs (files of a few hundred bytes) still run in batches of 512.
 */
const BATCH = 512;
const BATCH_BYTES = 1024 * 1024;

const sizeOf = (file: InputFile | undefined): number => (file?.kind === 'file' ? file.bytes.length : 0);

function analyzeBatch(input: readonly InputFile[], dir: string): FileResult[] {
  const parsed = input.map(parseFile).map((p) => (isPlatformPath(p.parsed.path) ? platformParsed(p) : p));
  const problems = new Map(parsed.map((p) => [p.parsed.path, [...p.diagnostics]]));
  // A value that reading already reported (an unknown alias stands for null) is not reported again by the rules.
  const placesRead = new Set(parsed.flatMap((p) => p.diagnostics.map(placeOf)));
  const all = parsed.map((p) => p.parsed);
  const platform = all.find((f) => isPlatformPath(f.path)) ?? null;
  const files = all.filter((f) => f !== platform);
  for (const rule of fileRules) {
    for (const d of rule.check({ dir, files, platform })) {
      if (!placesRead.has(placeOf(d))) problems.get(d.file)?.push(d);
    }
  }
  return all.map((f) => {
    const diagnostics = problems.get(f.path) ?? [];
    const outline = outlineOf(f.root, f.locate, f === platform ? 'platform' : 'service');
    // Warnings do not keep a file from being published; errors do.
    const ok = f !== platform && !hasErrors(diagnostics) && f.root !== null;
    return {
      path: f.path,
      instance: f.instance,
      diagnostics,
      outline,
      service: ok ? toService(f.instance, f.root as Node) : null,
    };
  });
}

/**
 * The platform file as read: one that holds nothing but comments declares no
 * name, which is no problem (a service file so empty is one: `empty-file`), so
 * it stands for an empty mapping.
 */
function platformParsed(p: ReturnType<typeof parseFile>): ReturnType<typeof parseFile> {
  if (!p.diagnostics.some((d) => d.code === 'empty-file')) return p;
  const diagnostics = p.diagnostics.filter((d) => d.code !== 'empty-file');
  const root = diagnostics.length === 0 ? ({ kind: 'map', entries: [], start: 0 } as const) : null;
  return { parsed: { ...p.parsed, root }, diagnostics };
}

const placeOf = (d: Diagnostic): string => `${d.line}:${d.column}:${d.file}`;

/**
 * The second stage: the rules that compare files, then the valid services and
 * every problem, sorted; `ignored`, the folder's entries that are not service
 * files, each add a warning.
 */
export function combine(dir: string, results: readonly FileResult[], ignored?: readonly IgnoredEntry[]): Analysis {
  return settle(results, [...catalogProblems(dir, results), ...ignoredWarnings({ ignored })]);
}

/** What the rules that compare files say: it depends on the folder and on each file's path, instance and outline. */
export function catalogProblems(dir: string, results: readonly FileResult[]): Diagnostic[] {
  const outlined = results.map((r) => outlineFile(r.path, r.instance, r.outline));
  const platform = outlined.find((f) => isPlatformPath(f.path)) ?? null;
  const files = outlined.filter((f) => f !== platform);
  return catalogRules.flatMap((rule) => rule.check({ dir, files, platform }));
}

/**
 * The valid services and every problem, sorted, from the files' results and
 * what the catalog rules said of them. `previous`, the services of an earlier
 * analysis, only makes the sort faster (see `sortByName`).
 */
export function settle(
  results: readonly FileResult[],
  catalog: readonly Diagnostic[],
  previous?: readonly Service[],
): Analysis {
  const diagnostics = [...results.flatMap((r) => r.diagnostics), ...catalog];
  const broken = new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => d.file));
  const validResults = results.filter((r) => r.service !== null && !broken.has(r.path));
  const sunsetPlaces = new Map<string, Location>();
  for (const r of validResults) {
    const at = r.service?.deprecation?.sunset == null ? null : placeOfEntry(r.path, r.outline, 'deprecation', 'sunset');
    if (at !== null) sunsetPlaces.set(r.instance, at);
  }
  return {
    services: sortByName(
      validResults.map((r) => r.service as Service),
      previous,
    ),
    diagnostics: diagnostics.sort(compareDiagnostics),
    fileCount: results.filter((r) => !isPlatformPath(r.path)).length,
    sunsetPlaces,
  };
}

/**
 * The whole analysis of an input, in one process and without a cache: the file
 * stage on every file (`analyzeTexts`), then the catalog stage (`combine`).
 * Returns the valid services in published order and every diagnostic, sorted;
 * never throws for any input (bad input is diagnostics).
 */
export function analyze(input: Input): Analysis {
  return combine(input.dir, analyzeTexts(input.files, input.dir), input.ignored);
}
