/**
 * The GitHub Action (action.yml) and this repository's workflows, which use it:
 * linted with actionlint, checked for what they promise (permissions, triggers,
 * Node.js lines), and the action run step by step on local repositories.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { PUBLISH_ARGS, SIGNING_SECRET } from '../../scripts/cli/scaffold-publish.js';
import { actionAsWorkflow, actionlint, PASSED } from '../helpers/actionlint.js';
import { ROOT } from '../helpers/cli.js';
import {
  type Action,
  expr,
  type Job,
  KNOWN_ACTIONS,
  readYaml,
  type Step,
  type Workflow,
} from '../helpers/workflows.js';

const action = readYaml<Action>('action.yml');
const pullRequest = readYaml<Workflow>('.github/workflows/pull-request.yml');
const publish = readYaml<Workflow>('.github/workflows/publish.yml');
const sunset = readYaml<Workflow>('.github/workflows/sunset.yml');
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps);
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** The YAML blocks of CONTRIBUTING.md's publishing section: jobs to paste into a workflow. */
const guideJobs = [...readFileSync(join(ROOT, 'CONTRIBUTING.md'), 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)]
  .map((m) => parseDocument(m[1] ?? '', { uniqueKeys: true }).toJS() as Record<string, Job> | null)
  .filter((doc): doc is Record<string, Job> => doc !== null && typeof doc === 'object' && !Array.isArray(doc))
  .flatMap((doc) => Object.values(doc).filter((j) => Array.isArray(j?.steps)));

describe('actionlint', () => {
  it('passes every workflow and the action', () => {
    const text = (p: string) => readFileSync(join(ROOT, p), 'utf8');
    const lint = actionlint({
      'pull-request.yml': text('.github/workflows/pull-request.yml'),
      'publish.yml': text('.github/workflows/publish.yml'),
      'sunset.yml': text('.github/workflows/sunset.yml'),
      'action.yml': actionAsWorkflow(action),
    });
    expect(lint.output).toBe(PASSED(4));
    expect(lint.status).toBe(0);
  }, 120_000);

  it('reports mistakes in a workflow and in the action at their line and column', () => {
    const broken: Action = {
      ...action,
      runs: {
        ...action.runs,
        steps: [
          ...action.runs.steps,
          { name: 'Typo', shell: 'bash', env: { V: expr('inputs.node_version') }, run: 'true' },
        ],
      },
    };
    const workflow = readFileSync(join(ROOT, '.github/workflows/publish.yml'), 'utf8').replace(
      '          fetch-depth: 0\n',
      '          fetch-depht: 0\n',
    );
    const lint = actionlint({ 'action.yml': actionAsWorkflow(broken), 'publish.yml': workflow });
    const located = lint.output.split('\n').filter((l) => /^\.github\/workflows\/\S+:\d+:\d+ /.test(l));
    const actionLines = actionAsWorkflow(broken).split('\n');
    const typoLine = actionLines.findIndex((l) => l.includes('inputs.node_version')) + 1;
    const typoColumn = (actionLines[typoLine - 1] ?? '').indexOf('inputs.node_version') + 1;
    const checkoutLine = workflow.split('\n').findIndex((l) => l.includes('fetch-depht')) + 1;
    expect(
      located.map((l) => l.replace(/ \[\w+\]$/, '').replace(/(available inputs|in object type) .*/, '$1')),
    ).toEqual([
      `.github/workflows/action.yml:${typoLine}:${typoColumn} property "node_version" is not defined in object type`,
      `.github/workflows/publish.yml:${checkoutLine}:11 input "fetch-depht" is not defined in action "actions/checkout@v4". available inputs`,
    ]);
    expect(lint.status).toBe(1);
  }, 120_000);
});

