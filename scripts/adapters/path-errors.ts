/**
 * The errors of the file system (errno codes, as Node's `code`) that say a
 * path cannot be used, each with the kind of problem it is: the one table that
 * every refusal of a path (an output, the services folder) reads.
 */
import type { PathProblem } from '../core/diagnostics/diagnostic.js';

/** The errors of the file system that say a path cannot be used, not that the tool is wrong. */
export const PROBLEMS: Readonly<Record<string, PathProblem>> = {
  ENOENT: 'missing',
  ELOOP: 'link-loop',
  EACCES: 'permission',
  EPERM: 'permission',
  EROFS: 'read-only',
  ENOSPC: 'no-space',
  EDQUOT: 'no-space',
  ENAMETOOLONG: 'name-too-long',
  ENOTDIR: 'other',
  EEXIST: 'other',
  EISDIR: 'other',
  ENOTEMPTY: 'other',
  EMLINK: 'other',
  EXDEV: 'other',
};

/** The problem an errno names, or null when it is not one of a path (`PROBLEMS`). */
export const pathProblem = (code: string | undefined): PathProblem | null =>
  code !== undefined && Object.hasOwn(PROBLEMS, code) ? (PROBLEMS[code] as PathProblem) : null;
