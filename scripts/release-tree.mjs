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
//   node scripts/release-tree.mjs DIR            writes the release tree into DIR (missing or empty)
//   node scripts/release-tree.mjs DIR --commit   also commits it, its parent HEAD, on no branch,
//                                                and prints the commit's id (the workflow tags it)
// Run `node scripts/bundle.mjs` first: lib/ must hold this checkout's bundle.
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
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

/**
 * Writes the release tree of `root` into `dir` (made when missing; refused when
 * it holds anything). Returns the paths written, sorted.
 * @param {string} root
 * @param {string} dir
 */
export function writeReleaseTree(root, dir) {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`${dir} is not empty`);
  const packed = packedFiles(root);
  const bin = Object.values(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).bin ?? {});
  for (const file of bin) if (!packed.includes(String(file))) throw new Error(`${file} is missing: bundle first`);
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

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, flag, ...rest] = process.argv.slice(2);
  if (dir === undefined || (flag !== undefined && flag !== '--commit') || rest.length > 0) {
    process.stderr.write('Usage: node scripts/release-tree.mjs DIR [--commit]\n');
    process.exit(2);
  }
  const out = resolve(dir);
  writeReleaseTree(ROOT, out);
  if (flag === '--commit') {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    process.stdout.write(`${commitReleaseTree(ROOT, out, version)}\n`);
  }
}
