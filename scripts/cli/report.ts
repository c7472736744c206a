import { existsSync, realpathSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { hasErrors } from '../core/diagnostic.js';
import { type FormatName, formatters } from '../core/format/index.js';
import type { Report } from '../core/format/types.js';
import { type Io, wantsColor } from './io.js';

/** Prints a report in the chosen format and returns the exit status it implies. */
export function printReport(report: Report, format: FormatName, io: Io): number {
  const workspace = format === 'github' ? workspaceOf(io) : '';
  const { out, err } = formatters[format](report, { color: wantsColor(io), workspace });
  io.stdout.write(out);
  io.stderr.write(err);
  return hasErrors(report.diagnostics) ? 1 : 0;
}

export function countBySeverity(report: Pick<Report, 'diagnostics'>) {
  const errors = report.diagnostics.filter((d) => d.severity === 'error').length;
  return { errors, warnings: report.diagnostics.length - errors };
}

/**
 * The working directory's path from the root GitHub names annotated files by,
 * with `/`: `$GITHUB_WORKSPACE` when set (as in GitHub Actions), else the
 * nearest folder at or above the working directory that holds `.git` (a folder,
 * or a file in worktrees and submodules), else the working directory itself.
 */
export function workspaceOf(io: Io): string {
  const cwd = real(io.cwd);
  const given = io.env.GITHUB_WORKSPACE;
  const root = given !== undefined && given !== '' ? real(resolve(io.cwd, given)) : (repositoryRoot(cwd) ?? cwd);
  const rel = relative(root, cwd);
  return sep === '/' ? rel : rel.split(sep).join('/');
}

function repositoryRoot(from: string): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return null;
  }
}

/** The path with links resolved, so that a linked working directory compares with the root; as given if it does not exist. */
function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
