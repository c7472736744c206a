/**
 * The first pull request of a new catalog: its base has no services folder
 * (or an empty one), so every service is additive and nothing fails. A base
 * whose services path is not a folder, and a base that does not exist, are
 * refused with what is wrong (exit status 2); the services folder itself must
 * still hold services (exit status 1), as for build.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/fs.js';
import { git, gitRepo } from '../helpers/git.js';
import { keepTree } from '../helpers/snapshot.js';

const USAGE =
  'Usage: user-services diff --base <git-revision|folder> [--services DIR] [--format text|markdown|json] [--fail-on breaking|any]\n';

const PARK = 'technical_name: Call Park\nfor_hg: true\n';
const WAITING = 'technical_name: Call Waiting\nfor_enduser: true\n';

/** A repository whose first commit holds `base`, and whose working tree then holds two services in `services/`. */
function firstPullRequest(base: Record<string, string>, link?: string): string {
  const repo = gitRepo(base);
  if (link !== undefined) {
    symlinkSync(link, join(repo, 'services'));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'link');
    git(repo, 'rm', '-q', 'services');
  }
  git(repo, 'rm', '-q', '-r', '--ignore-unmatch', 'services');
  mkdirSync(join(repo, 'services'), { recursive: true });
  writeFileSync(join(repo, 'services/call-park.yaml'), PARK);
  writeFileSync(join(repo, 'services/call-waiting.yml'), WAITING);
  return repo;
}

const MARKDOWN = `➕ **Additive API change** from \`HEAD\` to \`services\` (2 services changed: 2 additive).
<!-- user-services-diff -->

| Class | Instance | Change | Lists |
|---|---|---|---|
| ➕ additive | \`call-park\` | new service at \`/api/v1/configs/user_services/call-park/\` | enters 2 lists |
| ➕ additive | \`call-waiting\` | new service at \`/api/v1/configs/user_services/call-waiting/\` | enters 2 lists |

<details><summary>Details</summary>

**\`call-park\`** (additive): new service at \`/api/v1/configs/user_services/call-park/\`
- \`technical_name\`: \`"Call Park"\`
- \`display_name\`: \`"Call Park"\`
- \`description\`: \`""\`
- \`no_more_assignable\`: \`false\`
- \`for_hg\`: \`true\`
- \`for_ivr\`: \`false\`
- \`for_cc\`: \`false\`
- \`for_enduser\`: \`false\`
- \`add_data\`: \`{}\`
- enters \`/api/v1/configs/user_services/\`
- enters \`/api/v1/configs/user_services/filters/for_hg/\`

**\`call-waiting\`** (additive): new service at \`/api/v1/configs/user_services/call-waiting/\`
- \`technical_name\`: \`"Call Waiting"\`
- \`display_name\`: \`"Call Waiting"\`
- \`description\`: \`""\`
- \`no_more_assignable\`: \`false\`
- \`for_hg\`: \`false\`
- \`for_ivr\`: \`false\`
- \`for_cc\`: \`false\`
- \`for_enduser\`: \`true\`
- \`add_data\`: \`{}\`
- enters \`/api/v1/configs/user_services/\`
- enters \`/api/v1/configs/user_services/filters/for_enduser/\`

**Other files of the site**
- changed \`api/v1/configs/user_services/_full/index.json\`
- changed \`api/v1/configs/user_services/_index/index.json\`
- changed \`api/v1/configs/user_services/_manifest/index.json\`
- changed \`index.html\`

</details>
`;

