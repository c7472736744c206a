/**
 * What is at an output's lock path (`.<name>.lock`), judged without taking
 * the lock: only our own lock may be taken over or removed. Ours is an empty
 * folder (proper-lockfile's lock, made by `mkdir`) or a plain file holding
 * nothing but a process id in decimal, as earlier versions of the tool wrote
 * it. Anything else was put there by someone else and is never waited for,
 * moved or deleted. An empty file is not taken as ours: earlier versions made
 * their lock file and then wrote their id into it, so one killed between
 * could have left it, but so could anyone; it is refused, and the message
 * says when it is safe to delete (`empty-file`).
 */
import { closeSync, lstatSync, openSync, readdirSync, readSync } from 'node:fs';
import type { LockIntruder } from '../core/diagnostics/diagnostic.js';

/** The longest process id an earlier version wrote (2^32 has 10 digits). */
const PID_DIGITS = 10;

/** Whether the text is what an earlier version of the tool wrote into its lock file: a process id (1 to 10 digits). */
export const isOldLockText = (text: string): boolean => new RegExp(`^[0-9]{1,${PID_DIGITS}}$`).test(text);

/**
 * Null when nothing is at `path` or it is a lock of ours; else what is there.
 * A lock removed while it is looked at (its build ended) is nothing.
 */
export function lockIntruder(path: string): LockIntruder | null {
  try {
    return judge(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw e;
  }
}

function judge(path: string): LockIntruder | null {
  const stat = lstatSync(path, { throwIfNoEntry: false });
  if (stat === undefined) return null;
  if (stat.isSymbolicLink()) return 'link';
  if (stat.isDirectory()) return readdirSync(path).length === 0 ? null : 'folder';
  if (!stat.isFile()) return 'other';
  if (stat.size === 0) return 'empty-file';
  return stat.size <= PID_DIGITS && isOldLockText(head(path)) ? null : 'file';
}

function head(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const bytes = Buffer.alloc(PID_DIGITS + 1);
    return bytes.toString('latin1', 0, readSync(fd, bytes, 0, bytes.length, 0));
  } finally {
    closeSync(fd);
  }
}
