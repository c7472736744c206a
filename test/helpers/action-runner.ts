/**
 * Runs the composite action of action.yml as the GitHub runner would, on a
 * local repository: each step's `if:` and `env:` expressions evaluated, each
 * `shell: bash` step run with bash's flags on the runner (`--noprofile --norc
 * -eo pipefail`), outputs read from `$GITHUB_OUTPUT`, the github-script step
 * run against a fake of the GitHub API. Steps that only set up the runner
 * (Node.js, the install from the registry, the cache) are replaced by a
 * `user-services` on PATH that runs the bundled command line of this checkout.
 * With `install`, the install step runs for real (npm against the registry
 * and prefix `install.env` names), from the action's folder `install.actionPath`.
 * Folders a step appends to `$GITHUB_PATH` come first on the PATH of the next.
 * An expression this runner does not know fails the test: a change to the
 * action's expressions must come with a change here.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CLI, ROOT } from './cli.js';
import type { Action, Step } from './workflows.js';

/** The steps replaced by the `user-services` on PATH (they reach the network or GitHub's cache). */
export const SETUP_STEPS = ['Set up Node.js', 'Install user-services', 'Restore the analysis cache'];

export interface PullRequestEvent {
  readonly baseRef: string;
  readonly labels: readonly string[];
  /** Whether the pull request comes from a branch of the same repository (not a fork). */
  readonly sameRepository: boolean;
}

/** The install step run for real: the action's folder and the environment of npm (prefix, cache, registry, PATH). */
export interface RealInstall {
  readonly actionPath: string;
  readonly env: Record<string, string>;
}

export interface ActionRun {
  /** The exit status of the action: that of its first failing step, else 0. */
  readonly status: number;
  /** The names of the steps that ran, in order. */
  readonly ran: string[];
  /** What the bash steps printed, standard output and error, in order. */
  readonly log: string;
  readonly summary: string;
  readonly outputs: Record<string, Record<string, string>>;
}

interface Scope {
  inputs: Record<string, string>;
  outputs: Record<string, Record<string, string>>;
  event: PullRequestEvent;
}

/** Evaluates one expression of the action (the text between `${{` and `}}`). */
export function evaluate(expression: string, scope: Scope): string {
  const e = expression.trim();
  const terms = e.split(' && ');
  if (terms.length > 1) return String(terms.every((t) => evaluate(t, scope) === 'true'));
  const compare = /^(.+?) (==|!=) '([^']*)'$/.exec(e);
  if (compare !== null) {
    const equal = evaluate(compare[1] as string, scope) === compare[3];
    return String(compare[2] === '==' ? equal : !equal);
  }
  let m = /^inputs\.([\w-]+)$/.exec(e);
  if (m !== null) return scope.inputs[m[1] as string] ?? '';
  m = /^steps\.(\w+)\.outputs\.(\w+)$/.exec(e);
  if (m !== null) return scope.outputs[m[1] as string]?.[m[2] as string] ?? '';
  m = /^contains\(github\.event\.pull_request\.labels\.\*\.name, inputs\.([\w-]+)\)$/.exec(e);
  if (m !== null) return String(scope.event.labels.includes(scope.inputs[m[1] as string] ?? ''));
  if (e === 'github.base_ref') return scope.event.baseRef;
  if (e === 'github.event.pull_request.head.repo.full_name == github.repository') {
    return String(scope.event.sameRepository);
  }
  throw new Error(`the test runner does not know the expression ${e}`);
}

/** A value of `env:` or `with:`: plain text, or text with `${{ }}` expressions in it. */
const expand = (value: unknown, scope: Scope): string =>
  String(value).replace(/\$\{\{(.*?)\}\}/g, (_, inner: string) => evaluate(inner, scope));

const condition = (step: Step, scope: Scope): boolean =>
  step.if === undefined || evaluate(step.if.replace(/^\$\{\{(.*)\}\}$/, '$1'), scope) === 'true';

/** A folder holding a `user-services` that runs this checkout's bundled command line. */
function shim(temp: string): string {
  const bin = join(temp, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'user-services'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(join(bin, 'user-services'), 0o755);
  return bin;
}

function readOutputs(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '');
  return Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

/**
 * Runs `action` with `inputs` (defaults filled in from action.yml) in the
 * repository `cwd`; `temp` is the runner's temporary folder; `github` a fake
 * of the API (helpers/workflows.ts, fakeGitHub).
 */
export async function runAction(
  action: Action,
  given: Record<string, string>,
  options: { cwd: string; temp: string; event: PullRequestEvent; github: unknown; install?: RealInstall },
): Promise<ActionRun> {
  const defaults = Object.entries(action.inputs).map(([k, v]) => [k, v.default ?? ''] as const);
  const inputs = { ...Object.fromEntries(defaults), ...given };
  const scope: Scope = { inputs, outputs: {}, event: options.event };
  const summaryFile = join(options.temp, 'summary.md');
  const { install } = options;
  const skipped = install === undefined ? SETUP_STEPS : SETUP_STEPS.filter((s) => s !== 'Install user-services');
  const pathFile = join(options.temp, 'path');
  let path = install === undefined ? `${shim(options.temp)}:${process.env.PATH}` : (install.env.PATH ?? '');
  const ran: string[] = [];
  let log = '';
  for (const step of action.runs.steps) {
    const name = step.name ?? '';
    if (skipped.includes(name) || !condition(step, scope)) continue;
    ran.push(name);
    const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(v, scope)]));
    const env = {
      ...(process.env as Record<string, string>),
      ...install?.env,
      PATH: path,
      RUNNER_TEMP: options.temp,
      GITHUB_ACTION_PATH: install?.actionPath ?? ROOT,
      GITHUB_PATH: pathFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_OUTPUT: join(options.temp, 'output'),
      ...stepEnv,
    };
    rmSync(env.GITHUB_OUTPUT, { force: true });
    let status = 0;
    if (step.uses === 'actions/github-script@v7') {
      await githubScript(String(step.with?.script), env, options.github);
    } else {
      const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run ?? ''], {
        cwd: options.cwd,
        env,
        encoding: 'utf8',
      });
      log += r.stdout + r.stderr;
      status = r.status ?? 128;
    }
    if (step.id !== undefined) scope.outputs[step.id] = readOutputs(env.GITHUB_OUTPUT);
    if (existsSync(pathFile)) {
      const added = readFileSync(pathFile, 'utf8')
        .split('\n')
        .filter((l) => l !== '');
      path = [...added.reverse(), path].join(':');
      rmSync(pathFile);
    }
    if (status !== 0) return { status, ran, log, summary: readIfThere(summaryFile), outputs: scope.outputs };
  }
  return { status: 0, ran, log, summary: readIfThere(summaryFile), outputs: scope.outputs };
}

const readIfThere = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : '');

/** The github-script step: its script with `require`, `github`, `context` and the step's environment. */
async function githubScript(script: string, env: Record<string, string>, github: unknown): Promise<void> {
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;
  const context = { repo: { owner: 'o', repo: 'r' }, issue: { number: 7 } };
  await new AsyncFunction('require', 'github', 'context', 'process', script)(
    createRequire(import.meta.url),
    github,
    context,
    { env },
  );
}
