/**
 * The pure heart of a run: from what was read to the valid objects of every
 * kind and every problem found, in all files at once. The kinds (see
 * `analysis/kind.ts`) are given by the caller: each brings its folder, its
 * own rules and the value of a valid file; the shared rules
 * (`rules/index.ts`) judge every kind's files.
 *
 * It works in two stages so that the first can be cached and spread over
 * threads: each file on its own (`analyzeTexts`: read, parse, the file rules,
 * the value), then the catalog (`combine`: the rules that compare files, on
 * the files' outlines). `analyze` is both in one call.
 */

import { compareDiagnostics, type Diagnostic, hasErrors, type Location } from '../diagnostics/diagnostic.js';
import type { Catalog } from '../kinds/catalog.js';
import {
  configKindOf,
  type IgnoredEntry,
  type Input,
  type InputFile,
  ignoredWarnings,
  isPlatformPath,
} from '../reading/input.js';
import type { Node } from '../reading/tree.js';
import { sharedCatalogRules, sharedFileRules } from '../rules/index.js';
import type { ParsedFile } from '../rules/rule.js';
import type { AnalyzedKind } from './kind.js';
import { catalogFields, type Outline, outlineFile, outlineOf, placeOfEntry } from './outline.js';
import { parseFile, platformParsed } from './parse-file.js';

export interface Analysis {
  /** Valid objects of each kind given (every kind present, maybe with none), each kind's in its order. */
  readonly catalog: Catalog;
  /** Every problem, sorted by file, line and column. */
  readonly diagnostics: readonly Diagnostic[];
  /** How many candidate files of every kind were read (the platform file is none). */
  readonly fileCount: number;
  /** How many of them each kind given has, by kind name, every kind present, in the kinds' order. */
  readonly filesByKind: Readonly<Record<string, number>>;
  /**
   * Each valid object's sunset, its day and where it is written, by kind name
   * (every kind given that has one, `AnalysisKind.sunset`, in their order;
   * user services' is `deprecation.sunset`) then instance name (in the order
   * of the files); objects without a sunset absent: kept beside the
   * catalog, not in it, since a position is no published value.
   */
  readonly sunsetPlaces: ReadonlyMap<string, ReadonlyMap<string, SunsetAt>>;
}

/** A valid object's sunset: its day (`YYYY-MM-DD`) and where it is written. */
export interface SunsetAt {
  readonly day: string;
  readonly at: Location;
}

/**
 * Everything a run needs to know of one file read (a file of some kind, or
 * the platform file, which gives no value), computed from its path, its kind
 * and its bytes alone.
 */
export interface FileResult {
  readonly path: string;
  readonly instance: string;
  /** The name of its kind (the platform file: the kind of the services folder's own files). */
  readonly configKind: string;
  /** Problems of this file alone: reading, parsing and the file rules, in the order found. */
  readonly diagnostics: readonly Diagnostic[];
  /** What the catalog rules see of it. */
  readonly outline: Outline;
  /** Its kind's value (`AnalysisKind.toValue`), when the file alone has no problem. */
  readonly value: object | null;
}

/**
 * The first stage, for each file: what it gives for a file depends on that
 * file's path, kind and bytes only. The file rules run once over a batch of
 * files (much cheaper than once per file), and their problems go back to each
 * file. Batches are small so that only a batch's syntax trees are alive at a
 * time. Throws an `Error` only when a file's kind is not among `kinds`.
 */
