/**
 * The BroadWorks names a catalog's technical names are checked against, through
 * the bundled command line: every command that reads a catalog reads the
 * platform file (`_platform.yaml`) with it, the analysis cache keys on it, and
 * `serve --watch` checks the catalog again when it changes.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, untimed } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/fs.js';
import { git, gitRepo } from '../helpers/git.js';
import { platformFile } from '../helpers/platform.js';
import { startWatching } from '../helpers/serve.js';

const UNKNOWN =
  'services/concierge.yaml:1:17: warning unknown-service-name: the technical_name "Premium Concierge" is not a known BroadWorks user service name; BroadWorks compares service names exactly, and clients join the catalog with the names it returns, so they would not find this service; if the platform has a service of that name (a custom service, or one of a newer release), list it under extra_service_names in services/_platform.yaml\n';

/** A catalog repository (a package.json: the analysis cache is kept) with one service BroadWorks does not know. */
function catalog(): string {
  return writeTree(tempDir('user-services-names-'), {
    'package.json': '{ "private": true }\n',
    'services/concierge.yaml': 'technical_name: Premium Concierge\n',
    'services/call-waiting.yaml': 'technical_name: Call Waiting\n',
  });
}

describe('a technical name BroadWorks does not know', () => {
  it('is warned of by check and build, which exit 0 and build', () => {
    const work = catalog();
    const check = runCli(['check'], { cwd: work });
    expect([check.status, check.stdout, untimed(check.stderr)]).toEqual([
      0,
      UNKNOWN,
      'check: 2 services read, 0 errors, 1 warning in T s\n',
    ]);
    const build = runCli(['build'], { cwd: work });
    expect([build.status, build.stdout]).toEqual([0, UNKNOWN]);
  });

  it('is said in JSON with the nearest known name and how it differs', () => {
    const work = writeTree(tempDir('user-services-names-'), {
      'services/cfa.yaml': 'technical_name: Call Forwarding Alwyas\n',
    });
    const report = JSON.parse(runCli(['check', '--format', 'json'], { cwd: work }).stdout);
    expect(report.diagnostics).toEqual([
      {
        code: 'unknown-service-name',
        severity: 'warning',
        file: 'services/cfa.yaml',
        line: 1,
        column: 17,
        message:
          'the technical_name "Call Forwarding Alwyas" is not a known BroadWorks user service name; did you mean "Call Forwarding Always"? BroadWorks compares service names exactly, and clients join the catalog with the names it returns, so they would not find this service; if the platform has a service of that name (a custom service, or one of a newer release), list it under extra_service_names in services/_platform.yaml',
        args: {
          name: 'Call Forwarding Alwyas',
          nearest: 'Call Forwarding Always',
          likeness: 'spelling',
          platformFile: 'services/_platform.yaml',
        },
      },
    ]);
    expect(report.summary).toMatchObject({ errors: 0, warnings: 1 });
  });
});

describe('the platform file', () => {
  it('is read by check with the cache: declaring the name, then taking it back, is seen at once', () => {
    const work = catalog();
    const check = () => runCli(['check'], { cwd: work });
    expect(check().stdout).toBe(UNKNOWN);
    // Warm: the cache answers, and still warns.
    expect(check().stdout).toBe(UNKNOWN);
    writeFileSync(join(work, 'services/_platform.yaml'), platformFile('Premium Concierge'));
    const declared = check();
    expect([declared.status, declared.stdout, untimed(declared.stderr)]).toEqual([
      0,
      '',
      'check: 2 services read in T s\n',
    ]);
    expect(check().stdout).toBe('');
    writeFileSync(join(work, 'services/_platform.yaml'), platformFile('Premium Conciergerie'));
    expect(check().stdout).toBe(UNKNOWN);
    expect(runCli(['check', '--no-cache'], { cwd: work }).stdout).toBe(UNKNOWN);
  });

  it('with a problem stops check and build like a service file does, and is never published', () => {
    const work = catalog();
    writeTree(join(work, 'services'), { '_platform.yaml': 'extra_service_names: Premium Concierge\n' });
    const build = runCli(['build'], { cwd: work });
    expect([build.status, build.stdout]).toEqual([
      1,
      'services/_platform.yaml:1:22: error platform-wrong-type: extra_service_names must be a list of service names, one "- name" a line, but found the string "Premium Concierge"\n',
    ]);
    writeTree(join(work, 'services'), { '_platform.yaml': platformFile('Premium Concierge') });
    expect(runCli(['build'], { cwd: work }).status).toBe(0);
    const api = join(work, 'dist/api/v1/configs/user_services');
    const list = JSON.parse(readFileSync(join(api, 'index.json'), 'utf8')) as {
      user_services: { technical_name: string }[];
    };
    expect(list.user_services.map((s) => s.technical_name)).toEqual(['Call Waiting', 'Premium Concierge']);
    expect(existsSync(join(api, '_platform'))).toBe(false);
  });

  it('is read at a git revision by diff, on both sides', () => {
    const repo = gitRepo({
      'services/concierge.yaml': 'technical_name: Premium Concierge\n',
      'services/_platform.yaml': 'extra_service_names: [Premium Concierge, Premium Concierge]\n',
    });
    writeFileSync(join(repo, 'services/_platform.yaml'), platformFile('Premium Concierge'));
    const run = runCli(['diff', '--base', 'HEAD'], { cwd: repo });
    expect([run.status, run.stderr]).toEqual([
      1,
      'user-services diff: the base (HEAD) has 1 error; both sides must build to be compared:\n' +
        'services/_platform.yaml:1:42: error platform-duplicate-name: the service name "Premium Concierge" is listed twice (also on line 1); keep one\n',
    ]);
    git(repo, 'commit', '-qam', 'one name');
    expect(runCli(['diff', '--base', 'HEAD'], { cwd: repo }).status).toBe(0);
  });

  it('changed while serve --watch runs, checks the catalog again', async () => {
    const work = catalog();
    const { serve } = await startWatching(work);
    try {
      expect(serve.stdout()).toBe(UNKNOWN);
      const mark = serve.stderr().length;
      const out = serve.stdout().length;
      writeFileSync(join(work, 'services/_platform.yaml'), platformFile('Premium Concierge'));
      await serve.waitFor(/serve: the published site did not change\n/, mark);
      expect(serve.stdout().slice(out)).toBe('');
      expect(untimed(serve.stderr().slice(mark))).toBe(
        'serve: 2 services read in T s\nserve: the published site did not change\n',
      );
    } finally {
      serve.child.kill('SIGTERM');
      await serve.exited;
    }
  });
});
