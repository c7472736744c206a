/**
 * Precompressed copies (`.gz`, `.br`) beside each text file, which nginx
 * (`gzip_static`) and Caddy (`precompressed`) send as they are instead of
 * compressing every response again. Last of the steps: it compresses what the
 * others emitted. Each copy depends on the bytes of its file alone, so a cache
 * can keep it by content.
 *
 * Measured with Node 20 on 10,000 synthetic services (bench/generate.mjs):
 * - Files under 1 KiB get no copy. On the 10,000 instances (370 bytes on
 *   average) a copy saves about 170 bytes, less than the response's headers,
 *   while the 20,000 extra files took the whole build from 2.2 s to 5.5 s of
 *   CPU and tripled its system time. CloudFront, for one, compresses only from
 *   1,000 bytes.
 * - The 17 files over 64 KiB (the list, filters and page, 24.7 MB): gzip 6
 *   0.45 s for 12.5 % of their size, gzip 9 0.63 s for 12.4 %; brotli 5 0.3 s
 *   for 12.7 %, brotli 7 0.5 to 1 s for 11.6 %, brotli 9 1.5 to 1.9 s for
 *   10.8 %, brotli 10 and 11 3 to 5.5 s for the 2.8 MB list alone. On lists
 *   of 20 KB every quality from 5 to 9 gives the same size within 2 %.
 * - Brotli's window is fitted to the file: with the default 4 MiB window,
 *   quality 9 spent 8 s on 10,000 small files instead of 0.36 s.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { COMPRESSIBLE } from '../hosting/policy.js';
import type { EmitMemo } from './memo.js';
import type { EmitStep } from './step.js';

const GZIP_LEVEL = 6;
const BROTLI_QUALITY = 7;
/** Smallest file that gets copies. */
export const COMPRESS_MIN_BYTES = 1024;

/** Brotli's window: the smallest that holds the file, within brotli's bounds (2^10 to 2^24). */
const brotliWindow = (size: number): number =>
  Math.min(
    constants.BROTLI_MAX_WINDOW_BITS,
    Math.max(constants.BROTLI_MIN_WINDOW_BITS, Math.ceil(Math.log2(size + 1))),
  );

// The gzip header: ID1 ID2 CM FLG, MTIME (4 bytes), XFL, OS.
const MTIME_START = 4;
const MTIME_END = 8;
const OS_BYTE = 9;
/** RFC 1952's "unknown": zlib writes the build platform's code (3 on Unix, 10 or 11 on Windows). */
const OS_UNKNOWN = 255;

/**
 * zlib's result as a plain Uint8Array: a view of its memory when the result has
 * that memory (nearly) to itself, which spares a copy of megabytes at the
 * build's peak; otherwise a copy, since a view of a small result would keep a
 * buffer of zlib's (16 KiB, or Node's shared pool) alive.
 */
const plain = (b: Uint8Array): Uint8Array =>
  b.length * 2 >= b.buffer.byteLength ? new Uint8Array(b.buffer, b.byteOffset, b.length) : new Uint8Array(b);

/** gzip with a header that depends on no time and no operating system. */
export function gzip(bytes: Uint8Array): Uint8Array {
  const out = plain(gzipSync(bytes, { level: GZIP_LEVEL }));
  out.fill(0, MTIME_START, MTIME_END);
  out[OS_BYTE] = OS_UNKNOWN;
  return out;
}

/**
 * Brotli (RFC 7932) in text mode at the project's quality, its window sized to
 * the input: the same bytes for the same input on every run.
 */
export function brotli(bytes: Uint8Array): Uint8Array {
  return plain(
    brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
        [constants.BROTLI_PARAM_LGWIN]: brotliWindow(bytes.length),
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
  );
}

/** The extension each precompressed copy adds to its file's path. */
export const COPY_EXTENSIONS = { gzip: '.gz', brotli: '.br' } as const;

/**
 * The path of the file `path` is a precompressed copy of and how it was
 * compressed, when `path` ends in a copy's extension and `isFile` says that
 * file exists; null otherwise.
 */
export function copyOf(path: string, isFile: (path: string) => boolean): { of: string; by: 'gzip' | 'brotli' } | null {
  for (const by of ['gzip', 'brotli'] as const) {
    const ext = COPY_EXTENSIONS[by];
    if (path.endsWith(ext) && isFile(path.slice(0, -ext.length))) return { of: path.slice(0, -ext.length), by };
  }
  return null;
}

/** Whether a site path gets precompressed copies (`.gz`, `.br`): the extensions of `COMPRESSIBLE`. */
export const isCompressible = (path: string): boolean => COMPRESSIBLE.some((ext) => path.endsWith(ext));

/**
 * Whether the build may write copies of a file of `size` bytes at `path`: a
 * compressible path of `COMPRESS_MIN_BYTES` or more (a copy is then kept only
 * when smaller than the file). What `verify` asks a host for in each encoding.
 */
export const mayHaveCopies = (path: string, size: number): boolean =>
  isCompressible(path) && size >= COMPRESS_MIN_BYTES;

/**
 * The copies of one file worth keeping, as `[path.gz | path.br, bytes]`: none
 * for a file `mayHaveCopies` excludes, and none that is no smaller than the
 * file. Each copy is taken from `memo` when it keeps one for these bytes.
 */
export function compressedCopies(path: string, bytes: Uint8Array, memo?: EmitMemo): [string, Uint8Array][] {
  if (!mayHaveCopies(path, bytes.length)) return [];
  const run = (kind: string, compress: (b: Uint8Array) => Uint8Array) =>
    memo === undefined ? compress(bytes) : memo.compressed(kind, bytes, compress);
  const copies: [string, Uint8Array][] = [
    [`${path}${COPY_EXTENSIONS.gzip}`, run('gzip', gzip)],
    [`${path}${COPY_EXTENSIONS.brotli}`, run('brotli', brotli)],
  ];
  return copies.filter(([, copy]) => copy.length < bytes.length);
}

/**
 * Largest files first: compressing one holds brotli's window (up to 16 MiB)
 * and more besides, which then comes on top of fewer copies made before it.
 * At 100,000 services that lowered the build's peak by some 20 MB.
 */
export const emitCompress: EmitStep = ({ site, options, memo }) =>
  options.compress === true
    ? [...site]
        .filter(([path, bytes]) => mayHaveCopies(path, bytes.length))
        .sort(([, a], [, b]) => b.length - a.length)
        .flatMap(([path, bytes]) => compressedCopies(path, bytes, memo))
    : [];
