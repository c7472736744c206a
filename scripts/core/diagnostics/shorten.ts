/**
 * Values shortened for messages: the one place where text from a file or a
 * request is cut to fit a line. The cut falls between code points, never
 * inside a surrogate pair (a character beyond U+FFFF, such as an emoji, is two
 * UTF-16 code units), and the result says that it was shortened.
 */

/** How many code points of a value a message shows at most. */
export const SHOWN_CODE_POINTS = 60;

/** How many code points of the parser's own explanation of a problem a message shows at most. */
export const SHOWN_DETAIL_CODE_POINTS = 200;

/**
 * `text` as it is when it has at most `max` code points; otherwise its first
 * `max` code points. `shortened` tells which; `length` is the whole text's
 * length in code points.
 */
export function cutAtCodePoint(text: string, max: number): { text: string; shortened: boolean; length: number } {
  // Fast path: fewer code units than the limit means fewer code points too.
  if (text.length <= max) return { text, shortened: false, length: [...text].length };
  let units = 0;
  let points = 0;
  for (const c of text) {
    if (points === max) break;
    units += c.length;
    points += 1;
  }
  if (units === text.length) return { text, shortened: false, length: points };
  return { text: text.slice(0, units), shortened: true, length: [...text].length };
}

/**
 * A string value as messages quote it: in JSON quotes, and when longer than
 * `max` code points its beginning followed by `... (N characters, shortened)`.
 */
export function quoteShort(value: string, max: number = SHOWN_CODE_POINTS): string {
  const cut = cutAtCodePoint(value, max);
  return cut.shortened ? `${JSON.stringify(cut.text)}${shortenedMark(cut.length)}` : JSON.stringify(value);
}

/** Text shown as it is (JSON of a request, say), shortened as `quoteShort` does. */
export function showShort(text: string, max: number = SHOWN_CODE_POINTS): string {
  const cut = cutAtCodePoint(text, max);
  return cut.shortened ? `${cut.text}${shortenedMark(cut.length)}` : text;
}

const shortenedMark = (length: number): string => `... (${length} characters, shortened)`;
