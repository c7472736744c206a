/**
 * Did-you-mean: the known name closest to a misspelt one, or none when none is
 * close enough: at most one edit for a name of up to 4 characters, two for a
 * longer one (insertions, deletions, substitutions and swaps of neighbours:
 * the optimal string alignment distance), ignoring case and treating spaces,
 * `-` and `_` alike. Ties go to the first in the known list.
 */

/** The closest of `known` to `name` (see the module's comment), or null. */
export function closest(name: string, known: readonly string[]): string | null {
  return new Suggestions(known).closest(name);
}

const norm = (s: string): string => s.toLowerCase().replace(/[\s-]+/g, '_');

/**
 * `closest` over one list of known names, prepared once for many questions
 * (a catalog asks once per unknown technical name): each is compared only
 * with the known names whose length is within the edits allowed, and each
 * comparison stops as soon as it exceeds them.
 */
export class Suggestions {
  private readonly byLength = new Map<number, Candidate[]>();

  constructor(private readonly known: readonly string[]) {
    for (const [index, name] of known.entries()) {
      const n = norm(name);
      const bucket = this.byLength.get(n.length) ?? [];
      bucket.push({ index, norm: n, counts: countsOf(n) });
      this.byLength.set(n.length, bucket);
    }
  }

  closest(name: string): string | null {
    const target = norm(name);
    // Two edits is enough for typos and swapped letters, without wild guesses on short names.
    const allowed = target.length <= 4 ? 1 : 2;
    const candidates = [];
    for (let length = target.length - allowed; length <= target.length + allowed; length++) {
      candidates.push(...(this.byLength.get(length) ?? []));
    }
    candidates.sort((a, b) => a.index - b.index);
    const counts = countsOf(target);
    let best: number | null = null;
    let bound = allowed;
    for (const candidate of candidates) {
      if (fewestEdits(counts, candidate.counts) > bound) continue;
      const d = distance(target, candidate.norm, bound);
      if (d > bound) continue;
      best = candidate.index;
      // Only a strictly closer name may replace it.
      bound = d - 1;
      if (bound < 0) break;
    }
    return best === null ? null : (this.known[best] as string);
  }
}

interface Candidate {
  readonly index: number;
  readonly norm: string;
  readonly counts: Int16Array;
}

/** How many characters of a text fall in each of 32 classes (the code unit modulo 32). */
function countsOf(text: string): Int16Array {
  const counts = new Int16Array(32);
  for (let i = 0; i < text.length; i++) {
    const at = text.charCodeAt(i) & 31;
    counts[at] = (counts[at] as number) + 1;
  }
  return counts;
}

/**
 * A floor of the edits between two texts, from their counts: an insertion or
 * a deletion changes one count by one, a substitution two counts by one each,
 * a swap none; so half the total difference, rounded up. Cheap enough to skip
 * most known names before they are compared.
 */
function fewestEdits(a: Int16Array, b: Int16Array): number {
  let total = 0;
  for (let i = 0; i < 32; i++) total += Math.abs((a[i] as number) - (b[i] as number));
  return (total + 1) >> 1;
}

/**
 * The optimal string alignment distance of `a` and `b` when it is at most
 * `bound`, else `bound + 1`: only cells within `bound` of the diagonal can
 * hold a distance that small, every value is capped there, and it stops when
 * two rows in a row hold nothing within the bound (a swap skips one row at
 * most, and values never decrease along an alignment). Three rows of numbers
 * are the whole memory, allocated once per call.
 */
function distance(a: string, b: string, bound: number): number {
  const far = bound + 1;
  if (Math.abs(a.length - b.length) > bound) return far;
  const width = b.length + 1;
  let before = new Int32Array(width).fill(far);
  let previous = new Int32Array(width).fill(far);
  let row = new Int32Array(width).fill(far);
  for (let j = 0; j < width; j++) previous[j] = Math.min(j, far);
  let previousMin = 0;
  for (let i = 1; i <= a.length; i++) {
    row.fill(far);
    row[0] = Math.min(i, far);
    let rowMin = row[0] as number;
    for (let j = Math.max(1, i - bound); j <= Math.min(b.length, i + bound); j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min((previous[j] as number) + 1, (row[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, (before[j - 2] as number) + 1);
      row[j] = Math.min(d, far);
      rowMin = Math.min(rowMin, row[j] as number);
    }
    if (rowMin >= far && previousMin >= far) return far;
    [before, previous, row] = [previous, row, before];
    previousMin = rowMin;
  }
  return previous[b.length] as number;
}
