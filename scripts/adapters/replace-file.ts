/**
 * Replaces one file of the services folder with new bytes, safely: written
 * whole beside it under a hidden name (which no reader of the folder takes for
 * a service, and no watcher reacts to), with the old file's permission bits,
 * then renamed over it in one step, so that a reader sees the old file or the
 * new one, never half of one. Nothing is written through a symbolic link: the
 * old file is opened without following one, and the rename replaces the entry
 * itself. Just before the rename the old file is read again: when its bytes
 * are no longer the ones the new bytes were made from (an editor saved it
 * meanwhile), the new file is removed and the old one kept.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fchmodSync,
  fstatSync,
  fsyncSync,
  openSync,
  readSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { PathProblem } from '../core/diagnostics/diagnostic.js';
import { pathProblem } from './path-errors.js';

/** What became of a replacement: done, refused because the file changed since it was read, or failed. */
export type Replaced =
  | { readonly kind: 'replaced' }
  | { readonly kind: 'changed' }
  | { readonly kind: 'failed'; readonly reason: PathProblem | 'not-a-file'; readonly errno: string };

/**
 * Replaces the file `path` (absolute), whose bytes were `read`, with `bytes`
 * (see the module's comment). Never throws for a problem of the file system:
 * it is a `failed` outcome with its errno, and the old file is kept.
 */
export function replaceFile(path: string, read: Uint8Array, bytes: Uint8Array): Replaced {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.fmt`);
  let written = false;
  try {
    const current = currentFile(path);
    if (current === null) return { kind: 'failed', reason: 'not-a-file', errno: 'not a plain file' };
    writeWhole(temporary, bytes, current.mode);
    written = true;
    // The last look before the rename: an editor's save in between keeps the editor's bytes.
    const now = currentFile(path);
    if (now === null) return { kind: 'failed', reason: 'not-a-file', errno: 'not a plain file' };
    if (!Buffer.from(now.bytes).equals(read)) return { kind: 'changed' };
    renameSync(temporary, path);
    written = false;
    return { kind: 'replaced' };
  } catch (e) {
    const errno = (e as NodeJS.ErrnoException).code ?? String(e);
    return { kind: 'failed', reason: pathProblem(errno) ?? 'other', errno };
  } finally {
    if (written) removeQuietly(temporary);
  }
}

/** The file's bytes and permission bits, read without following a link; null when it is not a plain file. */
function currentFile(path: string): { bytes: Uint8Array; mode: number } | null {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ELOOP') return null;
    throw e;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return null;
    const bytes = Buffer.alloc(stat.size + 1);
    let length = 0;
    for (let n = 1; n > 0 && length < bytes.length; length += n)
      n = readSync(fd, bytes, length, bytes.length - length, null);
    return { bytes: bytes.subarray(0, length), mode: stat.mode & 0o7777 };
  } finally {
    closeSync(fd);
  }
}

/** A new file at `path` (which must not exist, and is never a link followed) holding `bytes`, on disk, with `mode`. */
function writeWhole(path: string, bytes: Uint8Array, mode: number): void {
  const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  try {
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
    fchmodSync(fd, mode);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone: nothing to clean.
  }
}
