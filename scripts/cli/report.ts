import { existsSync, realpathSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { type Diagnostic, hasErrors } from '../core/diagnostic.js';
import { type FormatName, formatters } from '../core/format/index.js';
import type { Report } from '../core/format/types.js';
import { type Io, wantsColor } from './io.js';

/** Prints a report in the chosen format and returns the exit status it implies. */
export function printReport(report: Report, format: FormatName, io: Io): number {
  const workspace = format === 'github' ? workspaceOf(io, report.diagnostics[0]?.file) : '';
  // A working directory outside the repository (`../x`) cannot prefix the paths: they are made relative to the root.
  const outside = workspace === '..' || workspace.startsWith('../');
  const root = outside ? rootOf(io, report.diagnostics[0]?.file) : '';
  const shown = outside ? { ...report, diagnostics: report.diagnostics.map((d) => fromRootOf(io, root, d)) } : report;
  const { out, err } = formatters[format](shown, { color: wantsColor(io), workspace: outside ? '' : workspace });
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
 * nearest folder that holds `.git` (a folder, or a file in worktrees and
 * submodules) at or above the folder of `file` (an annotated file, relative to
 * the working directory: the services folder may lie in another repository
 * than the working directory, `--services ../catalog/services`), else at or
 * above the working directory, else the working directory itself.
 */
export function workspaceOf(io: Io, file?: string): string {
  const rel = relative(rootOf(io, file), real(io.cwd));
  return sep === '/' ? rel : rel.split(sep).join('/');
}

/** A diagnostic whose file is named from `root`. */
function fromRootOf(io: Io, root: string, d: Diagnostic): Diagnostic {
  const rel = relative(root, resolve(real(io.cwd), d.file));
  return { ...d, file: sep === '/' ? rel : rel.split(sep).join('/') };
}

/** The root that annotated files are named from (see `workspaceOf`). */
function rootOf(io: Io, file?: string): string {
  const cwd = real(io.cwd);
  const given = io.env.GITHUB_WORKSPACE;
  if (given !== undefined && given !== '') return real(resolve(io.cwd, given));
  const from = file === undefined ? cwd : real(dirname(resolve(io.cwd, file)));
  return repositoryRoot(from) ?? repositoryRoot(cwd) ?? cwd;
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
