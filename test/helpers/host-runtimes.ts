/**
 * Cloudflare's and Netlify's own runtimes on loopback, offline, serving a
 * built folder: `wrangler pages dev` and `netlify dev --offline`, run by the
 * Node 22 of the test tools (`scripts/host-runtimes.mjs` installs them:
 * `npm run hosts:install`). Each runs from a temporary folder that is also its
 * HOME (both write state there), with telemetry and network calls off, and
 * is stopped with its whole process group (wrangler's workerd outlives it).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { hostRuntimePaths, hostRuntimesDir, missingTools } from '../../scripts/host-runtimes.mjs';
import { freePort, type Running } from './program.js';

export type HostRuntime = 'wrangler' | 'netlify';

/**
 * Whether the runtimes' tests run: they skip, saying why, when a tool is not
 * installed, except under REQUIRE_INTEGRATION=1 (CI), where that fails them.
 */
export function hostRuntimesAvailable(): boolean {
  const missing = missingTools();
  if (missing.length === 0 || process.env.REQUIRE_INTEGRATION === '1') return true;
  console.warn(
    `skipping the Cloudflare and Netlify runtimes: ${missing.join(', ')} not installed in ${hostRuntimesDir()} ` +
      '(npm run hosts:install installs them; REQUIRE_INTEGRATION=1 makes this fail)',
  );
  return false;
}

/** The Cloudflare Pages compatibility date the runtime is started with (no later than its workerd knows). */
export const COMPATIBILITY_DATE = '2026-11-17';

function command(kind: HostRuntime, site: string, port: number, cwd: string): string[] {
  const tools = hostRuntimePaths();
  if (kind === 'netlify') {
    return [tools.netlify, 'dev', '--offline', '--dir', site, '--port', String(port), '--no-open', '--skip-gitignore'];
  }
  return [
    tools.wrangler,
    ...['pages', 'dev', site, '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', '0'],
    ...['--compatibility-date', COMPATIBILITY_DATE, '--persist-to', join(cwd, 'state')],
    '--show-interactive-dev-session=false',
  ];
}

const READY: Record<HostRuntime, (port: number) => string> = {
  wrangler: (port) => `Ready on http://127.0.0.1:${port}`,
  netlify: () => 'Local dev server ready',
};

function environment(cwd: string): NodeJS.ProcessEnv {
  const tools = hostRuntimePaths();
  return {
    ...process.env,
    PATH: `${tools.denoBin}:${tools.nodeBin}:${process.env.PATH ?? ''}`,
    HOME: cwd,
    XDG_CONFIG_HOME: join(cwd, '.config'),
    CI: 'true',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    BROWSER: 'none',
    NO_UPDATE_NOTIFIER: '1',
    DO_NOT_TRACK: '1',
    WRANGLER_SEND_METRICS: 'false',
    WRANGLER_SEND_ERROR_REPORTS: 'false',
    WRANGLER_HIDE_BANNER: 'true',
    // Else wrangler fetches workers.cloudflare.com/cf.json at start.
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    WRANGLER_LOG_PATH: join(cwd, 'wrangler-logs'),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function portOpen(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) }).then((r) => r.arrayBuffer());
    return true;
  } catch {
    return false;
  }
}

/** Signals the child's process group (it leads one: started detached); no-op when it is gone. */
const signalGroup = (child: ChildProcess, signal: NodeJS.Signals) => {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch {}
};

/**
 * Starts a runtime on `site` and waits for its readiness line and a first
 * answer (90 s at most); `work` holds its working folder. The error names
 * the runtime's output.
 */
export async function startHostRuntime(kind: HostRuntime, site: string, work: string): Promise<Running> {
  const cwd = join(work, `${kind}-run`);
  mkdirSync(cwd, { recursive: true });
  const port = await freePort();
  const args = command(kind, site, port, cwd);
  const child = spawn(hostRuntimePaths().node, args, { cwd, env: environment(cwd), detached: true, stdio: 'pipe' });
  let log = '';
  child.stdout?.on('data', (d) => {
    log += d;
  });
  child.stderr?.on('data', (d) => {
    log += d;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    signalGroup(child, 'SIGTERM');
    const kill = setTimeout(() => signalGroup(child, 'SIGKILL'), 10_000);
    if (child.exitCode === null && child.signalCode === null) await exited;
    clearTimeout(kill);
    // The runtime's own children may outlive it by a second or two.
    for (let i = 0; i < 50 && (await portOpen(port)); i++) await sleep(100);
  };
  const deadline = Date.now() + 90_000;
  while (!(log.includes(READY[kind](port)) && (await portOpen(port)))) {
    if (child.exitCode !== null) throw new Error(`${kind} exited early:\n${log}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${kind} was not ready within 90 s:\n${log}`);
    }
    await sleep(200);
  }
  return { origin: `http://127.0.0.1:${port}`, stop };
}
