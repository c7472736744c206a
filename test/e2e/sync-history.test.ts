/**
 * build --history in a git repository made by the test: the exact bytes of
 * _history/ and the feed, the same bytes for the same commit at other times
 * and in other time zones, and what a shallow clone and a folder outside git
 * say.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { feedPath, historyPath } from '../../scripts/core/model/site.js';
import { runCli, untimed } from '../helpers/cli.js';
import { readTree, tempDir, writeTree } from '../helpers/fs.js';
import { commitAt, GIT_IDENTITY, git } from '../helpers/git.js';

/** A repository whose services folder changed in three commits; its commits, newest first. */
function catalogRepo(): { root: string; commits: string[] } {
  const root = tempDir('user-services-history-');
  writeTree(root, { 'README.md': 'catalog\n' });
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  const first = commitAt(root, '2024-01-01T00:00:00Z', 'start');
  writeTree(root, {
    'services/a.yaml': 'technical_name: Call Waiting\n',
    'services/b.yaml': 'technical_name: Do Not Disturb\n',
  });
  git(root, 'add', '-A');
  const add = commitAt(root, '2024-01-02T03:04:05Z', 'add');
  writeTree(root, { 'README.md': 'catalog, unrelated change\n' });
  git(root, 'add', '-A');
  commitAt(root, '2024-01-03T00:00:00Z', 'readme');
  writeTree(root, { 'services/a.yaml': 'technical_name: Call Waiting\nfor_hg: true\ndescription: Now <for> HG\n' });
  git(root, 'rm', '-q', 'services/b.yaml');
  git(root, 'add', '-A');
  const change = commitAt(root, '2024-01-04T10:00:00+02:00', 'change');
  expect(first).toMatch(/^[0-9a-f]{40}$/);
  return { root, commits: [change, add] };
}

const build = (cwd: string, extra: string[] = [], env: Record<string, string> = {}) =>
  runCli(['build', '--no-cache', '--history', '10', ...extra], { cwd, env });

