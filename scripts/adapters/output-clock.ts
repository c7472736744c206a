/**
 * The modification times of published files, chosen so that a host never
 * gives new bytes the validator of old ones. nginx derives a file's ETag from
 * its modification time in whole seconds and its size (`"%xT-%xO"`, in
 * `ngx_http_set_etag`), Caddy from the same two (`calculateEtag` in its
 * file server), and both answer 304 to a client holding that ETag.
 *
 * So each output keeps a clock in its manifest: the latest whole second any
 * of its builds gave a file it wrote, carried from build to build. A build
 * that writes waits, before writing, until the clock is past that second
 * (at most about a second, and only when builds follow each other within
 * one), so every file it writes has a later second than every file any
 * earlier build wrote at any path, deleted since or not; and no time is ever
 * set ahead of the clock.
 */
import type { FileRecord, Manifest } from './site-manifest.js';

/** How far after a second boundary writing starts (ms): the file system's coarse clock may lag by a tick. */
const MARGIN_MS = 20;
/**
 * The longest a build waits for its clock (ms). A clock stepped back (NTP, a
 * restored machine) leaves recorded seconds far ahead: those are not waited for.
 */
const MAX_WAIT_MS = 2_500;

const secondOf = (ms: number): number => Math.floor(ms / 1000);

/**
 * The latest second a file of the output was given, as known: the manifest's
 * clock, the times of the files it lists, and `shown`, the times (ms) of
 * files published there that the build did not write (changed by hand).
 */
export function lastSecond(manifest: Manifest, shown: Iterable<number>): number {
  let last = manifest.clock;
  for (const record of manifest.files.values()) last = Math.max(last, secondOf(record.mtimeMs));
  for (const ms of shown) last = Math.max(last, secondOf(ms));
  return last;
}

/**
 * Waits until the clock is past `second` (seconds since the epoch), when
 * that takes at most `MAX_WAIT_MS`; returns the latest second the clock is
 * now known to be past, which is `second` unless it lay too far ahead.
 */
export async function passSecond(second: number): Promise<number> {
  const wait = (second + 1) * 1000 + MARGIN_MS - Date.now();
  if (wait > MAX_WAIT_MS) return secondOf(Date.now()) - 1;
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  return second;
}

/** The clock to record after a build: `before` or the latest second of a file it holds, whichever is later. */
export function clockAfter(before: number, records: Iterable<FileRecord>): number {
  let last = before;
  for (const record of records) last = Math.max(last, secondOf(record.mtimeMs));
  return last;
}
