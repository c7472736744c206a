import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { ROOT } from './helpers/cli.js';
import { DIFF_FIXTURES } from './helpers/diff.js';
import { tempDir } from './helpers/fs.js';
import { git, gitRepo } from './helpers/git.js';
import { expr, fakeGitHub, type Job, KNOWN_ACTIONS, readYaml, type Workflow } from './helpers/workflows.js';

const pullRequest = readYaml<Workflow>('.github/workflows/pull-request.yml');
const publish = readYaml<Workflow>('.github/workflows/publish.yml');
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps);
const step = (w: Workflow, job: string, name: RegExp) => {
  const found = w.jobs[job]?.steps.find((s) => name.test(s.name ?? s.uses ?? ''));
  if (found === undefined) throw new Error(`no step ${name} in ${job}`);
  return found;
};

// The inputs of each action at the major version used, from its action.yml.
/** The YAML blocks of CONTRIBUTING.md's publishing section: jobs to paste into a workflow. */
const guideJobs = [...readFileSync(join(ROOT, 'CONTRIBUTING.md'), 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)]
  .map((m) => parseDocument(m[1] ?? '', { uniqueKeys: true }).toJS() as Record<string, Job> | null)
  .filter((doc): doc is Record<string, Job> => doc !== null && typeof doc === 'object' && !Array.isArray(doc))
  .flatMap((doc) => Object.values(doc).filter((j) => Array.isArray(j?.steps)));

