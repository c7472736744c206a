/**
 * `user-services fmt` through the bundled command line: the canonical form of
 * a fixture catalog with every problem fmt fixes and comments everywhere
 * (test/fixtures/fmt: `services/` as written, `fixed/` the same with only the
 * fixes applied by hand, `expected/` what fmt makes of it), what it leaves and
 * reports, --check, and the safety of its writing.
 */
import { chmodSync, cpSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serviceFileNames } from '../helpers/catalog-files.js';
import { ROOT, runCli, untimed } from '../helpers/cli.js';
import { copyFixtureCatalog } from '../helpers/fixture-catalog.js';
import { readTree, tempDir, writeTree } from '../helpers/fs.js';
import { expectSameSite } from '../helpers/site.js';
import { keepTree } from '../helpers/snapshot.js';
import { canDropPrivileges, unprivileged } from '../helpers/unprivileged.js';

const FIXTURE = join(ROOT, 'test/fixtures/fmt');

/** A catalog repository holding the schema (so that a schema line added points at it) and `services/` from `from`. */
function repository(from: string): string {
  const work = writeTree(tempDir('user-services-fmt-'), { 'schema/user-service.schema.json': '{}\n' });
  cpSync(from, join(work, 'services'), { recursive: true });
  return work;
}

const site = (work: string) => readTree(join(work, 'dist'));

describe('fmt of a catalog with every problem it fixes and comments everywhere', () => {
  it('rewrites each file into its canonical form, names each, and leaves the others and every other entry', () => {
    const work = repository(join(FIXTURE, 'services'));
    const sequential = statSync(join(work, 'services/sequential-ring.yaml'));
    const run = runCli(['fmt'], { cwd: work });
    expect({ ...run, stderr: untimed(run.stderr) }).toEqual({
      status: 0,
      stdout:
        'services/busy-lamp-field.yml: reformatted\nservices/call-park.yaml: reformatted\nservices/call-waiting.yaml: reformatted\n',
      stderr: 'fmt: 4 services read, 3 reformatted in T s\n',
    });
    expect(readTree(join(work, 'services'))).toEqual(readTree(join(FIXTURE, 'expected')));
    // Already canonical: not written at all.
    const after = statSync(join(work, 'services/sequential-ring.yaml'));
    expect([after.ino, after.mtimeMs]).toEqual([sequential.ino, sequential.mtimeMs]);
  });

  it('publishes the very bytes the catalog with only the fixes applied publishes', () => {
    const fixed = repository(join(FIXTURE, 'fixed'));
    expect(runCli(['build'], { cwd: fixed }).status).toBe(0);
    const formatted = repository(join(FIXTURE, 'services'));
    expect(runCli(['build'], { cwd: formatted }).status).toBe(1);
    expect(runCli(['fmt'], { cwd: formatted }).status).toBe(0);
    expect(runCli(['build'], { cwd: formatted }).status).toBe(0);
    expectSameSite(site(formatted), site(fixed));
  });

  it('is idempotent: a second run rewrites nothing, and --check finds nothing', () => {
    const work = repository(join(FIXTURE, 'services'));
    expect(runCli(['fmt'], { cwd: work }).status).toBe(0);
    const kept = keepTree(work);
    const again = runCli(['fmt'], { cwd: work });
    expect([again.status, again.stdout, untimed(again.stderr)]).toEqual([
      0,
      '',
      'fmt: 4 services read, 0 reformatted in T s\n',
    ]);
    const check = runCli(['fmt', '--check'], { cwd: work });
    expect([check.status, check.stdout]).toEqual([0, '']);
    kept.expectUnchanged();
  });

  it('never changes what the fixture catalog of the other tests publishes', () => {
    const work = copyFixtureCatalog(tempDir('user-services-fmt-'));
    expect(runCli(['build'], { cwd: work }).status).toBe(0);
    const before = site(work);
    const run = runCli(['fmt'], { cwd: work });
    // Two of its files are in the canonical form already; its platform file is never rewritten.
    const canonical = ['hunt-group-busy.yaml', 'music-on-hold.yml', '_platform.yaml'];
    const rewritten = serviceFileNames(join(work, 'services')).filter((name) => !canonical.includes(name));
    expect([run.status, run.stdout]).toEqual([0, rewritten.map((name) => `services/${name}: reformatted\n`).join('')]);
    expect(rewritten).toHaveLength(15);
    expect(runCli(['build'], { cwd: work }).status).toBe(0);
    expectSameSite(site(work), before);
  });
});

