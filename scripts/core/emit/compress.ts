/**
 * Precompressed copies (`.gz`, `.br`) beside each text file, which nginx
 * (`gzip_static`) and Caddy (`precompressed`) send as they are instead of
 * compressing every response again. Last of the steps: it compresses what the
 * others emitted. Each copy depends on the bytes of its file alone, so a cache
 * can keep it by content.
 *
 * Levels, measured with Node 20 on 10,000 synthetic services (bench/generate.mjs),
 * instance files of 370 bytes on average, and a 10,000-entry list of 2.8 MB:
 * - gzip 9 costs what gzip 6 does on this JSON (0.40 s for the 10,000 instances,
 *   0.15 s for the big list) for the same or smaller output.
 * - brotli 9 with a window fitted to the file: 0.36 s for the 10,000 instances
 *   (56 % of their size), 0.42 s for the big list (15.3 %). Quality 10 and 11
 *   cost 20 to 40 times more (8 to 15 s for the instances, 3 to 5.5 s for the
 *   list) for files only 2 to 8 % smaller. Without the fitted window, quality 9
 *   allocates a 4 MiB window for every small file and takes 8 s.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { COMPRESSIBLE } from '../hosting/policy.js';
import type { EmitStep } from './step.js';

const GZIP_LEVEL = 9;
const BROTLI_QUALITY = 9;

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

/** gzip with a header that depends on no time and no operating system. */
export function gzip(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(gzipSync(bytes, { level: GZIP_LEVEL }));
  out.fill(0, MTIME_START, MTIME_END);
  out[OS_BYTE] = OS_UNKNOWN;
  return out;
}

export function brotli(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(
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

export const isCompressible = (path: string): boolean => COMPRESSIBLE.some((ext) => path.endsWith(ext));

/** The copies of one file worth keeping: a copy no smaller than the file would only cost bytes. */
export function compressedCopies(path: string, bytes: Uint8Array): [string, Uint8Array][] {
  const copies: [string, Uint8Array][] = [
    [`${path}.gz`, gzip(bytes)],
    [`${path}.br`, brotli(bytes)],
  ];
  return copies.filter(([, copy]) => copy.length < bytes.length);
}

export const emitCompress: EmitStep = ({ site, options }) =>
  options.compress === true
    ? [...site].filter(([path]) => isCompressible(path)).flatMap(([path, bytes]) => compressedCopies(path, bytes))
    : [];