describe('diff against a base without services', () => {
  it.each([
    ['no services folder at all', {}],
    ['a services folder with only a hidden file (git keeps no empty folder)', { 'services/.gitkeep': '' }],
    ['a services folder with no service file', { 'services/README.md': '# Services\n' }],
    ['the services folder elsewhere in the tree', { 'docs/services/a.yaml': PARK }],
  ])('%s: every service is additive, exit 0, nothing written', (_, base) => {
    const repo = firstPullRequest(base);
    const kept = keepTree(repo);
    expect(runCli(['diff', '--base', 'HEAD', '--format', 'markdown'], { cwd: repo })).toEqual({
      status: 0,
      stdout: MARKDOWN,
      stderr: '',
    });
    expect(runCli(['diff', '--base', 'HEAD', '--fail-on', 'breaking'], { cwd: repo }).status).toBe(0);
    // Something changed: --fail-on any says so.
    expect(runCli(['diff', '--base', 'HEAD', '--fail-on', 'any'], { cwd: repo }).status).toBe(1);
    kept.expectUnchanged();
  });

  it('a base folder that is empty: the same, named as given', () => {
    const repo = firstPullRequest({});
    mkdirSync(join(repo, 'empty'));
    const r = runCli(['diff', '--base', 'empty', '--format', 'json'], { cwd: repo });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const json = JSON.parse(r.stdout);
    expect([json.base, json.verdict]).toEqual(['empty', 'additive']);
    expect(json.changes.map((c: { instance: string; class: string }) => `${c.instance} ${c.class}`)).toEqual([
      'call-park additive',
      'call-waiting additive',
    ]);
  });

  it('a services folder in a sub-folder of the repository, run from elsewhere', () => {
    const repo = gitRepo({ 'README.md': '# Ops\n' });
    mkdirSync(join(repo, 'ops/catalog/services'), { recursive: true });
    writeFileSync(join(repo, 'ops/catalog/services/call-park.yaml'), PARK);
    const r = runCli(['diff', '--base', 'HEAD', '--services', 'catalog/services'], { cwd: join(repo, 'ops') });
    expect(r).toEqual({
      status: 0,
      stdout: `API diff HEAD -> catalog/services: Additive API change
1 service changed: 1 additive

[additive] call-park: new service at /api/v1/configs/user_services/call-park/
    technical_name: "Call Park"
    display_name: "Call Park"
    description: ""
    no_more_assignable: false
    for_hg: true
    for_ivr: false
    for_cc: false
    for_enduser: false
    add_data: {}
    enters /api/v1/configs/user_services/
    enters /api/v1/configs/user_services/filters/for_hg/

Other files of the site:
  changed api/v1/configs/user_services/_full/index.json
  changed api/v1/configs/user_services/_index/index.json
  changed api/v1/configs/user_services/_manifest/index.json
  changed index.html
`,
      stderr: '',
    });
  });
});

describe('diff against a base it cannot read', () => {
  const refused = (repo: string, args: readonly string[], message: string) => {
    const kept = keepTree(repo);
    expect(runCli(['diff', ...args], { cwd: repo })).toEqual({
      status: 2,
      stdout: '',
      stderr: `user-services diff: ${message}\n${USAGE}`,
    });
    kept.expectUnchanged();
  };

  it('a services path that is a file at the revision', () => {
    refused(
      firstPullRequest({ services: 'not a folder\n' }),
      ['--base', 'HEAD'],
      '--base "HEAD": the services folder services is not a folder at that revision (a file)',
    );
  });

  it('a services path that is a symbolic link at the revision', () => {
    refused(
      firstPullRequest({ 'real/a.yaml': PARK }, 'real'),
      ['--base', 'HEAD'],
      '--base "HEAD": the services folder services is a symbolic link at that revision, which is not followed',
    );
  });

  it('a revision that does not exist, and one in a repository without commits', () => {
    const repo = firstPullRequest({});
    refused(
      repo,
      ['--base', 'no-such-branch'],
      'cannot read --base "no-such-branch" as a folder or a git revision: no such folder, and git knows no such revision',
    );
    refused(
      repo,
      ['--base', 'HEAD~5'],
      'cannot read --base "HEAD~5" as a folder or a git revision: no such folder, and git knows no such revision',
    );
    const fresh = tempDir('user-services-fresh-');
    git(fresh, 'init', '-q');
    mkdirSync(join(fresh, 'services'));
    writeFileSync(join(fresh, 'services/call-park.yaml'), PARK);
    refused(
      fresh,
      ['--base', 'HEAD'],
      'cannot read --base "HEAD" as a folder or a git revision: no such folder, and git knows no such revision',
    );
  });
});

describe('the services folder itself without services', () => {
  it('still fails with no-services, exit 1, whatever the base', () => {
    const repo = gitRepo({ 'services/call-park.yaml': PARK });
    mkdirSync(join(repo, 'empty'));
    expect(runCli(['diff', '--base', 'HEAD', '--services', 'empty'], { cwd: repo })).toEqual({
      status: 1,
      stdout: '',
      stderr:
        'user-services diff: the services folder (empty) has 1 error; both sides must build to be compared:\nempty:1:1: error no-services: no service files (*.yaml, *.yml) in empty; add one, e.g. with "user-services new <instance>"\n',
    });
  });
});
