/**
 * The closest known name to a misspelt one, or null when none is close enough:
 * at most one edit for a name of up to 4 characters, two for a longer one
 * (insertions, deletions, substitutions and swaps of neighbours, ignoring case
 * and treating spaces, `-` and `_` alike). Ties go to the first in `known`.
 * Cost: one bounded comparison per known name, most skipped by their length.
 */
export function closest(name: string, known: readonly string[]): string | null {
  const norm = (s: string) => s.toLowerCase().replace(/[\s-]+/g, '_');
  const target = norm(name);
  // Two edits is enough for typos and swapped letters, without wild guesses on short names.
  const allowed = target.length <= 4 ? 1 : 2;
  let best: string | null = null;
  let bound = allowed;
  for (const candidate of known) {
    const d = distance(target, norm(candidate), bound);
    if (d <= bound) {
      best = candidate;
      // Only a strictly closer name may replace it.
      bound = d - 1;
      if (bound < 0) break;
    }
  }
  return best;
}

/**
 * Optimal string alignment distance (insertions, deletions, substitutions and
 * swaps), or `bound + 1` as soon as it is sure to exceed `bound`: the lengths
 * differ by more, or two rows in a row hold nothing within it (a swap skips at
 * most one row, and values never decrease along an alignment).
 */
function distance(a: string, b: string, bound: number): number {
  if (Math.abs(a.length - b.length) > bound) return bound + 1;
  const rows: number[][] = [];
  let previousMin = 0;
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        rowMin = 0;
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const prev = rows[i - 1] as number[];
      let d = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, ((rows[i - 2] as number[])[j - 2] ?? 0) + 1);
      }
      row.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (i > 0 && rowMin > bound && previousMin > bound) return bound + 1;
    previousMin = rowMin;
    rows.push(row);
  }
  return (rows[a.length] as number[])[b.length] ?? 0;
}