describe('fmt --check', () => {
  it('writes nothing, names each file it would rewrite, and exits 1', () => {
    const work = repository(join(FIXTURE, 'services'));
    const kept = keepTree(work);
    const run = runCli(['fmt', '--check'], { cwd: work });
    expect({ ...run, stderr: untimed(run.stderr) }).toEqual({
      status: 1,
      stdout:
        'services/busy-lamp-field.yml: would reformat\nservices/call-park.yaml: would reformat\nservices/call-waiting.yaml: would reformat\n',
      stderr: 'fmt: 4 services read, 3 would be reformatted in T s\n',
    });
    kept.expectUnchanged();
  });
});

describe('fmt of a deprecated service with a sunset', () => {
  it('moves the sunset line (schema line added, block re-indented), publishes nothing new, and check --as-of finds it where it now is', () => {
    const work = writeTree(tempDir('user-services-fmt-'), {
      'schema/user-service.schema.json': '{}\n',
      'services/cfs.yaml': 'technical_name: Call Forwarding Selective\n',
      'services/old.yaml': [
        'technical_name: Call Forwarding Always',
        'display_name: Call Forwarding Always',
        'description: Sends every incoming call to another number',
        'no_more_assignable: true',
        'deprecation:',
        '    since: 2025-03-01',
        '    reason: replaced',
        '    replaced_by: cfs',
        '    sunset: 2025-12-31',
        '',
      ].join('\n'),
    });
    const built = runCli(['build'], { cwd: work });
    const written = /(\d+) files written, 0 unchanged/.exec(built.stderr)?.[1];
    expect([built.status, written !== undefined]).toEqual([0, true]);
    const before = runCli(['check', '--as-of', '2026-01-01'], { cwd: work });
    expect(before.stdout).toBe(
      'services/old.yaml:9:13: error past-sunset: "old" is still published, but its sunset 2025-12-31 is on or before 2026-01-01; remove the service (a planned removal), or move deprecation.sunset later\n',
    );
    const run = runCli(['fmt'], { cwd: work });
    expect({ ...run, stderr: untimed(run.stderr) }).toEqual({
      status: 0,
      stdout: 'services/cfs.yaml: reformatted\nservices/old.yaml: reformatted\n',
      stderr: 'fmt: 2 services read, 2 reformatted in T s\n',
    });
    expect(readFileSync(join(work, 'services/old.yaml'), 'utf8')).toBe(
      [
        '# yaml-language-server: $schema=../schema/user-service.schema.json',
        'technical_name: Call Forwarding Always',
        'display_name: Call Forwarding Always',
        'description: Sends every incoming call to another number',
        'no_more_assignable: true',
        'deprecation:',
        '  since: 2025-03-01',
        '  reason: replaced',
        '  replaced_by: cfs',
        '  sunset: 2025-12-31',
        '',
      ].join('\n'),
    );
    const after = runCli(['check', '--as-of', '2026-01-01'], { cwd: work });
    expect([after.status, after.stdout]).toEqual([
      1,
      'services/old.yaml:10:11: error past-sunset: "old" is still published, but its sunset 2025-12-31 is on or before 2026-01-01; remove the service (a planned removal), or move deprecation.sunset later\n',
    ]);
    // The services are the same: a build after fmt publishes nothing new.
    const rebuilt = runCli(['build'], { cwd: work });
    expect([rebuilt.status, untimed(rebuilt.stderr)]).toEqual([
      0,
      `build: 2 services read, 0 files written, ${written} unchanged, 0 removed in T s\n`,
    ]);
    // Answered from the cache (the files' outlines kept), the sunset is where it is written too.
    expect(runCli(['check', '--as-of', '2026-01-01'], { cwd: work }).stdout).toBe(after.stdout);
    expect(runCli(['check', '--as-of', '2025-12-30'], { cwd: work }).status).toBe(0);
  });
});

