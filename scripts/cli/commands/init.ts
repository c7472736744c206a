import type { Stats } from 'node:fs';
import { lstat, mkdir, readdir, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { currentBranch } from '../../adapters/git-branch.js';
import { PROBLEMS } from '../../adapters/path-errors.js';
import { displayPath } from '../../adapters/read-services.js';
import { type Diagnostic, error } from '../../core/diagnostics/diagnostic.js';
import { formatters } from '../../core/diagnostics/format/index.js';
import { entryRole } from '../../core/reading/input.js';
import { DEFAULT_BRANCH, shellWord } from '../branch.js';
import type { Command } from '../command.js';
import { type Io, UsageError } from '../io.js';
import { type PositionalDecl, usageOf } from '../option-decls.js';
import { parseOptions } from '../options.js';
import { EXAMPLE_FILE, SERVICES_FOLDER, scaffold } from '../scaffold.js';

const POSITIONALS: readonly PositionalDecl[] = [
  {
    name: 'DIR',
    optional: true,
    meaning:
      'the folder of the new catalog repository, made when missing; none of the files init writes may exist in it (default: the working directory)',
  },
];

export const init: Command = {
  summary: 'start a catalog repository: package.json, an example service, workflows, editor and pre-commit set-up',
  usage: usageOf('init', [], POSITIONALS),
  options: [],
  positionals: POSITIONALS,
  examples: ['user-services init', 'user-services init our-user-services'],
  async run(args, io) {
    const { positionals } = parseOptions(args, [], 1);
    // An empty DIR is no folder; resolving it would quietly mean the working directory.
    if (positionals[0] === '')
      throw new UsageError('DIR is empty: give a folder, or leave DIR out for the working directory');
    const given = positionals[0] ?? '.';
    const root = resolve(io.cwd, given);
    const shown = (path: string) => displayPath(join(root, path), io.cwd);
    const unusable = await folderProblem(root, given);
    if (unusable !== null) return refuse(io, [unusable], 2);
    // An example beside services of the operator's own could clash with one of them (instance or technical name).
    const services = await serviceFileCount(root);
    const branch = currentBranch(root) ?? DEFAULT_BRANCH;
    const files = new Map(scaffold(branch));
    if (services > 0) files.delete(EXAMPLE_FILE);
    const taken = await takenPaths(root, [...files.keys()], shown);
    if (taken.length > 0) return refuse(io, taken, 1);
    const failure = await writeAll(root, files);
    if (failure !== null) {
      const code = (failure as NodeJS.ErrnoException).code ?? '';
      // Someone made one of the files meanwhile: as if it had been there; else the folder cannot be written.
      if (code === 'EEXIST') return refuse(io, await takenPaths(root, [...files.keys()], shown), 1);
      return refuse(io, [folderError(given, code)], 2);
    }
    for (const path of files.keys()) io.stdout.write(`${shown(path)}\n`);
    const where = given === '.' ? '' : ` in ${displayPath(root, io.cwd)}`;
    const kept =
      services === 0
        ? ''
        : `; ${shown(SERVICES_FOLDER)} holds ${services} service file${services === 1 ? '' : 's'} already, so no example was written`;
    const published = branch === DEFAULT_BRANCH ? '' : `; the workflows publish the branch ${branch} (the current one)`;
    const enter = root === resolve(io.cwd) ? '' : `cd ${shellWord(displayPath(root, io.cwd))}, then `;
    io.stderr.write(
      `init: ${files.size} files written${where}${kept}${published}; next: ${enter}npm install, then npm run check\n`,
    );
    return 0;
  },
};

const at = (file: string) => ({ file, line: 1, column: 1 });

function folderError(folder: string, errno: string): Diagnostic {
  const reason = errno === 'ENOTDIR' ? 'below-a-file' : (PROBLEMS[errno] ?? 'other');
  return error('init-folder-unusable', at(folder), { folder, reason, errno });
}

/** Why the folder cannot hold the repository: it is not a folder, or the file system refuses it; null when usable or missing. */
async function folderProblem(root: string, given: string): Promise<Diagnostic | null> {
  try {
    if ((await stat(root)).isDirectory()) return null;
    return error('init-folder-unusable', at(given), { folder: given, reason: 'not-a-folder', errno: 'ENOTDIR' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    return code === 'ENOENT' ? null : folderError(given, code);
  }
}

/** How many service files (`entryRole`) the services folder below `root` holds; 0 when there is none or it cannot be listed. */
async function serviceFileCount(root: string): Promise<number> {
  const names = await readdir(join(root, SERVICES_FOLDER)).catch(() => []);
  return names.filter((name) => entryRole(name) === 'service').length;
}

const kindOf = (s: Stats) => (s.isFile() ? 'file' : s.isDirectory() ? 'folder' : s.isSymbolicLink() ? 'link' : 'other');

/**
 * Every path in the way of `files` (paths from `root`): a file, or anything
 * else, where a file goes; anything but a folder where a folder goes. Links
 * are never followed: init writes nothing through a link.
 */
async function takenPaths(root: string, files: readonly string[], shown: (p: string) => string): Promise<Diagnostic[]> {
  const folders = [...new Set(files.flatMap(foldersOf))].sort();
  const look = async (path: string) => lstat(join(root, path)).catch(() => undefined);
  const problems: Diagnostic[] = [];
  for (const folder of folders) {
    const s = await look(folder);
    if (s !== undefined && !s.isDirectory())
      problems.push(
        error('init-file-exists', at(shown(folder)), { path: shown(folder), found: kindOf(s), needed: 'folder' }),
      );
  }
  for (const file of files) {
    const s = await look(file);
    if (s !== undefined)
      problems.push(
        error('init-file-exists', at(shown(file)), { path: shown(file), found: kindOf(s), needed: 'file' }),
      );
  }
  return problems;
}

/** `a/b/c.yml` to `a`, `a/b`. */
function foldersOf(file: string): string[] {
  const parts = file.split('/').slice(0, -1);
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

/**
 * Writes every file, none replacing anything (`wx`); on a failure removes what
 * it wrote and the folders it made, so nothing is left, and returns the error.
 */
async function writeAll(root: string, files: ReadonlyMap<string, string>): Promise<unknown> {
  const written: string[] = [];
  const made: string[] = [];
  try {
    const first = await mkdir(root, { recursive: true });
    if (first !== undefined) made.push(first);
    for (const [path, text] of files) {
      const folder = join(root, dirname(path));
      const created = await mkdir(folder, { recursive: true });
      if (created !== undefined) made.push(created);
      await writeFile(join(root, path), text, { flag: 'wx' });
      written.push(join(root, path));
    }
    return null;
  } catch (e) {
    for (const path of written.reverse()) await rm(path, { force: true });
    // Folders made, newest first: each holds only what this run made, now removed.
    for (const folder of made.reverse()) await rm(folder, { recursive: true, force: true }).catch(() => rmdir(folder));
    return e;
  }
}

function refuse(io: Io, problems: readonly Diagnostic[], status: number): number {
  const summary = { command: 'init', services: 0, errors: problems.length, warnings: 0, seconds: 0 };
  const lines = formatters.text({ diagnostics: problems, summary }, { color: false }).out;
  io.stderr.write(lines);
  return status;
}
