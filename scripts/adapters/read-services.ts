/**
 * Finds the candidate service files of a folder and reads them. Nothing here
 * judges the input: what cannot be read becomes an entry saying why, and the
 * core reports it.
 */
import { lstat, readFile, readlink } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import fg from 'fast-glob';
import { compareCodePoints } from '../core/diagnostic.js';
import type { Input, InputFile } from '../core/input.js';
import { LIMITS } from '../core/limits.js';

export class MissingFolderError extends Error {}

/** Path as shown to users: relative to the working directory, with `/` on every system. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path) || '.';
  return sep === '/' ? rel : rel.split(sep).join('/');
}

export async function readServices(dir: string, cwd: string): Promise<Input> {
  const stat = await lstat(dir).catch(() => null);
  if (stat === null || !stat.isDirectory()) throw new MissingFolderError(`services folder not found: ${dir}`);
  // Only the folder's own entries: one file per service, no nesting. Folders and
  // links named like service files are listed too, so that they can be reported.
  const names = await fg(['*.yaml', '*.yml'], {
    cwd: dir,
    dot: true,
    onlyFiles: false,
    followSymbolicLinks: false,
    caseSensitiveMatch: false,
  });
  names.sort(compareCodePoints);
  const files = await Promise.all(names.map((name) => readEntry(join(dir, name), displayPath(join(dir, name), cwd))));
  return { dir: displayPath(dir, cwd), files };
}

async function readEntry(abs: string, path: string): Promise<InputFile> {
  try {
    const stat = await lstat(abs);
    if (stat.isSymbolicLink()) return { kind: 'symbolic-link', path, target: await readlink(abs) };
    if (stat.isDirectory()) return { kind: 'directory', path };
    if (!stat.isFile()) return { kind: 'other', path };
    if (stat.size > LIMITS.maxFileBytes) return { kind: 'too-large', path, size: stat.size };
    return { kind: 'file', path, bytes: await readFile(abs) };
  } catch (e) {
    return { kind: 'unreadable', path, reason: (e as NodeJS.ErrnoException).code ?? String(e) };
  }
}
