/**
 * Sites compared in order: `toEqual` on two Maps ignores the order of their
 * entries, and a site's order (code-point order of its paths) is part of what
 * it is. Compare with `expectSameSite`, or `siteEntries(a)` with
 * `siteEntries(b)`.
 */
import { expect } from 'vitest';

/** A site or a tree read from disk: path to bytes, or to text already decoded. */
type Tree = ReadonlyMap<string, Uint8Array | string>;

/** A site's entries in order, each path with its exact bytes as text (latin1: one character a byte, fast to compare). */
export const siteEntries = (site: Tree): [string, string][] =>
  [...site].map(([path, b]) => [
    path,
    typeof b === 'string' ? b : Buffer.from(b.buffer, b.byteOffset, b.length).toString('latin1'),
  ]);

/** Asserts that two sites hold the same paths, in the same order, each with the same bytes. */
export function expectSameSite(actual: Tree, expected: Tree, message?: string): void {
  expect(siteEntries(actual), message).toEqual(siteEntries(expected));
}

/**
 * Compares paths by their code points (the published order), written here
 * again on purpose rather than imported: the oracle of the core's sort.
 */
export function compareCodePoints(a: string, b: string): number {
  const [x, y] = [Array.from(a, (c) => c.codePointAt(0) as number), Array.from(b, (c) => c.codePointAt(0) as number)];
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  return x.length - y.length;
}

/** The same entries, their paths in code-point order: what a model built in another order should equal. */
export const inPathOrder = <T>(tree: ReadonlyMap<string, T>): Map<string, T> =>
  new Map([...tree].sort(([a], [b]) => compareCodePoints(a, b)));
