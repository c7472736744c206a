// The release tree: what a release tag points to, so that whoever pins the tag
// runs the built tool without building it. pre-commit's node language runs
// `npm install` (devDependencies included) in the hook's repository at the pinned
// rev, then `npm pack` and a global install of the tarball; a GitHub Action runs
// from its repository at the ref in `uses:`. So the release tree holds:
//   - the package's files exactly as `npm pack` ships them (lib/ bundled, the schema,
//     README, LICENSE), with package.json stripped of devDependencies and of every
//     script that needs what the tree lacks;
//   - action.yml and .pre-commit-hooks.yaml, which make the tag an action and a hook;
//   - CONTRIBUTING.md, which the README and the files `init` writes link to at the tag.
// As JavaScript actions commit their dist/ on release tags.
//
//   node scripts/release-tree.mjs DIR            checks that lib/ is this version's bundle, writes the
//                                                release tree into DIR (missing or an empty folder)
//   node scripts/release-tree.mjs DIR --commit   also commits it, its parent HEAD, on no branch,
//                                                and prints the commit's id (the workflow tags it);
//                                                refused unless the working tree is HEAD's
// A refusal is one line on standard error, exit status 2 (1 when the bundle is not this version).
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Files beside the package's own: the action, the hook, and the guide linked at the tag. */
export const BESIDE_PACKAGE = ['action.yml', '.pre-commit-hooks.yaml', 'CONTRIBUTING.md'];

/** The fields a release's package.json drops: what only a source checkout can use. */
const SOURCE_ONLY = ['devDependencies'];

/**
 * The files `npm pack` ships from `root`, as paths from it (sorted), without
 * running any lifecycle script.
 * @param {string} root
 * @returns {string[]}
 */
export function packedFiles(root) {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
  /** @type {{ files: { path: string }[] }[]} */
  const [info] = JSON.parse(out);
  return info.files.map((f) => f.path).sort();
}

/**
 * Whether a package script works in a tree of `files`: each of its commands
 * (split at `&&`, `||`, `;`) runs `node FILE` with FILE in the tree, or the
 * package's own bin. Anything else (a devDependency's bin, a source file) goes.
 * @param {string} script
 * @param {ReadonlySet<string>} files
 * @param {readonly string[]} bins
 */
export function scriptWorks(script, files, bins) {
  return script.split(/&&|\|\||;/).every((command) => {
    const [program, first] = command.trim().split(/\s+/);
    if (bins.includes(program ?? '')) return true;
    return program === 'node' && files.has((first ?? '').replace(/^\.\//, ''));
  });
}

/**
 * package.json as released: no devDependencies, and only the scripts that work
 * in the release tree (none today), so that installing it installs nothing else
 * and runs nothing.
 * @param {Record<string, any>} manifest
 * @param {ReadonlySet<string>} files
 */
export function releaseManifest(manifest, files) {
  const released = { ...manifest };
  for (const field of SOURCE_ONLY) delete released[field];
  const bins = Object.keys(manifest.bin ?? {});
  const scripts = Object.entries(manifest.scripts ?? {}).filter(([, s]) => scriptWorks(String(s), files, bins));
  if (scripts.length > 0) released.scripts = Object.fromEntries(scripts);
  else delete released.scripts;
  return released;
}

/** A reason not to release, said in one line: exit status 2, or `status`. */
export class ReleaseRefusal extends Error {
  /** @param {string} message @param {number} [status] */
  constructor(message, status = 2) {
    super(message);
    this.status = status;
  }
}

/**
 * Refuses a `dir` that is not a folder, holds anything, or cannot be made.
 * @param {string} dir
 */
function checkDir(dir) {
  const fail = (/** @type {string} */ why) => new ReleaseRefusal(`${dir} ${why}: give a missing or empty folder`);
  /** @type {import('node:fs').Stats | undefined} */
  let s;
  try {
    s = statSync(dir, { throwIfNoEntry: false });
    if (s === undefined) mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw fail(`cannot be made (${/** @type {NodeJS.ErrnoException} */ (e).code})`);
  }
  if (s !== undefined && !s.isDirectory()) throw fail('is not a folder');
  if (s !== undefined && readdirSync(dir).length > 0) throw fail('is not empty');
}

/**
 * Writes the release tree of `root` into `dir` (made when missing; refused when
 * it is not a folder or holds anything). Returns the paths written, sorted.
 * @param {string} root
 * @param {string} dir
 */
export function writeReleaseTree(root, dir) {
  checkDir(dir);
  const packed = packedFiles(root);
  const bin = Object.values(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).bin ?? {});
  for (const file of bin)
    if (!packed.includes(String(file))) throw new ReleaseRefusal(`${file} is missing: bundle first`);
  const files = [...new Set([...packed, ...BESIDE_PACKAGE])].sort();
  const all = new Set(files);
  for (const file of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    if (file !== 'package.json') copyFileSync(join(root, file), join(dir, file));
  }
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(releaseManifest(manifest, all), null, 2)}\n`);
  return files;
}

/**
 * Refuses (exit status 1) when the bundle's `--version` is not package.json's:
 * a release never ships a lib/ bundled before a version bump. It does not
 * bundle itself: lib/ may be in use by a running tool meanwhile.
 * @param {string} root
 * @param {string} version package.json's
 */
export function bundle(root, version) {
  const bin = join(root, 'lib/user-services.mjs');
  const said = execFileSync(process.execPath, [bin, '--version'], { cwd: root, encoding: 'utf8' }).trim();
  if (said !== version)
    throw new ReleaseRefusal(
      `lib/user-services.mjs says version ${said}, package.json ${version}: the bundle is not this checkout's; run npm run bundle first`,
      1,
    );
}

