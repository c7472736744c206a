/**
 * Bytes to text. YAML 1.2 allows UTF-16 and UTF-32, but service files are
 * UTF-8 only: editors, diffs and review tools all agree on it. A UTF-8 byte
 * order mark is accepted and dropped.
 */
import { type Diagnostic, error } from '../diagnostics/diagnostic.js';

export type Decoded = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * `bytes` as text (UTF-8, a leading byte order mark dropped), or the
 * diagnostic (`not-utf8`, `utf16-or-utf32`, ...) located at the first bad byte
 * (1-based line and column).
 */
export function decode(path: string, bytes: Uint8Array): Decoded {
  const at = (line: number, column: number) => ({ file: path, line, column });
  const encoding = detectWideEncoding(bytes);
  if (encoding !== null) {
    return { ok: false, diagnostic: error('invalid-encoding', at(1, 1), { encoding }) };
  }
  try {
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, bad));
    const lines = before.split('\n');
    const byte = `0x${(bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, '0')}`;
    const column = (lines.at(-1) ?? '').length + 1;
    return { ok: false, diagnostic: error('invalid-utf8', at(lines.length, column), { byte }) };
  }
}

function detectWideEncoding(b: Uint8Array): 'UTF-16LE' | 'UTF-16BE' | 'UTF-32LE' | 'UTF-32BE' | null {
  if (b[0] === 0x00 && b[1] === 0x00 && b[2] === 0xfe && b[3] === 0xff) return 'UTF-32BE';
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0x00 && b[3] === 0x00) return 'UTF-32LE';
  if (b[0] === 0xfe && b[1] === 0xff) return 'UTF-16BE';
  if (b[0] === 0xff && b[1] === 0xfe) return 'UTF-16LE';
  return null;
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i] ?? 0;
    const need =
      c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      if (((b[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    }
    // Overlong forms, surrogates and values above U+10FFFF.
    const next = b[i + 1] ?? 0;
    if ((c === 0xe0 && next < 0xa0) || (c === 0xed && next > 0x9f)) return i;
    if ((c === 0xf0 && next < 0x90) || (c === 0xf4 && next > 0x8f)) return i;
    i += need + 1;
  }
  return b.length;
}
