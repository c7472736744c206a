import type { Location } from '../diagnostics/diagnostic.js';

export type Locator = (offset: number) => Location;

/** Every so many UTF-16 code units, the index holds how many lines end before, and where the line there starts. */
const STEP = 512;

/**
 * Maps text offsets (UTF-16 code units) to 1-based line and column, for one
 * file. An offset at or past the end of the text is placed at the end of the
 * last line, never on a line after it (yaml reports some problems at the end
 * of the input, after the final line break).
 *
 * Memory is the text, which the caller keeps anyway, and two numbers per
 * 512 characters: a file of 262,144 line breaks would otherwise keep as many
 * line starts. Each call reads at most 512 characters, however long the
 * line: a parser reports a problem per token on
 * a line of 256 KiB, and a scan to the line's start or end for each would be
 * quadratic.
 */
export function makeLocator(file: string, text: string): Locator {
  const last = text.endsWith('\n') ? text.length - 1 : text.length;
  const chunks = Math.floor(text.length / STEP) + 1;
  // before[k]: line breaks before offset k * STEP; lineStart[k]: where the line holding k * STEP starts.
  const before = new Uint32Array(chunks);
  const lineStart = new Uint32Array(chunks);
  let count = 0;
  let start = 0;
  let nl = text.indexOf('\n');
  for (let k = 1; k < chunks; k++) {
    for (; nl !== -1 && nl < k * STEP; nl = text.indexOf('\n', nl + 1)) {
      count++;
      start = nl + 1;
    }
    before[k] = count;
    lineStart[k] = start;
  }
  return (raw) => {
    const offset = Math.max(0, Math.min(raw, last));
    const k = Math.floor(offset / STEP);
    let line = (before[k] ?? 0) + 1;
    let from = lineStart[k] ?? 0;
    for (let i = k * STEP; i < offset; i++) {
      if (text.charCodeAt(i) === 0x0a) {
        line++;
        from = i + 1;
      }
    }
    return { file, line, column: offset - from + 1 };
  };
}