describe('build --history in a git repository', () => {
  const { root, commits } = catalogRepo();
  const [change, add] = commits as [string, string];

  it('publishes each change of the commits that changed the services folder, newest first', () => {
    const run = build(root, ['--pretty']);
    expect([run.status, untimed(run.stderr)]).toEqual([
      0,
      'build: 1 service read, 75 files written, 0 unchanged, 0 removed in T s\n',
    ]);
    const entry = (
      commit: string,
      time: string,
      name: string,
      tn: string,
      kind: string,
      cls: string,
      fields: string[],
    ) =>
      [
        '    {',
        `      "commit": "${commit}",`,
        `      "time": "${time}",`,
        `      "instance_name": "${name}",`,
        `      "technical_name": "${tn}",`,
        `      "kind": "${kind}",`,
        `      "class": "${cls}",`,
        '      "renamed_from": null,',
        fields.length === 0
          ? '      "fields": []'
          : `      "fields": [\n${fields.map((f) => `        "${f}"`).join(',\n')}\n      ]`,
        '    }',
      ].join('\n');
    expect(readFileSync(join(root, 'dist', historyPath()), 'utf8')).toBe(
      [
        '{',
        '  "api_version": 1,',
        '  "limit": 10,',
        '  "complete": true,',
        '  "changes": [',
        [
          entry(change, '2024-01-04T08:00:00Z', 'b', 'Do Not Disturb', 'removed', 'breaking', []),
          entry(change, '2024-01-04T08:00:00Z', 'a', 'Call Waiting', 'changed', 'additive', ['description', 'for_hg']),
          entry(add, '2024-01-02T03:04:05Z', 'a', 'Call Waiting', 'added', 'additive', []),
          entry(add, '2024-01-02T03:04:05Z', 'b', 'Do Not Disturb', 'added', 'additive', []),
        ].join(',\n'),
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
    expect(readFileSync(join(root, 'dist', feedPath()), 'utf8')).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        '  <id>urn:user-services:api/v1/configs/user_services.atom</id>',
        '  <title>User services: changes</title>',
        '  <updated>2024-01-04T08:00:00Z</updated>',
        '  <author><name>user-services</name></author>',
        '  <entry>',
        `    <id>urn:git:commit:${change}</id>`,
        `    <title>${change.slice(0, 12)}: 1 breaking, 1 additive</title>`,
        '    <updated>2024-01-04T08:00:00Z</updated>',
        '    <content type="text">b (Do Not Disturb): breaking, removed',
        'a (Call Waiting): additive, changed: description, for_hg</content>',
        '  </entry>',
        '  <entry>',
        `    <id>urn:git:commit:${add}</id>`,
        `    <title>${add.slice(0, 12)}: 2 additive</title>`,
        '    <updated>2024-01-02T03:04:05Z</updated>',
        '    <content type="text">a (Call Waiting): additive, added',
        'b (Do Not Disturb): additive, added</content>',
        '  </entry>',
        '</feed>',
        '',
      ].join('\n'),
    );
  });

  it('gives the same bytes for the same commit at another time and in other time zones', async () => {
    const once = tempDir('user-services-history-a-');
    const twice = tempDir('user-services-history-b-');
    expect(
      build(root, ['--out', join(once, 'dist'), '--hosting-out', join(once, 'hosting')], { TZ: 'UTC' }).status,
    ).toBe(0);
    await new Promise((r) => setTimeout(r, 1100));
    const env = { TZ: 'Pacific/Kiritimati', LANG: 'de_DE.UTF-8' };
    expect(build(root, ['--out', join(twice, 'dist'), '--hosting-out', join(twice, 'hosting')], env).status).toBe(0);
    const [a, b] = [readTree(join(once, 'dist')), readTree(join(twice, 'dist'))];
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [path, bytes] of a) expect([path, Buffer.compare(bytes, b.get(path) as Buffer)]).toEqual([path, 0]);
    expect(a.has(historyPath())).toBe(true);
  });

  it('walks at most N commits, and says the history is then not complete', () => {
    const out = tempDir('user-services-history-one-');
    expect(build(root, ['--history', '1', '--out', join(out, 'dist'), '--hosting-out', join(out, 'h')]).status).toBe(0);
    const history = JSON.parse(readFileSync(join(out, 'dist', historyPath()), 'utf8'));
    expect([history.limit, history.complete, history.changes.map((c: { commit: string }) => c.commit)]).toEqual([
      1,
      false,
      [change, change],
    ]);
  });

  it('cuts the history where a shallow clone ends, and says so once', () => {
    const clone = join(tempDir('user-services-shallow-'), 'clone');
    const r = spawnSync('git', ['clone', '-q', '--depth', '2', `file://${root}`, clone], {
      env: { ...process.env, ...GIT_IDENTITY },
    });
    expect(r.status).toBe(0);
    const run = build(clone);
    expect([run.status, run.stdout]).toEqual([
      0,
      `services:1:1: warning history-shallow: the history ends at commit ${git(clone, 'rev-parse', 'HEAD~1').trim().slice(0, 12)}, where this shallow clone ends: 1 commit is published and "complete" is false; fetch more history (actions/checkout with fetch-depth: 0) to publish the rest\n`,
    ]);
    const history = JSON.parse(readFileSync(join(clone, 'dist', historyPath()), 'utf8'));
    expect([history.complete, history.changes.length]).toEqual([false, 2]);
  });

  it('refuses a --history that is not a whole number, with exit status 2', () => {
    const run = runCli(['build', '--history', '1.5'], { cwd: root });
    expect([run.status, run.stderr.split('\n')[0]]).toEqual([
      2,
      'user-services build: --history must be a whole number from 0 to 1000, not "1.5"',
    ]);
  });
});

describe('build --history outside git', () => {
  it('leaves the history out and says so once; without --history it says nothing', () => {
    const work = writeTree(tempDir('user-services-nogit-'), { 'services/a.yaml': 'technical_name: Call Waiting\n' });
    const run = build(work, [], { GIT_CEILING_DIRECTORIES: work.split('/').slice(0, -1).join('/') });
    expect([run.status, run.stdout]).toEqual([
      0,
      'services:1:1: warning history-unavailable: no change history is published (_history/ and the Atom feed are left out): the build does not run in a git repository; build in a clone of the repository to publish them\n',
    ]);
    expect(existsSync(join(work, 'dist', historyPath()))).toBe(false);
    const plain = runCli(['build', '--no-cache'], { cwd: work });
    expect([plain.status, plain.stdout]).toEqual([0, '']);
  });
});

describe('the catalog page', () => {
  it('links the OpenAPI description, _full/, _index/, the manifest and, with a history, the feed', () => {
    const { root } = catalogRepo();
    expect(build(root).status).toBe(0);
    const page = readFileSync(join(root, 'dist/index.html'), 'utf8');
    for (const href of [
      'api/v1/openapi.json',
      'api/v1/configs/user_services/_full/index.json',
      'api/v1/configs/user_services/_index/index.json',
      'api/v1/configs/user_services.atom',
      'api/v1/configs/user_services/_manifest/index.json',
    ])
      expect([href, page.includes(`href="${href}"`)]).toEqual([href, true]);
    writeFileSync(join(root, 'x'), '');
    expect(runCli(['build', '--no-cache'], { cwd: root }).status).toBe(0);
    expect(readFileSync(join(root, 'dist/index.html'), 'utf8').includes('user_services.atom')).toBe(false);
  });
});