describe('fmt of quoted booleans', () => {
  it('writes true or false for every YAML 1.2 spelling and quoted YAML 1.1 word, and leaves other text with its error', () => {
    const work = writeTree(tempDir('user-services-fmt-'), {
      'schema/user-service.schema.json': '{}\n',
      'services/cfa.yaml':
        'technical_name: Call Forwarding Always\nfor_hg: "True"\nfor_cc: \'FALSE\'\nfor_ivr: "yes"\nfor_enduser: \'Off\'\n',
      'services/cfs.yaml': 'technical_name: Call Forwarding Selective\nfor_hg: "tRue"\n',
    });
    const check = runCli(['check'], { cwd: work });
    expect(check.stdout.split('\n').map((l) => l.replace(/ but found .*; /, ' ... '))).toEqual([
      'services/cfa.yaml:2:9: error wrong-type: for_hg must be true or false, ... remove the quotes to make it a boolean',
      'services/cfa.yaml:3:9: error wrong-type: for_cc must be true or false, ... remove the quotes to make it a boolean',
      'services/cfa.yaml:4:10: error wrong-type: for_ivr must be true or false, ... write true, without quotes, to make it a boolean',
      'services/cfa.yaml:5:14: error wrong-type: for_enduser must be true or false, ... write false, without quotes, to make it a boolean',
      'services/cfs.yaml:2:9: error wrong-type: for_hg must be true or false, but found the string "tRue"',
      '',
    ]);
    const run = runCli(['fmt'], { cwd: work });
    expect([run.status, run.stdout]).toEqual([
      1,
      'services/cfs.yaml:2:9: error wrong-type: for_hg must be true or false, but found the string "tRue"\nservices/cfa.yaml: reformatted\n',
    ]);
    expect(readFileSync(join(work, 'services/cfa.yaml'), 'utf8')).toBe(
      '# yaml-language-server: $schema=../schema/user-service.schema.json\ntechnical_name: Call Forwarding Always\nfor_hg: true\nfor_cc: false\nfor_ivr: true\nfor_enduser: false\n',
    );
  });
});

describe('files fmt cannot fix safely', () => {
  it('are left untouched and reported where their errors are, exit 1, while the others are formatted', () => {
    const work = repository(join(FIXTURE, 'fixed'));
    writeTree(join(work, 'services'), {
      'broken.yaml': 'for_hg: yes\ntechnical_name: [Call Waiting\n',
      'unknown-field.yaml': 'for_hg: yes\ntechnical_name: Call Transfer\ncolour: red\n',
      'twin.yaml': 'for_cc: "true"\ntechnical_name: CALL WAITING\n',
    });
    symlinkSync('unknown-field.yaml', join(work, 'services/linked.yaml'));
    const untouched = ['broken.yaml', 'unknown-field.yaml', 'twin.yaml', 'linked.yaml', 'call-waiting.yaml'];
    const before = untouched.map((name) => readFileSync(join(work, 'services', name)));
    const run = runCli(['fmt'], { cwd: work });
    expect(run.status).toBe(1);
    expect(run.stdout.split('\n')).toEqual([
      'services/broken.yaml:2:17: error unclosed-bracket: this [ is never closed as YAML reads it; close it with ] on the same line or on a line indented more than its key, or put the text in quotes if the [ belongs to it',
      'services/call-waiting.yaml:15:17: error duplicate-technical-name: the technical_name "Call Waiting" is also used by services/twin.yaml:2 as "CALL WAITING": the two differ only in case (Unicode case folding); names a reader cannot tell apart are one name, so each service needs its own',
      'services/linked.yaml:1:1: error symbolic-link: symbolic links are not followed (this one points to "unknown-field.yaml"); copy the file into the services folder instead',
      'services/twin.yaml:2:17: error duplicate-technical-name: the technical_name "CALL WAITING" is also used by services/call-waiting.yaml:15 as "Call Waiting": the two differ only in case (Unicode case folding); names a reader cannot tell apart are one name, so each service needs its own',
      'services/unknown-field.yaml:3:1: error unknown-field: unknown field "colour"; allowed fields are technical_name, display_name, description, no_more_assignable, deprecation, for_hg, for_cc, for_ivr, for_enduser, add_data, previous_names',
      'services/busy-lamp-field.yml: reformatted',
      'services/call-park.yaml: reformatted',
      '',
    ]);
    expect(untimed(run.stderr)).toBe('fmt: 8 services read, 2 reformatted, 5 errors in T s\n');
    expect(untouched.map((name) => readFileSync(join(work, 'services', name)))).toEqual(before);
    expect(readFileSync(join(work, 'services/call-park.yaml'), 'utf8')).toBe(
      readFileSync(join(FIXTURE, 'expected/call-park.yaml'), 'utf8'),
    );
  });

  it('refuses a services folder that is a symbolic link, and one that is missing, as check does (exit 2)', () => {
    const work = repository(join(FIXTURE, 'services'));
    symlinkSync('services', join(work, 'linked'));
    const kept = keepTree(work);
    const linked = runCli(['fmt', '--services', 'linked'], { cwd: work });
    expect([linked.status, linked.stdout, linked.stderr.split('\n')[0]]).toEqual([
      2,
      '',
      'user-services fmt: services folder is a symbolic link, which is not followed: linked',
    ]);
    expect(runCli(['fmt', '--services', 'nowhere'], { cwd: work }).status).toBe(2);
    kept.expectUnchanged();
  });
});

