/**
 * Reads the services folder as it is at a git revision, without touching the
 * working tree or the index: `git ls-tree` lists the folder, `git cat-file
 * --batch` reads the blobs. The result has the shape `read-services.ts` gives,
 * with the same paths, so that the core analyzes both sides the same way.
 */
import { spawn } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import { isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { compareCodePoints } from '../core/diagnostics/diagnostic.js';
import {
  type EntryType,
  entryRole,
  type Input,
  type InputFile,
  isRead,
  type KindPlace,
  kindFolders,
} from '../core/reading/input.js';
import { LIMITS } from '../core/reading/limits.js';
import { displayPath } from './read-services.js';

/**
 * A revision that git cannot read, or no git at all: a mistake in `diff
 * --base`'s command line (`message` names the option), a commit left out for
 * the history (`reason` says why without naming an option). `notAFolder`:
 * git read the commit whole and the services folder is a file, a link or a
 * submodule there; otherwise git could not read it (no git, an object
 * missing from the clone), and what it held is unknown.
 */
export class GitRevisionError extends Error {
  constructor(
    message: string,
    readonly reason: string = message,
    readonly notAFolder = false,
  ) {
    super(message);
  }
}

export interface GitResult {
  readonly status: number;
  readonly stdout: Buffer;
  readonly stderr: string;
}

export type Env = Readonly<Record<string, string | undefined>>;

/** Runs git in `cwd` without optional locks; resolves with its status and output, rejects when it cannot start. */
export function git(args: readonly string[], cwd: string, env: Env, stdin: string | null = null): Promise<GitResult> {
  return new Promise((done, fail) => {
    // No optional locks: a read must never refresh or rewrite the index.
    const child = spawn('git', args, {
      cwd,
      env: { ...env, GIT_OPTIONAL_LOCKS: '0' },
      stdio: [stdin === null ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (d: Buffer) => out.push(d));
    child.stderr?.on('data', (d: Buffer) => err.push(d));
    child.on('error', fail);
    child.on('close', (status) =>
      done({ status: status ?? 1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8').trim() }),
    );
    if (child.stdin !== null) {
      // A git that exits early closes the pipe; its status says what went wrong.
      child.stdin.on('error', () => {});
      child.stdin.end(stdin);
    }
  });
}

/**
 * Runs git for a read of a revision; its result when git exits with 0, else a
 * `GitRevisionError` whose reason is git's first line of errors, after `what`.
 */
async function gitRead(
  args: readonly string[],
  cwd: string,
  env: Env,
  what: string,
  stdin: string | null = null,
): Promise<GitResult> {
  const refuse = (reason: string) => new GitRevisionError(`${what}: ${reason}`, reason);
  const r = await git(args, cwd, env, stdin).catch((e: NodeJS.ErrnoException) => {
    throw refuse(e.code === 'ENOENT' ? 'git is not installed' : e.message);
  });
  if (r.status !== 0) throw refuse(r.stderr.split('\n')[0] || `git ${args[0]} failed with status ${r.status}`);
  return r;
}

const gitText = async (args: readonly string[], cwd: string, env: Env, what: string): Promise<string> =>
  (await gitRead(args, cwd, env, what)).stdout.toString('utf8').trim();

/**
 * The services folder `servicesDir` (relative to `cwd`) as it is at `revision`
 * of the repository holding `cwd`, read with `git ls-tree` and `git cat-file`,
 * as an `Input`, with the files of each sub-folder that is a kind's folder
 * among `kinds`, as `readServices` reads the working tree. Throws `GitRevisionError` when git is missing, `revision`
 * starts with `-` or names nothing, or the folder is not in it.
 */
export async function readServicesAtRevision(
  revision: string,
  servicesDir: string,
  cwd: string,
  env: Env,
  kinds: readonly KindPlace[],
): Promise<Input> {
  const what = `cannot read --base ${JSON.stringify(revision)} as a folder or a git revision`;
  const refuse = (reason: string) => new GitRevisionError(`${what}: ${reason}`, reason);
  if (revision.startsWith('-')) throw refuse('it starts with "-"');
  const top = await gitText(['rev-parse', '--show-toplevel'], cwd, env, what);
  const commit = await gitText(['rev-parse', '--verify', '--quiet', `${revision}^{commit}`], cwd, env, what).catch(
    () => {
      throw refuse('no such folder, and git knows no such revision');
    },
  );
  const dir = resolve(cwd, servicesDir);
  const inRepo = await repoPath(top, dir, cwd);
  if (inRepo === null) throw refuse(`the services folder ${dir} is outside the repository ${top}`);
  const kind = await entryAt(commit, inRepo, top, env);
  if (kind !== 'directory' && kind !== null) {
    const reason = `the services folder ${displayPath(dir, cwd)} ${NOT_A_FOLDER[kind]}`;
    throw new GitRevisionError(`--base ${JSON.stringify(revision)}: ${reason}`, reason, true);
  }
  const { services, ignored } = await listFolder(commit, inRepo, top, env);
  const pathOf = (name: string) => displayPath(join(dir, name), cwd);
  const files = await readEntries(services, top, env, pathOf);
  const folders = kindFolders(kinds);
  const subs = ignored.filter((e) => e.mode === '040000' && folders.has(e.name));
  const others = ignored.filter((e) => !subs.includes(e)).map((e) => ({ path: pathOf(e.name), type: typeOf(e) }));
  for (const sub of subs) {
    const configKind = folders.get(sub.name) as string;
    const listed = await listFolder(commit, inRepo === '' ? sub.name : `${inRepo}/${sub.name}`, top, env, true);
    const subPath = (name: string) => pathOf(`${sub.name}/${name}`);
    files.push(...(await readEntries(listed.services, top, env, subPath)).map((f) => ({ ...f, configKind })));
    others.push(...listed.ignored.map((e) => ({ path: subPath(e.name), type: typeOf(e) })));
  }
  return { dir: displayPath(dir, cwd), files, ignored: others };
}

/**
 * The path of folder `dir` (absolute) inside the repository whose top level
 * is `top`, with `/` (`''` for the top level itself), or null when it lies
 * outside. Links are resolved on both sides, as git resolves the top level;
 * a folder that does not exist is placed under the working directory
 * `cwd`, resolved. Outside means a first segment `..`: a folder named
 * `..svc` lies inside.
 */
export async function repoPath(top: string, dir: string, cwd: string): Promise<string | null> {
  const real = await realpath(dir).catch(async () => join(await realpath(cwd), relative(cwd, dir)));
  const rel = relative(await realpath(top), real);
  const parts = rel.split(sep);
  if (isAbsolute(rel) || parts[0] === '..') return null;
  return parts.join('/');
}

/** Why an entry at a revision is no services folder, as the folder reader says it of the working tree. */
const NOT_A_FOLDER: Record<Exclude<EntryType, 'directory'>, string> = {
  file: 'is not a folder at that revision (a file)',
  'symbolic-link': 'is a symbolic link at that revision, which is not followed',
  other: 'is not a folder at that revision',
};

/**
 * What the tree of `commit` holds at `path` (from the repository root, `/`
 * separated; `''` the root): a folder, a file, a link, or null when nothing
 * is there (a catalog's first pull request: its base has no services folder
 * yet). A submodule counts as another kind: its files are not in this tree.
 */
async function entryAt(commit: string, path: string, top: string, env: Env): Promise<EntryType | null> {
  if (path === '') return 'directory';
  const r = await gitRead(
    ['--literal-pathspecs', 'ls-tree', '-z', '--full-tree', commit, '--', path],
    top,
    env,
    `cannot list ${path}`,
  );
  const line = r.stdout.toString('utf8').split('\0')[0] ?? '';
  if (line === '') return null;
  const mode = line.split(' ')[0] ?? '';
  if (mode === '040000') return 'directory';
  if (mode === '120000') return 'symbolic-link';
  return isBlob(mode) ? 'file' : 'other';
}

interface TreeEntry {
  readonly mode: string;
  readonly object: string;
  readonly size: number;
  readonly name: string;
}

/**
 * The folder's entries at the commit that are not hidden, sorted by name: the
 * same rule as the folder reader's (`sub`: a kind's sub-folder).
 */
async function listFolder(
  commit: string,
  folder: string,
  top: string,
  env: Env,
  sub = false,
): Promise<{ services: TreeEntry[]; ignored: TreeEntry[] }> {
  const spec = folder === '' ? [] : ['--', `${folder}/`];
  const r = await gitRead(
    ['--literal-pathspecs', 'ls-tree', '-z', '-l', '--full-tree', commit, ...spec],
    top,
    env,
    `cannot list ${folder}`,
  );
  const entries = r.stdout
    .toString('utf8')
    .split('\0')
    .filter((line) => line !== '')
    .map((line) => {
      const tab = line.indexOf('\t');
      const [mode = '', , object = '', size = ''] = line.slice(0, tab).split(/ +/);
      return { mode, object, size: Number.parseInt(size, 10) || 0, name: posix.basename(line.slice(tab + 1)) };
    });
  entries.sort((a, b) => compareCodePoints(a.name, b.name));
  return {
    services: entries.filter((e) => isRead(entryRole(e.name, sub))),
    ignored: entries.filter((e) => entryRole(e.name, sub) === 'ignored'),
  };
}

/** What a checkout makes of a tree entry: a blob a file, a tree or a submodule a folder, 120000 a link. */
function typeOf(e: TreeEntry): EntryType {
  if (e.mode === '120000') return 'symbolic-link';
  if (e.mode === '040000' || e.mode === '160000') return 'directory';
  return isBlob(e.mode) ? 'file' : 'other';
}

async function readEntries(
  entries: readonly TreeEntry[],
  top: string,
  env: Env,
  pathOf: (name: string) => string,
): Promise<InputFile[]> {
  const wanted = entries.filter((e) => isBlob(e.mode) && (e.mode === '120000' || e.size <= LIMITS.maxFileBytes));
  const blobs = await catFiles(
    wanted.map((e) => e.object),
    top,
    env,
  );
  return entries.map((e): InputFile => {
    const path = pathOf(e.name);
    const type = typeOf(e);
    if (type === 'directory' || type === 'other') return { kind: type, path };
    if (e.mode === '120000')
      return { kind: 'symbolic-link', path, target: blobs.get(e.object)?.toString('utf8') ?? '' };
    if (e.size > LIMITS.maxFileBytes) return { kind: 'too-large', path, size: e.size };
    const bytes = blobs.get(e.object);
    return bytes === undefined
      ? { kind: 'unreadable', path, reason: 'missing git object' }
      : { kind: 'file', path, bytes };
  });
}

const isBlob = (mode: string): boolean => mode === '100644' || mode === '100755' || mode === '120000';

/** Object id to content, read in one `git cat-file --batch` run. */
async function catFiles(objects: readonly string[], top: string, env: Env): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  if (objects.length === 0) return out;
  const what = 'cannot read the service files from git';
  const r = await gitRead(['cat-file', '--batch'], top, env, what, `${objects.join('\n')}\n`);
  let at = 0;
  while (at < r.stdout.length) {
    const eol = r.stdout.indexOf(0x0a, at);
    const [object = '', type = '', size = ''] = r.stdout.subarray(at, eol).toString('utf8').split(' ');
    if (type === 'missing' || eol < 0) throw new GitRevisionError(`git object ${object} is missing from this clone`);
    const length = Number.parseInt(size, 10);
    out.set(object, Buffer.from(r.stdout.subarray(eol + 1, eol + 1 + length)));
    at = eol + 1 + length + 1;
  }
  return out;
}
