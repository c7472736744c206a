/**
 * The byte plumbing of the emit steps: texts encoded into shared slabs, files
 * written into arrays of a size measured first, and files joined from pieces.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExactWriter, Utf8Slabs } from '../../../scripts/core/emit/bytes.js';
import { joinedFile, joinPieces } from '../../../scripts/core/emit/fragments.js';
import { callMemo } from '../../../scripts/core/emit/memo.js';
import { pageFrame, serviceRow } from '../../../scripts/core/emit/page/render.js';
import { ROW_SLOT } from '../../../scripts/core/emit/service-pieces.js';
import { service } from '../../helpers/page.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Any code points, lone surrogates included, and now and then a text too large for a slab. */
const textArb = fc.oneof(
  { weight: 9, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 30_000, maxLength: 40_000 }) },
);

describe('Utf8Slabs', () => {
  it('encodes as TextEncoder does, parts end to end, into plain Uint8Arrays', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(textArb, textArb), { maxLength: 20 }), (pairs) => {
        const slabs = new Utf8Slabs();
        for (const [a, b] of pairs) {
          const one = slabs.encode(a);
          const two = slabs.encode([a, encoder.encode('|'), b]);
          expect(Object.getPrototypeOf(one)).toBe(Uint8Array.prototype);
          expect(Buffer.compare(one, encoder.encode(a))).toBe(0);
          expect(Buffer.compare(two, encoder.encode(`${a}|${b}`))).toBe(0);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('puts many small texts into a few buffers', () => {
    const slabs = new Utf8Slabs();
    const views = Array.from({ length: 1000 }, (_, i) => slabs.encode(`{"n":${i}}`));
    expect(views.map((v) => decoder.decode(v))).toEqual(Array.from({ length: 1000 }, (_, i) => `{"n":${i}}`));
    expect(new Set(views.map((v) => v.buffer)).size).toBeLessThanOrEqual(3);
  });
});

describe('ExactWriter', () => {
  it('gives the array once exactly filled', () => {
    expect(decoder.decode(new ExactWriter(6).write(['a✓', encoder.encode('bc')]).finish())).toBe('a✓bc');
  });

  it('refuses an array left short or a text that does not fit', () => {
    expect(() => new ExactWriter(7).write('a✓').finish()).toThrow('wrote 4 bytes of 7');
    expect(() => new ExactWriter(3).write('a✓')).toThrow('no room for a text');
    expect(() => new ExactWriter(3).write('ab').write(encoder.encode('cd'))).toThrow(RangeError);
  });
});

describe('joinPieces', () => {
  const frame = { head: '[', separator: ',', tail: ']' };
  const bytes = encoder.encode('a,b|c');
  const piece = (start: number, end: number) => ({ bytes, start, end });

  it('copies pieces that follow one another, separator between, as they are', () => {
    expect(decoder.decode(joinPieces(frame, [piece(0, 1), piece(2, 3)]))).toBe('[a,b]');
  });

  it('writes the separator between pieces that what lies between them is not', () => {
    expect(decoder.decode(joinPieces(frame, [piece(2, 3), piece(4, 5)]))).toBe('[b,c]');
    expect(decoder.decode(joinPieces(frame, [piece(0, 1), piece(4, 5)]))).toBe('[a,c]');
    expect(decoder.decode(joinPieces(frame, []))).toBe('[]');
  });
});

describe('joinedFile', () => {
  const services = Array.from({ length: 40 }, (_, i) =>
    service({ instance: `s${i}`, technical_name: `Service ${i} ✓ <&>`, for_hg: i % 2 === 0, for_ivr: i % 3 === 0 }),
  );
  const frame = pageFrame(services.length, { scriptHref: 'a.js', styleHref: 'a.css', schemaFiles: {} });
  const page = (apartBytes?: number) => {
    return joinedFile(
      callMemo(),
      ROW_SLOT,
      services.map((s) => ({ ...s })),
      serviceRow,
      frame,
      apartBytes,
    );
  };

  it('gives the same file whether new pieces are encoded apart first, some of them, or none', () => {
    const all = page();
    expect(decoder.decode(all)).toContain('<bdi>Service 39 ✓ &lt;&amp;&gt;</bdi>');
    expect(Buffer.compare(page(0), all)).toBe(0);
    expect(Buffer.compare(page(5000), all)).toBe(0);
  });
});
