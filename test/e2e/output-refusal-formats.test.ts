/**
 * A refused output in each report format: one JSON document with the one
 * diagnostic, a GitHub annotation, and the tree left as it was.
 */
import { describe, expect, it } from 'vitest';
import { runCli, untimed } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/fs.js';
import { keepTree } from '../helpers/snapshot.js';

const SERVICES = {
  'services/call-waiting.yaml': 'technical_name: Call Waiting\nfor_hg: true\n',
  'services/voice-mail.yaml': 'technical_name: Voice Messaging User\ndescription: Takes messages\n',
};

function project(extra: Record<string, string> = {}): string {
  const root = tempDir('user-services-refuse-');
  writeTree(root, { '.git/HEAD': 'ref: refs/heads/main\n', ...SERVICES, ...extra });
  return root;
}

describe('a refused output in the chosen format', () => {
  const message =
    '--out services is the services folder services; a build replaces its output whole and would delete service files. Choose another folder with --out, such as dist beside the services folder';

  it('json: one document on standard output with the one diagnostic at the folder as given, nothing on standard error', () => {
    const root = project();
    const tree = keepTree(root);
    const run = runCli(['build', '--out', './services/', '--format', 'json'], { cwd: root });
    expect([run.status, run.stderr]).toEqual([2, '']);
    const body = JSON.parse(run.stdout);
    expect(body.summary.seconds).toBeTypeOf('number');
    expect({ ...body, summary: { ...body.summary, seconds: 0 } }).toEqual({
      version: 1,
      diagnostics: [
        {
          code: 'output-overlaps-services',
          severity: 'error',
          file: './services/',
          line: 1,
          column: 1,
          message: message.replace('--out services is', '--out services is'),
          args: {
            option: '--out',
            folder: 'services',
            part: 'services',
            partKind: 'folder',
            services: 'services',
            relation: 'same',
          },
        },
      ],
      summary: { command: 'build', services: 0, errors: 1, warnings: 0, seconds: 0 },
    });
    tree.expectUnchanged();
  });

  it('github: an ::error annotation on standard output, the summary on standard error', () => {
    const root = project();
    const run = runCli(['build', '--out', 'services', '--format', 'github'], {
      cwd: root,
      env: { GITHUB_WORKSPACE: root },
    });
    expect({ status: run.status, stdout: run.stdout, stderr: untimed(run.stderr) }).toEqual({
      status: 2,
      stdout: `::error file=services,line=1,col=1,title=output-overlaps-services::${message}\n`,
      stderr: 'build: 0 services read, 1 error, nothing written in T s\n',
    });
  });

  it('json: a refusal found after reading counts the services read', () => {
    const root = project();
    expect(runCli(['build'], { cwd: root }).status).toBe(0);
    writeTree(root, { 'dist/robots.txt': 'User-agent: *\n' });
    const run = runCli(['build', '--format', 'json'], { cwd: root });
    expect([run.status, run.stderr]).toEqual([2, '']);
    const body = JSON.parse(run.stdout);
    expect(body.diagnostics.map((d: { code: string; file: string }) => [d.code, d.file])).toEqual([
      ['output-holds-foreign-files', 'dist'],
    ]);
    expect({ ...body.summary, seconds: 0 }).toEqual({
      command: 'build',
      services: 2,
      errors: 1,
      warnings: 0,
      seconds: 0,
    });
  });
});
