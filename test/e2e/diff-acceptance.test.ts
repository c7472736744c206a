/**
 * The acceptance scenario of `diff` on the fixture catalog: each change named with
 * its class, the lists it touches, and --fail-on breaking failing until only safe
 * changes remain; the repository left as it was.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serviceFileNames } from '../helpers/catalog-files.js';
import { runCli } from '../helpers/cli.js';
import { FIXTURE_SERVICES } from '../helpers/fixture-catalog.js';
import { gitRepo } from '../helpers/git.js';
import { snapshot } from '../helpers/snapshot.js';

describe('the acceptance scenario on the fixture catalog', () => {
  type Service = { file: string; text: string };
  const catalog: Service[] = serviceFileNames(FIXTURE_SERVICES).map((file) => ({
    file,
    text: readFileSync(join(FIXTURE_SERVICES, file), 'utf8'),
  }));
  const has = (s: Service, line: string) => s.text.split('\n').includes(line);
  const assignable = catalog.filter((s) => has(s, 'no_more_assignable: false'));
  const flipped = assignable.find((s) => has(s, 'for_hg: true')) as Service;
  const removed = assignable.find((s) => s !== flipped && has(s, 'for_enduser: true')) as Service;
  const deprecated = assignable.findLast((s) => s !== flipped && s !== removed) as Service;

  it('names each change with its class and lists; --fail-on breaking fails until only safe changes remain', () => {
    const repo = gitRepo(Object.fromEntries(catalog.map((s) => [`services/${s.file}`, s.text])));
    const before = snapshot(repo);
    expect(new Set([removed.file, flipped.file, deprecated.file]).size).toBe(3);
    rmSync(join(repo, 'services', removed.file));
    writeFileSync(join(repo, 'services', flipped.file), flipped.text.replace('for_hg: true', 'for_hg: false'));
    writeFileSync(
      join(repo, 'services', deprecated.file),
      deprecated.text.replace('no_more_assignable: false', 'no_more_assignable: true'),
    );
    const created = runCli(['new', 'call-park-test', '--technical-name', 'Call Park Test', '--for', 'hg'], {
      cwd: repo,
    });
    expect(created.stdout).toBe('services/call-park-test.yaml\n');

    const instance = (s: Service) => s.file.replace(/\.ya?ml$/, '');
    const json = runCli(['diff', '--base', 'HEAD', '--format', 'json'], { cwd: repo });
    expect(json.status).toBe(0);
    const report = JSON.parse(json.stdout);
    type Reported = { instance: string; leaves: string[] };
    const byName = new Map<string, Reported>(report.changes.map((c: Reported) => [c.instance, c]));
    expect(report.changes).toHaveLength(4);
    expect(byName.get(instance(removed))).toMatchObject({ kind: 'removed', class: 'breaking', enters: [] });
    expect(byName.get(instance(removed))).toHaveProperty(
      'leaves',
      expect.arrayContaining(['/api/v1/configs/user_services/', '/api/v1/configs/user_services/filters/for_enduser/']),
    );
    expect(byName.get(instance(flipped))).toMatchObject({
      kind: 'changed',
      class: 'breaking',
      fields: [{ field: 'for_hg', class: 'breaking', before: true, after: false }],
      enters: [],
    });
    expect(byName.get(instance(flipped))).toHaveProperty(
      'leaves',
      expect.arrayContaining(['/api/v1/configs/user_services/filters/for_hg/']),
    );
    expect(byName.get(instance(deprecated))).toMatchObject({
      class: 'deprecation',
      fields: [{ field: 'no_more_assignable', class: 'deprecation', before: false, after: true }],
      enters: [],
      leaves: [],
    });
    expect(byName.get('call-park-test')).toMatchObject({
      kind: 'added',
      class: 'additive',
      enters: ['/api/v1/configs/user_services/', '/api/v1/configs/user_services/filters/for_hg/'],
      leaves: [],
    });

    const markdown = runCli(['diff', '--base', 'HEAD', '--format', 'markdown'], { cwd: repo }).stdout.split('\n');
    expect(markdown[0]).toBe(
      '❌ **Breaking API change** from `HEAD` to `services` (4 services changed: 2 breaking, 1 deprecation, 1 additive).',
    );
    expect(markdown[1]).toBe('<!-- user-services-diff -->');
    expect(markdown).toContain(
      `| ❌ breaking | \`${instance(removed)}\` | removed while still assignable; \`/api/v1/configs/user_services/${instance(removed)}/\` answers 404 | leaves ${byName.get(instance(removed))?.leaves.length} lists |`,
    );
    expect(markdown).toContain(
      `| ⚠️ deprecation | \`${instance(deprecated)}\` | \`no_more_assignable\` false → true | — |`,
    );
    expect(markdown).toContain(
      '| ➕ additive | `call-park-test` | new service at `/api/v1/configs/user_services/call-park-test/` | enters 2 lists |',
    );

    expect(runCli(['diff', '--base', 'HEAD', '--fail-on', 'breaking'], { cwd: repo }).status).toBe(1);
    writeFileSync(join(repo, 'services', removed.file), removed.text);
    writeFileSync(join(repo, 'services', flipped.file), flipped.text);
    const safe = runCli(['diff', '--base', 'HEAD', '--fail-on', 'breaking'], { cwd: repo });
    expect(safe.status).toBe(0);
    expect(safe.stdout.split('\n').slice(0, 2)).toEqual([
      'API diff HEAD -> services: Deprecation, nothing breaking',
      '2 services changed: 1 deprecation, 1 additive',
    ]);
    expect(runCli(['diff', '--base', 'HEAD', '--fail-on', 'any'], { cwd: repo }).status).toBe(1);
    // The repository itself never moved: HEAD, the index and the other files are as they were.
    const after = snapshot(repo);
    for (const path of [...before.keys()].filter((p) => p.startsWith('.git/'))) {
      expect(after.get(path), path).toBe(before.get(path));
    }
  });
});