describe('the workflows and the action', () => {
  const external = (all: Step[]) => all.filter((s) => s.uses !== undefined && s.uses !== './');
  it.each([
    ['pull-request.yml', () => steps(pullRequest)],
    ['publish.yml', () => steps(publish)],
    ['sunset.yml', () => steps(sunset)],
    ['action.yml', () => action.runs.steps],
    ['CONTRIBUTING.md publishing jobs', () => guideJobs.flatMap((j) => j.steps)],
  ])('%s uses real actions, pinned by major version, with inputs they have', (_, all) => {
    const uses = external(all());
    expect(uses.length).toBeGreaterThan(0);
    for (const s of uses) {
      expect(s.uses).toMatch(/^[\w.-]+\/[\w.-]+@v\d+$/);
      const inputs = KNOWN_ACTIONS[s.uses as string];
      expect(inputs, s.uses).toBeDefined();
      for (const key of Object.keys(s.with ?? {})) expect(inputs, `${s.uses} ${key}`).toContain(key);
    }
  });

  it('use the action of this repository with inputs it has, building the tool from the checkout', () => {
    const local = [...steps(pullRequest), ...steps(publish)].filter((s) => s.uses === './');
    expect(local.map((s) => s.with)).toEqual([
      { command: 'pull-request', version: 'source' },
      // The history, and the signature when the secret holds a key, as init's publish workflow has them.
      { command: 'build', args: PUBLISH_ARGS, version: 'source' },
    ]);
    expect(PUBLISH_ARGS).toBe(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template
      "--no-compress --history 50${{ secrets.USER_SERVICES_SIGNING_KEY != '' && ' --signing-key-env USER_SERVICES_SIGNING_KEY' || '' }}",
    );
    expect(local[1]?.env).toEqual({ [SIGNING_SECRET]: expr(`secrets.${SIGNING_SECRET}`) });
    expect(publish.jobs.build?.steps[0]?.with).toEqual({ 'fetch-depth': 0 });
    for (const s of local)
      for (const key of Object.keys(s.with ?? {})) expect(Object.keys(action.inputs)).toContain(key);
    // The checkout comes first: the action is read from it.
    for (const job of [pullRequest.jobs.api, publish.jobs.build]) {
      expect(job?.steps.slice(0, 2).map((s) => s.uses)).toEqual(['actions/checkout@v4', './']);
    }
  });

  it("CONTRIBUTING.md's jobs for other hosts fetch, publish and sign the history as publish.yml does", () => {
    expect(guideJobs).toHaveLength(3);
    for (const job of guideJobs) {
      expect(job.steps[0]).toEqual({ uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } });
      expect([job.steps[1]?.with?.args, job.steps[1]?.env]).toEqual([
        PUBLISH_ARGS,
        { [SIGNING_SECRET]: expr(`secrets.${SIGNING_SECRET}`) },
      ]);
    }
    const workflow = {
      on: 'push',
      permissions: { contents: 'read' },
      jobs: Object.assign({}, ...guideJobs.map((j, i) => ({ [`host${i}`]: j }))),
    };
    const lint = actionlint({ 'hosts.yml': JSON.stringify(workflow) });
    expect([lint.output, lint.status]).toEqual([PASSED(1), 0]);
  }, 120_000);

  it('run on the current Node.js LTS lines, which the package supports', () => {
    expect(pullRequest.jobs.test?.strategy?.matrix).toEqual({ node: [22, 24] });
    expect(step(pullRequest.jobs.test, /setup-node/).with).toEqual({
      'node-version': expr('matrix.node'),
      cache: 'npm',
    });
    expect(action.inputs['node-version']?.default).toBe('24');
    expect(step(action.runs, /^Set up Node.js$/).with).toEqual({ 'node-version': expr('inputs.node-version') });
    // No other place sets up Node.js, and engines admits the lines tested and the machine running this test.
    expect([...steps(pullRequest), ...steps(publish)].filter((s) => s.uses === 'actions/setup-node@v4')).toHaveLength(
      1,
    );
    const least = Number(/^>=(\d+)$/.exec(pkg.engines.node)?.[1]);
    for (const line of [22, 24, Number(process.versions.node.split('.')[0])])
      expect(line).toBeGreaterThanOrEqual(least);
  });

  it('check the catalog every day as of that day, with the action built from the checkout', () => {
    expect(sunset.on).toEqual({ schedule: [{ cron: '17 5 * * *' }], workflow_dispatch: null });
    expect(sunset.permissions).toEqual({ contents: 'read' });
    expect(sunset.jobs.sunset?.steps.map((s) => [s.id, s.uses, s.run, s.with])).toEqual([
      [undefined, 'actions/checkout@v4', undefined, undefined],
      ['today', undefined, 'echo "date=$(date -u +%F)" >> "$GITHUB_OUTPUT"', undefined],
      [
        undefined,
        './',
        undefined,
        { command: 'check', args: `--as-of ${expr('steps.today.outputs.date')}`, version: 'source' },
      ],
    ]);
  });

  it('ask for the least permissions: read by default, more only in the job that needs it', () => {
    expect(pullRequest.permissions).toEqual({ contents: 'read' });
    expect(pullRequest.jobs.api?.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    expect(pullRequest.jobs.test?.permissions).toBeUndefined();
    expect(publish.permissions).toEqual({ contents: 'read' });
    expect(publish.jobs.build?.permissions).toBeUndefined();
    expect(publish.jobs.deploy?.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
  });

  it('run on every pull request event that can change the gate, including labels', () => {
    expect(pullRequest.on).toEqual({
      pull_request: { types: ['opened', 'synchronize', 'reopened', 'labeled', 'unlabeled'] },
    });
    expect(publish.on).toEqual({ push: { branches: ['main'] }, workflow_dispatch: null });
  });

  it('publish the built dist/ to GitHub Pages', () => {
    expect(publish.jobs.build?.steps.slice(2).map((s) => [s.uses, s.with])).toEqual([
      ['actions/configure-pages@v5', undefined],
      ['actions/upload-pages-artifact@v3', { path: 'dist/' }],
    ]);
    expect(publish.jobs.deploy?.needs).toBe('build');
    expect(publish.jobs.deploy?.steps).toEqual([{ id: 'deployment', uses: 'actions/deploy-pages@v4' }]);
  });

  it('the action installs the package this repository publishes, at its own version', () => {
    const install = step(action.runs, /^Install user-services$/).run ?? '';
    expect(install).toContain(`require(process.argv[1]).name' "$manifest"`);
    expect(install).toContain(`require(process.argv[1]).version' "$manifest"`);
    expect(install).toContain('manifest="$GITHUB_ACTION_PATH/package.json"');
    expect(action.runs.using).toBe('composite');
  });

  it('have bash steps that bash parses, and no expression inside a script (values come through env)', () => {
    const runs = [
      ...steps(pullRequest),
      ...steps(publish),
      ...steps(sunset),
      ...action.runs.steps,
      ...guideJobs.flatMap((j) => j.steps),
    ]
      .map((s) => s.run)
      .filter((r): r is string => r !== undefined);
    expect(runs.length).toBeGreaterThan(10);
    for (const script of runs) {
      const r = spawnSync('bash', ['-n', '-e', '-c', script.replace(/\$\{\{[^}]*\}\}/g, 'x')], { encoding: 'utf8' });
      expect(r.stderr, script).toBe('');
      expect(r.status, script).toBe(0);
    }
    for (const s of action.runs.steps.filter((s) => s.run !== undefined)) {
      expect(s.shell, s.name).toBe('bash');
      expect(s.run, s.name).not.toContain('${{');
    }
  });
});

