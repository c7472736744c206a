// The host runtimes the conformance suite runs the built site on, as test
// tools from the npm registry: Cloudflare's (`wrangler pages dev`) and
// Netlify's (`netlify dev --offline`), on the Node 22 they need (the `node`
// package), with Deno on the PATH for Netlify's offline start. Each is an npm
// project of its own in a cache folder outside the tracked files, keyed by its
// pinned version, and installed once: `npm run hosts:install` (CI runs it
// before the tests) installs what is missing and reuses the rest.
//
// HOST_RUNTIMES_DIR names another cache folder (one laid out the same way,
// such as one shared between clones).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The pinned test tools: the folder each is installed in, its npm package and exact version. */
export const HOST_RUNTIME_TOOLS = {
  node22: { pkg: 'node', version: '22.23.3' },
  wrangler: { pkg: 'wrangler', version: '4.164.0' },
  netlify: { pkg: 'netlify-cli', version: '27.10.2' },
  deno: { pkg: 'deno', version: '2.9.6' },
};

/** The cache folder: HOST_RUNTIMES_DIR, or `node_modules/.cache/host-runtimes` of this checkout. */
export function hostRuntimesDir() {
  return process.env.HOST_RUNTIMES_DIR || new URL('../node_modules/.cache/host-runtimes', import.meta.url).pathname;
}

/** The version of `name` installed in the cache, or undefined. */
export function installedVersion(name, dir = hostRuntimesDir()) {
  const { pkg } = HOST_RUNTIME_TOOLS[name];
  const manifest = join(dir, name, 'node_modules', pkg, 'package.json');
  if (!existsSync(manifest)) return undefined;
  return JSON.parse(readFileSync(manifest, 'utf8')).version;
}

/** The tools missing from the cache or installed at another version than the pinned one. */
export function missingTools(dir = hostRuntimesDir()) {
  return Object.keys(HOST_RUNTIME_TOOLS).filter(
    (name) => installedVersion(name, dir) !== HOST_RUNTIME_TOOLS[name].version,
  );
}

/** Paths of the programs the tests run, in the cache folder. */
export function hostRuntimePaths(dir = hostRuntimesDir()) {
  const modules = (name) => join(dir, name, 'node_modules');
  return {
    node: join(modules('node22'), 'node', 'bin', 'node'),
    nodeBin: join(modules('node22'), 'node', 'bin'),
    denoBin: join(modules('deno'), '.bin'),
    wrangler: join(modules('wrangler'), 'wrangler', 'bin', 'wrangler.js'),
    netlify: join(modules('netlify'), 'netlify-cli', 'bin', 'run.js'),
  };
}

/** Installs each missing tool with `npm install --prefix`, from the npm registry; throws on a failed install. */
export function installHostRuntimes(dir = hostRuntimesDir(), log = console.log) {
  for (const name of missingTools(dir)) {
    const { pkg, version } = HOST_RUNTIME_TOOLS[name];
    const prefix = join(dir, name);
    mkdirSync(prefix, { recursive: true });
    log(`installing ${pkg}@${version} into ${prefix}`);
    const args = ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--save-exact', `${pkg}@${version}`];
    const run = spawnSync('npm', args, { stdio: 'inherit', env: { ...process.env, NO_UPDATE_NOTIFIER: '1' } });
    if (run.status !== 0) throw new Error(`npm install of ${pkg}@${version} failed (exit ${run.status})`);
  }
  const left = missingTools(dir);
  if (left.length > 0) throw new Error(`still missing after install: ${left.join(', ')}`);
  log(`host runtimes ready in ${dir}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    installHostRuntimes();
  } catch (e) {
    console.error(`hosts:install: ${e.message}`);
    process.exit(1);
  }
}
