/**
 * The analysis cache, under `node_modules/.cache/user-services/`: results of
 * earlier runs, so that a run parses only the files that changed. It is only
 * ever a shortcut: a cache that is missing, unreadable, corrupt, or written by
 * another version of the tool or for another schema is ignored (and replaced),
 * and every run gives the same output with it or without it.
 *
 * Two files, each written whole to a temporary name and renamed into place, so
 * that a killed run or two runs at once leave one complete file or the other:
 * - `files.json`: each file's result, keyed by a hash of its path and bytes;
 * - `catalog.json`: the last run's catalog key and its problems, enough for a
 *   run in which nothing changed to answer without opening `files.json`.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../core/diagnostics/diagnostic.js';

/** The format of the cache files: 2 since file results carry their kind (entries of format 1 are ignored). */
const FORMAT = 2;

// A first line with the SHA-1 of the rest tells a damaged file from a good one.
const checksum = (text: string): string => createHash('sha1').update(text).digest('hex');

/** What a cache is valid for: the tool that wrote it and the schema it validated against. */
export interface CacheIdentity {
  readonly tool: string;
  readonly schema: string;
}

export interface CatalogEntry {
  readonly key: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly fileCount: number;
  /** How many of them each kind has, by kind name. */
  readonly filesByKind: Readonly<Record<string, number>>;
  /** A hash of what lstat said of the folder's entries when they were read (see `statServices`), when it can be trusted. */
  readonly listing?: string;
}

/**
 * The analysis cache of one services folder (`node_modules/.cache/user-services`):
 * each file's result by the hash of its path and bytes, and the catalog's last
 * answer. A shortcut only: a missing, damaged or foreign cache is ignored, and
 * failures to write it are not errors.
 */
export class AnalysisCache {
  private files: Map<string, unknown> | null = null;

  constructor(
    readonly dir: string,
    private readonly identity: CacheIdentity,
  ) {}

  /** The last run's catalog, when its key is the one given. */
  catalog(key: string): CatalogEntry | undefined {
    const entry = this.lastCatalog();
    return entry?.key === key ? entry : undefined;
  }

  /** The last run's catalog, when the folder's listing is the very one it was read with. */
  catalogByListing(listing: string): CatalogEntry | undefined {
    const entry = this.lastCatalog();
    return entry?.listing !== undefined && entry.listing === listing ? entry : undefined;
  }

  private lastCatalog(): CatalogEntry | undefined {
    const entry = (this.read('catalog.json') as { catalog?: CatalogEntry } | null)?.catalog;
    const ok =
      typeof entry?.key === 'string' &&
      Array.isArray(entry.diagnostics) &&
      typeof entry.fileCount === 'number' &&
      typeof entry.filesByKind === 'object' &&
      entry.filesByKind !== null;
    return ok ? entry : undefined;
  }

  saveCatalog(entry: CatalogEntry): void {
    const last = this.lastCatalog();
    if (last?.key === entry.key && last.listing === entry.listing) return;
    this.write('catalog.json', { catalog: entry });
  }

  /** Whether results of files are kept at all (a first run has none). */
  hasFiles(): boolean {
    return existsSync(join(this.dir, 'files.json'));
  }

  /** A file's encoded result, by the hash of its path and bytes. */
  file(key: string): unknown {
    this.files ??= this.loadFiles();
    return this.files.get(key);
  }

  /** Keeps exactly the given results; writes only when they differ from what is stored. */
  saveFiles(entries: ReadonlyMap<string, unknown>): void {
    this.files ??= this.loadFiles();
    const stored = this.files;
    const same = stored.size === entries.size && [...entries.keys()].every((k) => stored.has(k));
    if (same) return;
    this.write('files.json', { files: Object.fromEntries(entries) });
    this.files = new Map(entries);
  }

  private loadFiles(): Map<string, unknown> {
    const stored = this.read('files.json') as { files?: Record<string, unknown> } | null;
    const files = stored?.files;
    return files !== null && typeof files === 'object' ? new Map(Object.entries(files)) : new Map();
  }

  /** A cache file's body, or null when it is missing, corrupt or not ours to use. */
  private read(name: string): unknown {
    try {
      const text = readFileSync(join(this.dir, name), 'utf8');
      const newline = text.indexOf('\n');
      const body = text.slice(newline + 1);
      if (text.slice(0, newline) !== checksum(body)) return null;
      const parsed = JSON.parse(body) as Record<string, unknown>;
      const ok =
        parsed.format === FORMAT && parsed.tool === this.identity.tool && parsed.schema === this.identity.schema;
      return ok ? parsed : null;
    } catch {
      return null;
    }
  }

  private write(name: string, body: object): void {
    try {
      mkdirSync(this.dir, { recursive: true });
      const tmp = join(this.dir, `.${name}.${process.pid}.tmp`);
      const text = JSON.stringify({ format: FORMAT, ...this.identity, ...body });
      // Two writes rather than one joined string: the files of a large catalog make a large text.
      const fd = openSync(tmp, 'w');
      try {
        writeSync(fd, `${checksum(text)}\n`);
        writeSync(fd, text);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, join(this.dir, name));
    } catch {
      // A cache that cannot be written only makes the next run slower.
    }
  }
}
