/**
 * The memos a long-lived process owns: the emit memo (pieces by object and table,
 * last results by key, path orders), the store of compressed copies kept with
 * the cache, and the analysis cache. Each gives back what was put in, and
 * nothing else: a key that differs in anything is a miss.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnalysisCache } from '../../../scripts/adapters/cache.js';
import { StoredMemo } from '../../../scripts/adapters/compressed-store.js';
import { KeptEmitMemo } from '../../../scripts/app/emit-memo.js';
import { callMemo, type EmitMemo, type PieceTable } from '../../../scripts/core/emit/memo.js';
import { SERVICE_PIECES } from '../../../scripts/core/emit/service-pieces.js';
import { tempDir } from '../../helpers/fs.js';
import { service } from '../../helpers/page.js';

const IDENTITY = { tool: 'test-tool', schema: 'test-schema' };
const bytes = (text: string) => new TextEncoder().encode(text);

describe('KeptEmitMemo', () => {
  const a = service({ instance: 'a', technical_name: 'A' });
  const b = service({ instance: 'b', technical_name: 'B' });

  it('keeps one record per Service object, across calls and places, and none for a copy', () => {
    const memo = new KeptEmitMemo();
    const [ra, rb] = memo.piecesOf(SERVICE_PIECES, [a, b]);
    expect(ra?.object).toBe(a);
    (ra as { entry: unknown }).entry = { bytes: bytes('x'), start: 0, end: 1 };
    const again = memo.piecesOf(SERVICE_PIECES, [b, a]);
    expect(again[0]).toBe(rb);
    expect(again[1]).toBe(ra);
    const copy = memo.piecesOf(SERVICE_PIECES, [{ ...a }])[0];
    expect(copy).not.toBe(ra);
    expect(copy?.entry).toBeUndefined();
  });

  it('answers sameAsLast from the last result under the key only for the very same inputs', () => {
    const memo = new KeptEmitMemo();
    let computed = 0;
    const compute = () => ++computed;
    const inputs = [a, 'x'];
    expect(memo.sameAsLast('k', inputs, compute)).toBe(1);
    expect(memo.sameAsLast('k', [a, 'x'], compute)).toBe(1);
    expect(memo.sameAsLast('k', [{ ...a }, 'x'], compute)).toBe(2);
    expect(memo.sameAsLast('other', [{ ...a }, 'x'], compute)).toBe(3);
    expect(memo.sameAsLast('k', [a], compute)).toBe(4);
  });

  it('keeps the last two path orders', () => {
    const memo = new KeptEmitMemo();
    let sorts = 0;
    const order = (paths: readonly string[]) => {
      sorts++;
      return paths.map((_, i) => i).reverse();
    };
    expect(memo.sortOrder(['b', 'a'], order)).toEqual([1, 0]);
    expect(memo.sortOrder(['c', 'b', 'a'], order)).toEqual([2, 1, 0]);
    expect(memo.sortOrder(['b', 'a'], order)).toEqual([1, 0]);
    expect(sorts).toBe(2);
    memo.sortOrder(['x'], order);
    memo.sortOrder(['y'], order);
    memo.sortOrder(['b', 'a'], order);
    expect(sorts).toBe(5);
  });
});

describe('callMemo, the memo of one emit', () => {
  it('shares records between the steps of a call, and keeps no result or order', () => {
    const memo = callMemo();
    const s = service({ instance: 'a', technical_name: 'A' });
    expect(memo.piecesOf(SERVICE_PIECES, [s])[0]).toBe(memo.piecesOf(SERVICE_PIECES, [s])[0]);
    let computed = 0;
    memo.sameAsLast('k', [s], () => ++computed);
    memo.sameAsLast('k', [s], () => ++computed);
    expect(computed).toBe(2);
  });
});

/** A second table over the same objects, as another kind's steps (or another step) would declare. */
interface Labels {
  readonly object: object;
  label: string | undefined;
}
const LABELS: PieceTable<object, Labels> = { name: 'labels', newRecord: (object) => ({ object, label: undefined }) };

