/**
 * Analysis with the cache: files whose path and bytes were seen before are not
 * parsed again, and a catalog seen before answers at once. The results are the
 * same as `analyze` gives, by construction: cached or not, each file goes
 * through `analyzeTexts` once and the catalog through `combine`.
 */
import { createHash } from 'node:crypto';
import type { AnalysisCache } from '../adapters/cache.js';
import type { ThreadPlan } from '../adapters/workers.js';
import { type Analysis, combine, type FileResult } from '../core/analysis/analyze.js';
import { decodeResult, encodeResult } from '../core/analysis/file-result-codec.js';
import type { AnalyzedKind } from '../core/analysis/kind.js';
import type { Diagnostic } from '../core/diagnostics/diagnostic.js';
import type { Input, InputFile } from '../core/reading/input.js';
import { identity } from './identity.js';

export interface CatalogRun {
  /** Names this input exactly: the tool, the schema, the folder and every file's path and bytes. */
  readonly key: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly fileCount: number;
  /** How many of them each kind has (`Analysis.filesByKind`). */
  readonly filesByKind: Readonly<Record<string, number>>;
  /** The whole analysis, the catalog included; computed on first use. */
  analysis(): Promise<Analysis>;
}

/**
 * The run of `input` for `kinds`. `listing`: the hash of the folder's listing
 * taken before it was read, kept with the catalog so that the next run can
 * tell that nothing changed.
 */
export async function runCatalog(
  input: Input,
  cache: AnalysisCache | null,
  threads: ThreadPlan,
  kinds: readonly AnalyzedKind[],
  listing: string | null = null,
): Promise<CatalogRun> {
  const key = catalogKey(input);
  let full: Promise<Analysis> | undefined;
  // The files' bytes are let go once analyzed: a large catalog's build needs the memory.
  let files: Input | null = input;
  const analysis = () => {
    full ??= analyzeWithCache(files as Input, cache, threads, kinds);
    files = null;
    return full;
  };
  const known = cache?.catalog(key);
  const withListing = listing === null ? {} : { listing };
  if (known !== undefined) {
    await threads.close();
    const { diagnostics, fileCount, filesByKind } = known;
    cache?.saveCatalog({ key, diagnostics, fileCount, filesByKind, ...withListing });
    return { key, diagnostics, fileCount, filesByKind, analysis };
  }
  const { diagnostics, fileCount, filesByKind } = await analysis();
  cache?.saveCatalog({ key, diagnostics, fileCount, filesByKind, ...withListing });
  return { key, diagnostics, fileCount, filesByKind, analysis };
}

async function analyzeWithCache(
  input: Input,
  cache: AnalysisCache | null,
  threads: ThreadPlan,
  kinds: readonly AnalyzedKind[],
): Promise<Analysis> {
  if (cache === null) {
    return combine(input.dir, await threads.analyze(input.files, input.dir, kinds), kinds, input.ignored);
  }
  const results: (FileResult | undefined)[] = [];
  const keys: (string | undefined)[] = [];
  const misses: number[] = [];
  for (const [i, file] of input.files.entries()) {
    const key = file.kind === 'file' ? fileKey(file.path, file.configKind, file.bytes) : undefined;
    keys.push(key);
    results.push(key === undefined ? undefined : cachedResult(cache, key, kinds));
    if (results[i] === undefined) misses.push(i);
  }
  const computed = await threads.analyze(
    misses.map((i) => input.files[i] as InputFile),
    input.dir,
    kinds,
  );
  for (const [n, i] of misses.entries()) results[i] = computed[n];
  const done = results as FileResult[];
  const fresh = new Set(misses);
  const entries = new Map<string, unknown>();
  for (const [i, key] of keys.entries()) {
    if (key === undefined) continue;
    const stored = fresh.has(i) ? undefined : cache.file(key);
    entries.set(key, stored ?? encodeResult(done[i] as FileResult, kinds));
  }
  cache.saveFiles(entries);
  return combine(input.dir, done, kinds, input.ignored);
}

/** A file's kept result, or undefined when there is none or it cannot be decoded (a damaged entry, an older format, a kind not given). */
function cachedResult(cache: AnalysisCache, key: string, kinds: readonly AnalyzedKind[]): FileResult | undefined {
  const raw = cache.file(key);
  if (raw === undefined) return undefined;
  try {
    return decodeResult(raw, kinds);
  } catch {
    return undefined;
  }
}

/** A file's key in the cache: its path, the kind its reader gave it and its bytes. */
function fileKey(path: string, configKind: string | undefined, bytes: Uint8Array): string {
  return createHash('sha1')
    .update(`${path}\0${configKind ?? ''}\0`)
    .update(bytes)
    .digest('hex');
}

/**
 * One hash over every file's type, kind of object, path and bytes, and every ignored entry's
 * path and type; gathered first, since each update has a cost of its own.
 */
function catalogKey(input: Input): string {
  const heads: string[] = [identity.tool, identity.schema, input.dir];
  const bodies: Uint8Array[] = [];
  for (const f of input.files) {
    const detail =
      f.kind === 'symbolic-link' ? f.target : f.kind === 'unreadable' ? f.reason : f.kind === 'too-large' ? f.size : '';
    heads.push(`${f.kind}\0${f.configKind ?? ''}\0${f.path}\0${detail}\0${f.kind === 'file' ? f.bytes.length : 0}`);
    if (f.kind === 'file') bodies.push(f.bytes);
  }
  for (const e of input.ignored ?? []) heads.push(`ignored\0${e.path}\0${e.type}`);
  return createHash('sha1').update(heads.join('\0')).update(Buffer.concat(bodies)).digest('hex');
}
