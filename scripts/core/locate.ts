import type { Location } from './diagnostic.js';

export type Locator = (offset: number) => Location;

/** Every so many UTF-16 code units, the index holds how many lines end before. */
const STEP = 4096;

/**
 * Maps text offsets (UTF-16 code units) to 1-based line and column, for one
 * file. An offset at or past the end of the text is placed at the end of the
 * last line, never on a line after it (yaml reports some problems at the end
 * of the input, after the final line break).
 *
 * Memory is the text, which the caller keeps anyway, and one number per
 * 4,096 characters: a locator is kept with each file of a batch until its
 * rules have run, and a file of 262,144 line breaks would otherwise keep as
 * many line starts. Each call reads at most 4,096 characters forwards and
 * one line backwards.
 */
export function makeLocator(file: string, text: string): Locator {
  const last = text.endsWith('\n') ? text.length - 1 : text.length;
  const before = new Uint32Array(Math.floor(text.length / STEP) + 1);
  let count = 0;
  let nl = text.indexOf('\n');
  for (let k = 1; k < before.length; k++) {
    for (; nl !== -1 && nl < k * STEP; nl = text.indexOf('\n', nl + 1)) count++;
    before[k] = count;
  }
  return (raw) => {
    const offset = Math.max(0, Math.min(raw, last));
    const k = Math.floor(offset / STEP);
    let line = (before[k] ?? 0) + 1;
    for (let i = text.indexOf('\n', k * STEP); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
    const lineStart = offset === 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
    return { file, line, column: offset - lineStart + 1 };
  };
}
