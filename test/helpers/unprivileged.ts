/**
 * Running the command line as a user without privileges, for the tests whose
 * point is a privilege the process lacks (a file it may not read, a port below
 * 1024). Root reads any file and opens any port, so as root those runs drop to
 * "nobody" with `setpriv`; "nobody" may not reach the clone (a clone inside a
 * 0700 folder, as `mktemp -d` makes), so it runs a copy of the bundle in a
 * world-readable temporary folder, and a copy of node when node is out of its
 * reach too.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CLI } from './cli.js';
import { tempDir } from './fs.js';

export const isRoot = process.getuid?.() === 0;
/** Whether a root process can drop to "nobody" here. */
export const canDropPrivileges = !isRoot || spawnSync('setpriv', ['--version']).status === 0;

/** Words that run a command as "nobody" when root, none otherwise. */
export const WRAPPER: readonly string[] = isRoot ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];

/** The program that runs the command line without privileges: `[...wrapper, node, cli]`. */
export interface Unprivileged {
  readonly wrapper: readonly string[];
  readonly node: string;
  readonly cli: string;
}

let made: Unprivileged | undefined;

/**
 * The wrapper, node and bundle to run the command line without privileges
 * (the clone's own when not root). Throws when even the copies cannot be run,
 * saying why, rather than letting a test fail on a path it cannot reach.
 */
export function unprivileged(): Unprivileged {
  if (made !== undefined) return made;
  if (!isRoot) {
    made = { wrapper: [], node: process.execPath, cli: CLI };
    return made;
  }
  const dir = tempDir('user-services-unprivileged-');
  cpSync(dirname(CLI), join(dir, 'lib'), { recursive: true });
  const cli = join(dir, 'lib', basename(CLI));
  let node = process.execPath;
  if (!runs(node, ['--version'])) {
    node = join(dir, 'node');
    copyFileSync(process.execPath, node);
  }
  worldReadable(dir);
  if (!runs(node, [cli, '--version'])) {
    throw new Error(`"nobody" cannot run ${node} ${cli}: is the temporary folder ${dirname(dir)} reachable?`);
  }
  made = { wrapper: WRAPPER, node, cli };
  return made;
}

/** Whether the process that `unprivileged` runs could read the file at `path` (links followed). */
export function readableWithoutPrivileges(path: string): boolean {
  const { node } = unprivileged();
  return runs(node, ['-e', 'require("node:fs").accessSync(process.argv[1], 4)', path]);
}

const runs = (node: string, args: readonly string[]) =>
  spawnSync(WRAPPER[0] ?? node, [...WRAPPER.slice(1), ...(WRAPPER.length > 0 ? [node] : []), ...args], {
    stdio: 'ignore',
  }).status === 0;

/** Folders 0755 and files 0644 (0755 when executable), below and at `dir`. */
function worldReadable(dir: string): void {
  chmodSync(dir, 0o755);
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) worldReadable(path);
    else chmodSync(path, stat.mode & 0o100 ? 0o755 : 0o644);
  }
}
