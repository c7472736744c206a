/**
 * Whether the working directory, as Node.js names it, is the folder the
 * process works in. Node decodes the path the kernel gives as UTF-8 and puts
 * U+FFFD for every byte that is not: a folder whose path is not valid UTF-8
 * then has a name that leads to another folder, or to none, and every path
 * resolved from it (`dist/`, `services/`, init's folder) would miss.
 */
import { statSync } from 'node:fs';

/** Why the working directory cannot be used: `'gone'` when it no longer exists, `'misnamed'` when its name leads elsewhere. */
export type WorkingFolderProblem = 'gone' | 'misnamed';

/**
 * Compares the folder `named` (Node's name of the working directory, from
 * `process.cwd()`, or null when that failed) with `.` by device and inode.
 * Returns null when they are the same folder.
 */
export function workingFolderProblem(named: string | null): WorkingFolderProblem | null {
  const here = statSync('.', { bigint: true, throwIfNoEntry: false });
  if (here === undefined || named === null) return 'gone';
  const there = statSync(named, { bigint: true, throwIfNoEntry: false });
  return there !== undefined && there.dev === here.dev && there.ino === here.ino ? null : 'misnamed';
}

/** What the command line says for each problem, after `user-services: `. */
export const WORKING_FOLDER_MESSAGES: Readonly<Record<WorkingFolderProblem, (named: string) => string>> = {
  gone: () =>
    'the working directory no longer exists, so no path can be resolved from it; change to an existing folder and run the command again',
  misnamed: (named) =>
    `the path of the working directory is not valid UTF-8 (it reads as ${JSON.stringify(named)}, which names another folder or none), so every path resolved from it would miss; run user-services from a folder whose path is valid UTF-8, nothing was written`,
};