describe.each([
  ['KeptEmitMemo', (): EmitMemo => new KeptEmitMemo()],
  ['callMemo', (): EmitMemo => callMemo()],
])('%s: records by object and table', (_name, newMemo) => {
  it('keeps one record per object in each table, apart from the other tables', () => {
    const memo = newMemo();
    const s = service({ instance: 'a', technical_name: 'A' });
    const widget = { id: 'w' };
    const [entries] = memo.piecesOf(SERVICE_PIECES, [s]);
    const [labelOfS, labelOfW] = memo.piecesOf(LABELS, [s, widget]);
    expect(labelOfS).toEqual({ object: s, label: undefined });
    expect(labelOfW).toEqual({ object: widget, label: undefined });
    (labelOfW as Labels).label = 'kept';
    // Asking one table does not drop what the other keeps for the same call.
    expect(memo.piecesOf(SERVICE_PIECES, [s])[0]).toBe(entries);
    expect(memo.piecesOf(LABELS, [s, widget])[1]?.label).toBe('kept');
    expect(Object.keys(entries as object)).toEqual([
      'object',
      'entry',
      'entryPretty',
      'row',
      'instance',
      'instancePretty',
    ]);
  });
});

describe('KeptEmitMemo, a record kept across calls', () => {
  it("gives a table's record of an object back after calls of other objects, and a new one for a copy", () => {
    const memo = new KeptEmitMemo();
    const w1 = { id: 'w1' };
    const w2 = { id: 'w2' };
    const [r1] = memo.piecesOf(LABELS, [w1]);
    (r1 as Labels).label = 'one';
    memo.piecesOf(LABELS, [w2]);
    memo.piecesOf(SERVICE_PIECES, [service({ instance: 'a', technical_name: 'A' })]);
    const [again, second] = memo.piecesOf(LABELS, [w1, w2]);
    expect(again).toBe(r1);
    expect(again?.label).toBe('one');
    expect(second?.label).toBeUndefined();
    expect(memo.piecesOf(LABELS, [{ ...w1 }])[0]?.label).toBeUndefined();
  });
});

describe('StoredMemo, the compressed copies kept with the cache', () => {
  it('gives back, after a save and a new open, what was computed, without computing it again', () => {
    const dir = tempDir('user-services-memo-');
    const first = StoredMemo.open(dir, IDENTITY);
    const double = (b: Uint8Array) => Uint8Array.from([...b, ...b]);
    expect([...first.get('gzip', bytes('ab'), double)]).toEqual([...bytes('abab')]);
    first.save();
    const second = StoredMemo.open(dir, IDENTITY);
    const never = () => {
      throw new Error('computed again');
    };
    expect([...second.get('gzip', bytes('ab'), never)]).toEqual([...bytes('abab')]);
    // Another kind, other bytes: computed.
    expect([...second.get('brotli', bytes('ab'), () => bytes('z'))]).toEqual([...bytes('z')]);
    expect([...second.get('gzip', bytes('ac'), () => bytes('y'))]).toEqual([...bytes('y')]);
  });

  it('ignores a damaged store, and one written by another tool', () => {
    const dir = tempDir('user-services-memo-');
    const memo = StoredMemo.open(dir, IDENTITY);
    memo.get('gzip', bytes('ab'), () => bytes('c'));
    memo.save();
    const file = join(dir, 'compressed.bin');
    const data = readFileSync(file);
    data[data.length - 25] = (data[data.length - 25] as number) ^ 1;
    writeFileSync(file, data);
    expect([...StoredMemo.open(dir, IDENTITY).get('gzip', bytes('ab'), () => bytes('new'))]).toEqual([...bytes('new')]);
    const other = StoredMemo.open(dir, { ...IDENTITY, tool: 'other' });
    expect([...other.get('gzip', bytes('ab'), () => bytes('fresh'))]).toEqual([...bytes('fresh')]);
  });
});

describe('AnalysisCache', () => {
  it('gives back files and the catalog saved, by key and by listing, to the same tool only', () => {
    const dir = tempDir('user-services-cache-');
    const cache = new AnalysisCache(dir, IDENTITY);
    expect(cache.hasFiles()).toBe(false);
    cache.saveFiles(new Map([['k1', { any: ['json', 1] }]]));
    const entry = {
      key: 'catalog-key',
      diagnostics: [],
      fileCount: 3,
      filesByKind: { user_services: 3 },
      listing: 'listing-hash',
    };
    cache.saveCatalog(entry);
    const again = new AnalysisCache(dir, IDENTITY);
    expect(again.hasFiles()).toBe(true);
    expect(again.file('k1')).toEqual({ any: ['json', 1] });
    expect(again.file('k2')).toBeUndefined();
    expect(again.catalog('catalog-key')).toEqual(entry);
    expect(again.catalog('other-key')).toBeUndefined();
    expect(again.catalogByListing('listing-hash')).toEqual(entry);
    expect(again.catalogByListing('other')).toBeUndefined();
    const otherTool = new AnalysisCache(dir, { ...IDENTITY, tool: 'other' });
    expect(otherTool.file('k1')).toBeUndefined();
    expect(otherTool.catalog('catalog-key')).toBeUndefined();
  });
});
