/**
 * verify's judgement of what a host sends for each encoding it is asked for:
 * decompressed as it comes (`encodedFacts`) and compared with the manifest,
 * named by the file's URL and the encoding; and which files are asked for in
 * each encoding (the build's own rule of which files get copies).
 */
import { Readable } from 'node:stream';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodedFacts } from '../../../scripts/adapters/digest.js';
import { messageFor } from '../../../scripts/core/diagnostics/messages.js';
import { COMPRESS_MIN_BYTES, mayHaveCopies } from '../../../scripts/core/emit/compress.js';
import { sha256Hex } from '../../../scripts/core/emit/sync/hash-index.js';
import { type EncodedFound, type ManifestFile, verifyCopy } from '../../../scripts/core/sync/verify.js';

const PATH = 'api/v1/configs/user_services/index.json';
const bytes = new TextEncoder().encode(`{"user_services":[${'"x",'.repeat(400)}"y"]}\n`);
const other = new TextEncoder().encode(`{"user_services":[${'"z",'.repeat(400)}"y"]}\n`);
const listed: ManifestFile = { path: PATH, sha256: sha256Hex(bytes), size: bytes.length };
const facts = (b: Uint8Array) => ({ sha256: sha256Hex(b), size: b.length });
const URL_OF = (path: string) => `https://api.example.com/${path}`;

type Sent = { asked: string; encoding: string; bytes: Uint8Array } | { asked: string; missing: string };

/** What the host's answers come to once decoded, in chunks of 100 bytes as a socket gives them. */
const decoded = (answers: Sent[]): Promise<EncodedFound[]> =>
  Promise.all(
    answers.map(async (a) => {
      if ('missing' in a) return a;
      const chunks = Array.from({ length: Math.ceil(a.bytes.length / 100) }, (_, i) =>
        a.bytes.slice(i * 100, i * 100 + 100),
      );
      return {
        asked: a.asked,
        encoding: a.encoding,
        facts: await encodedFacts(Readable.from(chunks), a.encoding, listed.size),
      };
    }),
  );

/** The diagnostics of a copy whose plain answer is `plain` and whose encoded answers are `answers`. */
const diagnostics = async (answers: Sent[], plain: Uint8Array = bytes) =>
  verifyCopy(
    {
      files: new Map([[PATH, { facts: facts(plain) }]]),
      unlisted: new Map(),
      encoded: new Map([[PATH, await decoded(answers)]]),
    },
    [listed],
    (path) => ({ file: URL_OF(path), line: 1, column: 1 }),
  );

/** The problems of that copy: code, file and arguments. */
const judge = async (answers: Sent[], plain: Uint8Array = bytes) =>
  (await diagnostics(answers, plain)).map((d) => ({ code: d.code, file: d.file, args: d.args }));

const differs = (asked: string, encoding: string, actual: { sha256: string; size: number }) => ({
  code: 'verify-encoding-differs',
  file: URL_OF(PATH),
  args: { path: PATH, asked, encoding, expected: facts(bytes), actual },
});

describe('verify over HTTP, each encoding', () => {
  it('passes br, gzip and deflate answers that decompress to the listed bytes, and plain answers', async () => {
    expect(
      await judge([
        { asked: 'br', encoding: 'br', bytes: brotliCompressSync(bytes) },
        { asked: 'gzip', encoding: 'gzip', bytes: gzipSync(bytes) },
        { asked: 'gzip', encoding: 'x-gzip', bytes: gzipSync(bytes) },
        { asked: 'gzip', encoding: 'deflate', bytes: deflateSync(bytes) },
        { asked: 'br', encoding: 'identity', bytes },
      ]),
    ).toEqual([]);
  });

  it('names a damaged br copy by its URL and encoding, with what it decompresses to', async () => {
    const problems = await judge([
      { asked: 'br', encoding: 'br', bytes: brotliCompressSync(other) },
      { asked: 'gzip', encoding: 'gzip', bytes: gzipSync(bytes) },
    ]);
    expect(problems).toEqual([differs('br', 'br', facts(other))]);
    const [d] = await diagnostics([{ asked: 'br', encoding: 'br', bytes: brotliCompressSync(other) }]);
    expect(messageFor(d as never)).toBe(
      `${PATH} asked for with Accept-Encoding: br comes with Content-Encoding: br and decompressed holds ${other.length} bytes, SHA-256 ${sha256Hex(other).slice(0, 12)}, the manifest says ${bytes.length} bytes, SHA-256 ${sha256Hex(bytes).slice(0, 12)}: clients that ask for br get other bytes; publish the site again (its .gz and .br copies too), or find who changed them`,
    );
  });

  it('names bytes that do not decompress, an encoding it cannot decode, and a decompression past the listed size', async () => {
    const bomb = brotliCompressSync(new Uint8Array(4 * 1024 * 1024));
    expect(
      await judge([
        { asked: 'gzip', encoding: 'gzip', bytes: new TextEncoder().encode('not gzip') },
        { asked: 'br', encoding: 'zstd', bytes: brotliCompressSync(bytes) },
        { asked: 'br', encoding: 'br', bytes: bomb },
      ]),
    ).toEqual([
      differs('gzip', 'gzip', { sha256: '', size: -1 }),
      differs('br', 'zstd', { sha256: '', size: -1 }),
      differs('br', 'br', { sha256: '', size: -2 }),
    ]);
    // Decoded as it comes: the bomb's 4 MiB are never held, the decoder stops past the listed size.
  });

  it('names other plain bytes sent for an encoding, but not the plain answer twice', async () => {
    // The plain answer differs: named once as the file, not again for the encoding that sent the same bytes.
    expect(await judge([{ asked: 'br', encoding: 'identity', bytes: other }], other)).toEqual([
      {
        code: 'verify-file-differs',
        file: URL_OF(PATH),
        args: { path: PATH, expected: facts(bytes), actual: facts(other) },
      },
    ]);
    // A cache that keeps another variant for gzip clients: named for gzip.
    expect(await judge([{ asked: 'gzip', encoding: 'identity', bytes: other }])).toEqual([
      differs('gzip', 'identity', facts(other)),
    ]);
  });

  it('names an encoding the host did not answer as missing, saying which', async () => {
    expect(await judge([{ asked: 'br', missing: 'HTTP 404' }])).toEqual([
      {
        code: 'verify-file-missing',
        file: URL_OF(PATH),
        args: { path: PATH, detail: 'HTTP 404, asked for Accept-Encoding: br' },
      },
    ]);
  });
});

describe('which files are asked for in each encoding', () => {
  it("follows the build's rule: compressible files of COMPRESS_MIN_BYTES or more", () => {
    expect(COMPRESS_MIN_BYTES).toBe(1024);
    expect(
      [
        ['a/index.json', 1023],
        ['a/index.json', 1024],
        ['index.html', 5000],
        ['assets/page.css', 2000],
        ['assets/page.js', 2000],
        ['_history/feed.atom', 5000],
        ['_headers', 5000],
      ].map(([path, size]) => mayHaveCopies(path as string, size as number)),
    ).toEqual([false, true, true, true, true, false, false]);
  });
});