/**
 * Refuses a working tree that is not HEAD's (a change, staged or not, or a file
 * git does not ignore): the release commit says it is HEAD's.
 * @param {string} root
 */
export function checkClean(root) {
  const status = execFileSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' });
  const paths = status
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3));
  if (paths.length === 0) return;
  const shown = paths.length > 3 ? `${paths.slice(0, 3).join(', ')} and ${paths.length - 3} more` : paths.join(', ');
  throw new ReleaseRefusal(
    `the working tree differs from HEAD (${shown}): the release commit would not be HEAD's; commit or stash the changes first`,
  );
}

/**
 * Commits the tree in `dir` to the repository at `root`, its parent HEAD, on no
 * branch (an index of its own; the checkout is not touched). The commit's dates
 * are HEAD's, so the same source and bundle give the same commit.
 * @param {string} root
 * @param {string} dir
 * @param {string} version
 * @returns {string} the commit's id
 */
export function commitReleaseTree(root, dir, version) {
  const git = (/** @type {string[]} */ args, /** @type {Record<string, string>} */ env = {}, cwd = root) =>
    execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...env } }).trim();
  const head = git(['rev-parse', 'HEAD']);
  const date = git(['log', '-1', '--format=%cI', 'HEAD']);
  const scratch = mkdtempSync(join(tmpdir(), 'user-services-release-'));
  try {
    const env = { GIT_DIR: git(['rev-parse', '--absolute-git-dir']), GIT_INDEX_FILE: join(scratch, 'index') };
    git(['--work-tree', dir, 'add', '--all', '--force', '.'], env, dir);
    const tree = git(['write-tree'], env, dir);
    const message = `Release ${version}: the built package, the action and the hook of ${head}`;
    const dates = { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
    return git(['commit-tree', tree, '-p', head, '-m', message], dates);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * The command line: `DIR [--commit]`; returns the exit status.
 * @param {readonly string[]} args
 */
function main(args) {
  const [dir, flag, ...rest] = args;
  if (dir === undefined || dir === '' || (flag !== undefined && flag !== '--commit') || rest.length > 0) {
    process.stderr.write('Usage: node scripts/release-tree.mjs DIR [--commit]\n');
    return 2;
  }
  const out = resolve(dir);
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  try {
    if (flag === '--commit') checkClean(ROOT);
    checkDir(out);
    bundle(ROOT, version);
    writeReleaseTree(ROOT, out);
    if (flag === '--commit') process.stdout.write(`${commitReleaseTree(ROOT, out, version)}\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof ReleaseRefusal)) throw e;
    process.stderr.write(`release-tree: ${e.message}\n`);
    return e.status;
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