describe('workflows', () => {
  it.each([
    ['pull-request.yml', () => steps(pullRequest)],
    ['publish.yml', () => steps(publish)],
    ['CONTRIBUTING.md publishing jobs', () => guideJobs.flatMap((j) => j.steps)],
  ])('%s uses real actions, pinned by major version, with inputs they have', (_, all) => {
    const uses = all().filter((s) => s.uses !== undefined);
    expect(uses.length).toBeGreaterThan(0);
    for (const s of uses) {
      expect(s.uses).toMatch(/^[\w.-]+\/[\w.-]+@v\d+$/);
      const inputs = KNOWN_ACTIONS[s.uses as string];
      expect(inputs, s.uses).toBeDefined();
      for (const key of Object.keys(s.with ?? {})) expect(inputs, `${s.uses} ${key}`).toContain(key);
    }
  });

  it('ask for the least permissions: read by default, more only in the job that needs it', () => {
    expect(pullRequest.permissions).toEqual({ contents: 'read' });
    expect(pullRequest.jobs.api?.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    expect(pullRequest.jobs.test?.permissions).toBeUndefined();
    expect(publish.permissions).toEqual({ contents: 'read' });
    expect(publish.jobs.build?.permissions).toBeUndefined();
    expect(publish.jobs.deploy?.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
  });

  it('cache the npm install and restore the build cache in every job that builds', () => {
    for (const w of [pullRequest, publish]) {
      for (const s of steps(w).filter((s) => s.uses === 'actions/setup-node@v4')) {
        expect(s.with).toEqual({ 'node-version': 20, cache: 'npm' });
      }
    }
    for (const [w, job] of [
      [pullRequest, 'api'],
      [publish, 'build'],
    ] as const) {
      const cache = step(w, job, /build cache/);
      expect(cache.uses).toBe('actions/cache@v4');
      expect(cache.with?.path).toBe('node_modules/.cache/user-services');
      const names = w.jobs[job]?.steps.map((s) => s.name ?? s.uses) ?? [];
      expect(names.indexOf('Restore the build cache')).toBeLessThan(
        names.findIndex((n) => /^(Check|Build)$|Check the service files/.test(n ?? '')),
      );
    }
  });

  it('run on every pull request event that can change the gate, including labels', () => {
    expect(pullRequest.on).toEqual({
      pull_request: { types: ['opened', 'synchronize', 'reopened', 'labeled', 'unlabeled'] },
    });
    expect(publish.on).toEqual({ push: { branches: ['main'] }, workflow_dispatch: null });
  });

  it('check with annotations, diff against the target branch, then gate on breaking changes unless labelled', () => {
    const api = pullRequest.jobs.api as Job;
    expect(api.env).toEqual({ BASE: `origin/${expr('github.base_ref')}` });
    expect(step(pullRequest, 'api', /actions\/checkout/).with).toEqual({ 'fetch-depth': 0 });
    expect(step(pullRequest, 'api', /Check the service files/).run).toBe(
      'node lib/user-services.mjs check --format github',
    );
    const diff = step(pullRequest, 'api', /^Diff the API/);
    expect(diff.run).toContain('node lib/user-services.mjs diff --base "$BASE" --format markdown');
    expect(diff.if).toBe(expr('!cancelled()'));
    const gate = step(pullRequest, 'api', /^Refuse breaking changes/);
    expect(gate.run).toBe('node lib/user-services.mjs diff --base "$BASE" --fail-on breaking');
    expect(gate.if).toBe(
      expr("!cancelled() && !contains(github.event.pull_request.labels.*.name, 'breaking-change-accepted')"),
    );
    const names = api.steps.map((s) => s.name ?? s.uses);
    expect(names.indexOf(diff.name)).toBeLessThan(names.indexOf(gate.name));
  });

  it('build the site and publish dist/ to GitHub Pages', () => {
    expect(step(publish, 'build', /^Build$/).run).toBe(
      'node lib/user-services.mjs build --no-compress --format github',
    );
    expect(step(publish, 'build', /upload-pages-artifact/).with).toEqual({ path: 'dist/' });
    expect(publish.jobs.deploy?.needs).toBe('build');
    expect(publish.jobs.deploy?.environment).toEqual({
      name: 'github-pages',
      url: expr('steps.deployment.outputs.page_url'),
    });
    expect(publish.jobs.deploy?.steps).toEqual([{ id: 'deployment', uses: 'actions/deploy-pages@v4' }]);
  });

  it('have shell steps that bash can parse', () => {
    const scripts = [...steps(pullRequest), ...steps(publish), ...guideJobs.flatMap((j) => j.steps)]
      .map((s) => s.run)
      .filter((r): r is string => r !== undefined);
    expect(scripts.length).toBeGreaterThan(8);
    for (const script of scripts) {
      const r = spawnSync('bash', ['-n', '-e', '-c', script.replace(/\$\{\{[^}]*\}\}/g, 'x')], { encoding: 'utf8' });
      expect(r.stderr, script).toBe('');
      expect(r.status, script).toBe(0);
    }
  });
});

async function runCommentScript(runnerTemp: string, github: unknown): Promise<void> {
  const script = String(step(pullRequest, 'api', /sticky comment/).with?.script);
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;
  const context = { repo: { owner: 'o', repo: 'r' }, issue: { number: 7 } };
  const env = { ...process.env, RUNNER_TEMP: runnerTemp };
  const { createRequire } = await import('node:module');
  await new AsyncFunction('require', 'github', 'context', 'process', script)(
    createRequire(import.meta.url),
    github,
    context,
    { env },
  );
}

describe('the pull-request job, run step by step on a repository', () => {
  function runStep(name: RegExp, repo: string, temp: string) {
    const summary = join(temp, 'summary.md');
    const r = spawnSync('bash', ['-e', '-c', step(pullRequest, 'api', name).run as string], {
      cwd: repo,
      env: { ...process.env, BASE: 'HEAD', RUNNER_TEMP: temp, GITHUB_STEP_SUMMARY: summary },
      encoding: 'utf8',
    });
    return { status: r.status, summary: existsSync(summary) ? readFileSync(summary, 'utf8') : '' };
  }

  function fixtureRepo(): string {
    const repo = gitRepo({});
    cpSync(join(DIFF_FIXTURES, 'base'), join(repo, 'services'), { recursive: true });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'base');
    symlinkSync(join(ROOT, 'lib'), join(repo, 'lib'));
    return repo;
  }

  it('posts the diff as one comment, updates it on the next push, and the gate fails on breaking changes', async () => {
    const repo = fixtureRepo();
    const temp = tempDir();
    const fake = fakeGitHub([{ id: 1, user: { type: 'User' }, body: 'looks good <!-- user-services-diff -->' }]);

    expect(runStep(/^Diff the API/, repo, temp).status).toBe(0);
    await runCommentScript(temp, fake.github);
    expect(fake.calls).toEqual(['list 7', 'create 7']);
    expect(fake.comments[1]?.body).toBe(
      '✅ **No change to the published API** from `HEAD` to `services`.\n<!-- user-services-diff -->\n',
    );
    expect(runStep(/^Refuse breaking changes/, repo, temp).status).toBe(0);

    rmSync(join(repo, 'services'), { recursive: true });
    cpSync(join(DIFF_FIXTURES, 'head'), join(repo, 'services'), { recursive: true });
    const diff = runStep(/^Diff the API/, repo, temp);
    expect(diff.status).toBe(0);
    const markdown = readFileSync(join(temp, 'api-diff.md'), 'utf8');
    expect(markdown.split('\n')[0]).toBe(
      '❌ **Breaking API change** from `HEAD` to `services` (11 services changed: 4 breaking, 1 planned removal, 1 deprecation, 1 undeprecation, 2 additive, 2 cosmetic).',
    );
    expect(diff.summary).toBe(
      `✅ **No change to the published API** from \`HEAD\` to \`services\`.\n<!-- user-services-diff -->\n${markdown}`,
    );
    await runCommentScript(temp, fake.github);
    expect(fake.calls).toEqual(['list 7', 'create 7', 'list 7', 'update 101']);
    expect(fake.comments.map((c) => c.body)).toEqual(['looks good <!-- user-services-diff -->', markdown]);
    expect(runStep(/^Refuse breaking changes/, repo, temp).status).toBe(1);
  });

  it('fails the diff step and says so in the comment when the services have errors', async () => {
    const repo = fixtureRepo();
    const temp = tempDir();
    writeFileSync(join(repo, 'services/alpha.yaml'), 'technical_name: Alpha\nfor_hg: yes\n');
    expect(runStep(/^Diff the API/, repo, temp).status).toBe(1);
    const fake = fakeGitHub([]);
    await runCommentScript(temp, fake.github);
    expect(fake.comments.map((c) => c.body)).toEqual([
      '⚠️ **The API diff could not be computed**: the service files have errors; see the annotations and the log of this run.\n<!-- user-services-diff -->\n',
    ]);
  });
});

describe('editor and hook set-up', () => {
  it('maps the service files to the schema in VS Code', () => {
    const settings = JSON.parse(readFileSync(join(ROOT, '.vscode/settings.json'), 'utf8'));
    expect(settings['yaml.schemas']).toEqual({
      './schema/user-service.schema.json': ['services/*.yaml', 'services/*.yml'],
    });
    expect(existsSync(join(ROOT, 'schema/user-service.schema.json'))).toBe(true);
  });

  it('defines a pre-commit hook that checks the whole catalog when a service file is staged', () => {
    const hooks = readYaml<Record<string, unknown>[]>('.pre-commit-hooks.yaml');
    expect(hooks).toHaveLength(1);
    const [hook] = hooks;
    expect(hook).toMatchObject({
      id: 'user-services-check',
      entry: 'node lib/user-services.mjs check',
      language: 'system',
      pass_filenames: false,
    });
    const files = new RegExp(String(hook?.files));
    expect(['services/a.yaml', 'services/B.YML', 'services/x.yml'].filter((f) => files.test(f))).toHaveLength(3);
    expect(['schema/a.json', 'test/services/a.yaml', 'services/a.txt'].filter((f) => files.test(f))).toEqual([]);
  });
});
