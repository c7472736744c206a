/**
 * Sites compared in order: `toEqual` on two Maps ignores the order of their
 * entries, and a site's order (code-point order of its paths) is part of what
 * it is. Compare `siteEntries(a)` with `siteEntries(b)` instead.
 */
import type { Site } from '../../scripts/core/model/site.js';

/** A site's entries in order, each path with its exact bytes as text (latin1: one character a byte, fast to compare). */
export const siteEntries = (site: Site): [string, string][] =>
  [...site].map(([path, b]) => [path, Buffer.from(b.buffer, b.byteOffset, b.length).toString('latin1')]);