function step(holder: { steps: Step[] } | undefined, name: RegExp): Step {
  const found = holder?.steps.find((s) => name.test(s.name ?? s.uses ?? ''));
  if (found === undefined) throw new Error(`no step ${name}`);
  return found;
}

describe('the action as the README documents it', () => {
  it('lists every input of action.yml, in order, with its default', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('| input '));
    const rows = table.slice(0, table.indexOf('\n\n')).split('\n').slice(2);
    const documented = rows.map((r) => r.split('|').map((c) => c.trim()));
    expect(documented.map((c) => c[1])).toEqual(Object.keys(action.inputs).map((name) => `\`${name}\``));
    for (const [, name, shown] of documented) {
      const value = action.inputs[(name ?? '').replaceAll('`', '')]?.default ?? '';
      if (/^[\w.-]+$/.test(value)) expect(shown, name).toBe(`\`${value}\``);
    }
  });
});

describe('editor set-up', () => {
  it('maps the service files to the schema in VS Code', () => {
    const settings = JSON.parse(readFileSync(join(ROOT, '.vscode/settings.json'), 'utf8'));
    expect(settings['yaml.schemas']).toEqual({
      './schema/user-service.schema.json': ['services/*.yaml', 'services/*.yml'],
    });
    expect(existsSync(join(ROOT, 'schema/user-service.schema.json'))).toBe(true);
  });
});