describe('writing', () => {
  it('keeps each file’s permission bits and leaves nothing beside the files', () => {
    const work = repository(join(FIXTURE, 'services'));
    chmodSync(join(work, 'services/call-park.yaml'), 0o640);
    chmodSync(join(work, 'services/call-waiting.yaml'), 0o600);
    expect(runCli(['fmt'], { cwd: work }).status).toBe(0);
    expect(statSync(join(work, 'services/call-park.yaml')).mode & 0o7777).toBe(0o640);
    expect(statSync(join(work, 'services/call-waiting.yaml')).mode & 0o7777).toBe(0o600);
    expect([...readTree(join(work, 'services')).keys()].sort()).toEqual(
      [...readTree(join(FIXTURE, 'expected')).keys()].sort(),
    );
  });

  it.each([
    ['as this user', false],
    ['as an unprivileged user', true],
  ])('refuses a read-only file (mode 0444) in a writable folder, %s, as an editor would (exit 1)', (_, drop) => {
    if (drop && !canDropPrivileges) return;
    const work = repository(join(FIXTURE, 'services'));
    chmodSync(work, 0o777);
    chmodSync(join(work, 'services'), 0o777);
    for (const name of ['busy-lamp-field.yml', 'call-waiting.yaml']) chmodSync(join(work, 'services', name), 0o666);
    chmodSync(join(work, 'services/call-park.yaml'), 0o444);
    const before = readFileSync(join(work, 'services/call-park.yaml'));
    const run = runCli(['fmt'], { cwd: work, ...(drop ? { program: unprivileged() } : {}) });
    expect([run.status, run.stdout.split('\n')[0], untimed(run.stderr)]).toEqual([
      1,
      'services/call-park.yaml:1:1: error format-not-written: the file may not be written (mode 0444), so fmt leaves it as it was, as an editor would; make it writable (chmod u+w, or give it to the user who formats) and run fmt again if it is to be formatted',
      'fmt: 4 services read, 2 reformatted, 1 error in T s\n',
    ]);
    expect(readFileSync(join(work, 'services/call-park.yaml'))).toEqual(before);
    expect(statSync(join(work, 'services/call-park.yaml')).mode & 0o7777).toBe(0o444);
  });

  it.runIf(canDropPrivileges)('leaves each file it may not replace as it was, and says why (exit 1)', () => {
    const work = repository(join(FIXTURE, 'services'));
    chmodSync(work, 0o755);
    // The files themselves writable by anyone: only the folder keeps them.
    for (const name of serviceFileNames(join(work, 'services'))) chmodSync(join(work, 'services', name), 0o666);
    chmodSync(join(work, 'services'), 0o555);
    const kept = keepTree(work);
    const run = runCli(['fmt'], { cwd: work, program: unprivileged() });
    const why =
      'fmt could not replace the file (EACCES), so it is left as it was; make the folder writable and run fmt again';
    expect([run.status, run.stdout, untimed(run.stderr)]).toEqual([
      1,
      ['busy-lamp-field.yml', 'call-park.yaml', 'call-waiting.yaml']
        .map((name) => `services/${name}:1:1: error format-not-written: ${why}\n`)
        .join(''),
      'fmt: 4 services read, 0 reformatted, 3 errors in T s\n',
    ]);
    kept.expectUnchanged();
  });
});
