import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { type Diagnostic, hasErrors } from '../core/diagnostics/diagnostic.js';
import { type FormatName, formatters } from '../core/diagnostics/format/index.js';
import type { FilesRead, Report } from '../core/diagnostics/format/types.js';
import { type Io, wantsColor } from './io.js';

/** Prints a report in the chosen format and returns the exit status it implies. */
export function printReport(report: Report, format: FormatName, io: Io): number {
  // GitHub names files from the repository's root: each path is made from there once links are
  // resolved (the services folder may be reached through a link, or lie outside the working directory).
  const github = format === 'github';
  const root = github ? rootOf(io, report.diagnostics[0]?.file) : '';
  const folders = new Map<string, string>();
  const shown = github
    ? { ...report, diagnostics: report.diagnostics.map((d) => fromRootOf(io, root, d, folders)) }
    : report;
  const { out, err } = formatters[format](shown, { color: wantsColor(io), workspace: '' });
  io.stdout.write(out);
  io.stderr.write(err);
  return hasErrors(report.diagnostics) ? 1 : 0;
}

export function countBySeverity(report: Pick<Report, 'diagnostics'>) {
  const errors = report.diagnostics.filter((d) => d.severity === 'error').length;
  return { errors, warnings: report.diagnostics.length - errors };
}

/**
 * What a run's summary says it read: `services`, the files of every kind
 * (`total`), and when the run read several kinds (`counts`, by kind name, has
 * more than one), `read`: each kind's count named by its noun (`diff.noun`),
 * in the kinds' order. `kinds` is called only then (with one kind, the
 * summary needs none, and a run the cache answers loads no kind).
 */
export async function filesRead(
  run: { readonly fileCount: number; readonly filesByKind: Readonly<Record<string, number>> },
  kinds: () => Promise<readonly { readonly name: string; readonly diff: { readonly noun: string } }[]>,
): Promise<{ services: number; read?: readonly FilesRead[] }> {
  if (Object.keys(run.filesByKind).length <= 1) return { services: run.fileCount };
  const read = (await kinds()).map((k) => ({ noun: k.diff.noun, count: run.filesByKind[k.name] ?? 0 }));
  return { services: run.fileCount, read };
}

/** A diagnostic whose file is named from `root`, its folder's links resolved (`folders` caches them). */
function fromRootOf(io: Io, root: string, d: Diagnostic, folders: Map<string, string>): Diagnostic {
  const file = resolve(real(io.cwd), d.file);
  const folder = folders.get(dirname(file)) ?? real(dirname(file));
  folders.set(dirname(file), folder);
  const rel = relative(root, join(folder, basename(file)));
  return { ...d, file: sep === '/' ? rel : rel.split(sep).join('/') };
}

/**
 * The root GitHub names annotated files from: `$GITHUB_WORKSPACE` when set
 * (as in GitHub Actions), else the nearest folder that holds `.git` (a folder,
 * or a file in worktrees and submodules) at or above the resolved folder of
 * `file` (an annotated file, relative to the working directory: the services
 * folder may lie in another repository, or be reached through a link), else
 * at or above the working directory, else the working directory itself.
 */
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
