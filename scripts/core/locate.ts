import type { Location } from './diagnostic.js';

export type Locator = (offset: number) => Location;

/** Maps text offsets to 1-based line and column, for one file. */
export function makeLocator(file: string, text: string): Locator {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { file, line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
  };
}
