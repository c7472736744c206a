/**
 * The SHA-256 and size of a stream of bytes, hashed as they come (never held
 * whole: a 1 GiB file costs the 64 KiB of a chunk), decompressed first when
 * it is a precompressed copy or an encoded answer. What `verify` reads of a
 * published copy goes through here; what a decompression may produce is
 * bounded by the size the manifest gives, so that no copy can make it work
 * without end.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { FileFacts } from '../core/diagnostics/diagnostic.js';
import { DECODERS } from '../core/sync/verify.js';

export type Decoder = 'gzip' | 'brotli' | 'deflate';

/** The facts of bytes that do not decompress (see `FileFacts`). */
export const UNDECODABLE: FileFacts = { sha256: '', size: -1 };
/** The facts of bytes that decompress to more than allowed (see `FileFacts`). */
export const TOO_LONG: FileFacts = { sha256: '', size: -2 };

const decoderOf = (by: Decoder) =>
  by === 'gzip' ? createGunzip() : by === 'brotli' ? createBrotliDecompress() : createInflate();

/**
 * The facts of the bytes `source` yields, decompressed by `by` when given:
 * `UNDECODABLE` when they do not decompress, `TOO_LONG` when they decompress
 * to more than `max` bytes (the source is then destroyed). An error of the
 * source itself (a read that failed, a connection that broke) is thrown.
 */
export async function digest(source: Readable, by?: Decoder, max = Number.POSITIVE_INFINITY): Promise<FileFacts> {
  const hash = createHash('sha256');
  let size = 0;
  if (by === undefined) {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      size += chunk.length;
      hash.update(chunk);
    }
    return { sha256: hash.digest('hex'), size };
  }
  // The stream an error was first emitted by: pipeline passes it on to the others.
  const origin = new Map<unknown, 'source' | 'decoder'>();
  const decoder = decoderOf(by);
  source.on('error', (e) => origin.set(e, origin.get(e) ?? 'source'));
  decoder.on('error', (e) => origin.set(e, origin.get(e) ?? 'decoder'));
  let tooLong = false;
  const sink = async (chunks: AsyncIterable<Buffer>) => {
    for await (const chunk of chunks) {
      size += chunk.length;
      tooLong = size > max;
      if (tooLong) throw new RangeError(`more than ${max} bytes once decompressed`);
      hash.update(chunk);
    }
  };
  try {
    await pipeline(source, decoder, sink);
  } catch (e) {
    if (tooLong) return TOO_LONG;
    if (origin.get(e) === 'source') throw e;
    return UNDECODABLE;
  }
  return { sha256: hash.digest('hex'), size };
}

/**
 * The most bytes a copy of a file of `size` bytes may decompress to before
 * `digest` stops: twice the size, and 1 MiB at least, so that a copy holding
 * a little more is still named with what it holds.
 */
export const decodeLimit = (size: number): number => Math.max(2 * size, 1 << 20);

/**
 * The facts of what a body sent with `Content-Encoding: <encoding>`
 * (`identity` when none) holds once decoded: `UNDECODABLE` for an encoding
 * with no decoder here (`DECODERS`), decompression bounded by `decodeLimit`
 * of `size`, the listed file's.
 */
export async function encodedFacts(body: Readable, encoding: string, size: number): Promise<FileFacts> {
  if (encoding === 'identity') return digest(body);
  const by = DECODERS[encoding];
  if (by !== undefined) return digest(body, by, decodeLimit(size));
  body.resume();
  return UNDECODABLE;
}