export function analyzeTexts(input: readonly InputFile[], dir: string, kinds: readonly AnalyzedKind[]): FileResult[] {
  const out: FileResult[] = [];
  for (let i = 0; i < input.length; ) {
    let end = i + 1;
    let bytes = sizeOf(input[i]);
    while (end < input.length && end - i < BATCH && bytes + sizeOf(input[end]) <= BATCH_BYTES) {
      bytes += sizeOf(input[end]);
      end++;
    }
    out.push(...analyzeBatch(input.slice(i, end), dir, kinds));
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

function analyzeBatch(input: readonly InputFile[], dir: string, kinds: readonly AnalyzedKind[]): FileResult[] {
  const parsed = input
    .map((f) => parseFile(f, configKindOf(f, kinds)))
    .map((p) => (isPlatformPath(p.parsed.path) ? platformParsed(p) : p));
  const problems = new Map(parsed.map((p) => [p.parsed.path, [...p.diagnostics]]));
  // A value that reading already reported (an unknown alias stands for null) is not reported again by the rules.
  const placesRead = new Set(parsed.flatMap((p) => p.diagnostics.map(placeOf)));
  const all = parsed.map((p) => p.parsed);
  const platform = all.find((f) => isPlatformPath(f.path)) ?? null;
  const files = all.filter((f) => f !== platform);
  const runs = [
    { rules: sharedFileRules, files },
    ...kinds.map((k) => ({ rules: k.fileRules, files: files.filter((f) => f.configKind === k.name) })),
  ];
  for (const run of runs) {
    for (const rule of run.rules) {
      for (const d of rule.check({ dir, files: run.files, platform })) {
        if (!placesRead.has(placeOf(d))) problems.get(d.file)?.push(d);
      }
    }
  }
  const byName = new Map(kinds.map((k) => [k.name, { kind: k, fields: new Set(catalogFields(k, kinds)) }]));
  return all.map((f) => {
    const diagnostics = problems.get(f.path) ?? [];
    const { kind, fields } = byName.get(f.configKind) as { kind: AnalyzedKind; fields: ReadonlySet<string> };
    const outline = outlineOf(f.root, f.locate, f === platform ? 'platform' : fields);
    // Warnings do not keep a file from being published; errors do.
    const ok = f !== platform && !hasErrors(diagnostics) && f.root !== null;
    const { path, instance, configKind } = f;
    return {
      path,
      instance,
      configKind,
      diagnostics,
      outline,
      value: ok ? kind.toValue(instance, f.root as Node) : null,
    };
  });
}

const placeOf = (d: Diagnostic): string => `${d.line}:${d.column}:${d.file}`;

/**
 * The second stage: the rules that compare files, then the valid objects and
 * every problem, sorted; `ignored`, the folder's entries that are not read,
 * each add a warning.
 */
export function combine(
  dir: string,
  results: readonly FileResult[],
  kinds: readonly AnalyzedKind[],
  ignored?: readonly IgnoredEntry[],
): Analysis {
  return settle(results, [...catalogProblems(dir, results, kinds), ...ignoredWarnings({ ignored })], kinds);
}

/**
 * What the rules that compare files say: it depends on the folder and on each
 * file's path, instance, kind and outline. The shared catalog rules see every
 * kind's files; each kind's own rules see its files as `files` and every
 * kind's as `byKind`.
 */
export function catalogProblems(
  dir: string,
  results: readonly FileResult[],
  kinds: readonly AnalyzedKind[],
): Diagnostic[] {
  const outlined = results.map((r) => outlineFile(r.path, r.instance, r.configKind, r.outline));
  const platform = outlined.find((f) => isPlatformPath(f.path)) ?? null;
  const files = outlined.filter((f) => f !== platform);
  const byKind = new Map<string, ParsedFile[]>(kinds.map((k) => [k.name, []]));
  for (const f of files) byKind.get(f.configKind)?.push(f);
  const shared = sharedCatalogRules.flatMap((rule) => rule.check({ dir, files, platform, byKind }));
  const own = kinds.flatMap((k) =>
    k.catalogRules.flatMap((rule) => rule.check({ dir, files: byKind.get(k.name) ?? [], platform, byKind })),
  );
  return [...shared, ...own];
}

/**
 * The valid objects of each kind and every problem, sorted, from the files'
 * results and what the catalog rules said of them. `previous`, the catalog of
 * an earlier analysis, only makes the sort faster (see `AnalysisKind.order`).
 */
export function settle(
  results: readonly FileResult[],
  catalog: readonly Diagnostic[],
  kinds: readonly AnalyzedKind[],
  previous?: Catalog,
): Analysis {
  const diagnostics = [...results.flatMap((r) => r.diagnostics), ...catalog];
  const broken = new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => d.file));
  const valid = new Map<string, object[]>(kinds.map((k) => [k.name, []]));
  const sunsetPlaces = new Map(kinds.filter((k) => k.sunset).map((k) => [k.name, new Map<string, SunsetAt>()]));
  const sunsets = new Map(kinds.map((k) => [k.name, k.sunset]));
  for (const r of results) {
    if (r.value === null || broken.has(r.path)) continue;
    valid.get(r.configKind)?.push(r.value);
    const sunset = sunsets.get(r.configKind);
    const day = sunset?.day(r.value) ?? null;
    const at =
      sunset === undefined || day === null ? null : placeOfEntry(r.path, r.outline, sunset.field, sunset.entry);
    if (at !== null) sunsetPlaces.get(r.configKind)?.set(r.instance, { day: day as string, at });
  }
  return {
    catalog: new Map(kinds.map((k) => [k.name, k.order(valid.get(k.name) ?? [], previous?.get(k.name))])),
    diagnostics: diagnostics.sort(compareDiagnostics),
    fileCount: results.filter((r) => !isPlatformPath(r.path)).length,
    filesByKind: countByKind(results, kinds),
    sunsetPlaces,
  };
}

function countByKind(results: readonly FileResult[], kinds: readonly AnalyzedKind[]): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(kinds.map((k) => [k.name, 0]));
  for (const r of results) if (!isPlatformPath(r.path)) counts[r.configKind] = (counts[r.configKind] ?? 0) + 1;
  return counts;
}

/**
 * The whole analysis of an input for `kinds`, in one process and without a
 * cache: the file stage on every file (`analyzeTexts`), then the catalog
 * stage (`combine`). Returns each kind's valid objects in its order and every
 * diagnostic, sorted; never throws for any input (bad input is diagnostics).
 */
export function analyze(input: Input, kinds: readonly AnalyzedKind[]): Analysis {
  return combine(input.dir, analyzeTexts(input.files, input.dir, kinds), kinds, input.ignored);
}
