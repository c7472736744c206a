/**
 * The adversarial corpus, run through the bundled command line exactly as CI
 * runs it: every broken case gives exactly its located diagnostics in text and
 * in JSON, exit status 1, no stack trace, and leaves the previously built site
 * untouched (bytes and modification times); every accepted case builds.
 */
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, readdirSync, rmSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BadCase, briefOf, type ExpectedDiagnostic, fixtureCases } from '../helpers/bad-cases.js';
import { generateCases } from '../helpers/bad-generated.js';
import { type Run, runCli, runCliAsync } from '../helpers/cli.js';
import { FIXTURE_SERVICES } from '../helpers/fixture-catalog.js';
import { readTree, tempDir } from '../helpers/fs.js';
import { type KeptTree, keepTree } from '../helpers/snapshot.js';
import { canDropPrivileges, isRoot, readableWithoutPrivileges, unprivileged } from '../helpers/unprivileged.js';

const work = tempDir('user-services-adversarial-');
// Cases are copied or generated before the tests are collected, so that each is its own test.
// Outside the repository no package.json is found above them: no analysis cache answers for the parser.
const copied = fixtureCases().map((c) => {
  const dir = join(work, 'fixtures', c.name);
  cpSync(c.dir, dir, { recursive: true });
  return { ...c, dir };
});
const cases: BadCase[] = [...copied, ...generateCases(join(work, 'generated'))];
const site = join(work, 'site');
const dist = join(site, 'dist');
const INSTANCES = 'api/v1/configs/user_services';

// Root reads every file whatever its mode: the unreadable case then runs as "nobody" (see unprivileged).
function run(c: BadCase, out: string, format: 'text' | 'json'): Promise<Run> {
  const args = ['build', '--services', 'services', '--out', out, '--format', format];
  const program = c.unprivileged ? unprivileged() : undefined;
  return runCliAsync(args, { cwd: c.dir, env: { NO_COLOR: '1' }, program });
}

/** The files of a case made unreadable (mode 000), each checked to be so to the process that reads it. */
function unreadableFiles(c: BadCase): string[] {
  const services = join(c.dir, 'services');
  const locked = readdirSync(services).filter((name) => (statSync(join(services, name)).mode & 0o444) === 0);
  return locked.filter((name) => !readableWithoutPrivileges(join(services, name)));
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Digest of every file below a folder (links followed), by relative path: cheap to compare. */
function digests(root: string): Map<string, string> {
  return new Map([...readTree(root)].map(([path, bytes]) => [path, sha256(bytes)]));
}

/**
 * The corpus is about hostile input, not about names: its cases make up their
 * technical names, which BroadWorks does not have. That warning
 * (`unknown-service-name`) is left out of what the cases are compared with.
 */
const NAMES = 'unknown-service-name';
const aboutNames = (line: string): boolean => line.includes(`: warning ${NAMES}: `);
const withoutNames = <T extends { code: string }>(ds: readonly T[]): T[] => ds.filter((d) => d.code !== NAMES);
/** The summary of a build, without the count of the warnings left out. */
const SUMMARY_WARNINGS = /(, \d+ warnings?)?/.source;

/** `file:line:col code` of each text diagnostic line; anything else on standard output is kept whole. */
function textBriefs(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((l) => l !== '' && !aboutNames(l))
    .map((l) => {
      const m = /^(.*):(\d+):(\d+): error ([a-z0-9-]+): \S/.exec(l);
      return m === null ? `unparsed: ${l}` : `${m[1]}:${m[2]}:${m[3]} ${m[4]}`;
    });
}

const sorted = (xs: readonly ExpectedDiagnostic[]) => [...xs].map(briefOf).sort();

function expectNoCrash(r: Run): void {
  const all = `${r.stdout}\n${r.stderr}`;
  expect(all).not.toMatch(/^\s+at /m);
  expect(all).not.toContain('internal error');
}

let before: KeptTree;
let beforeEntries: string[];

beforeAll(() => {
  // The previous site: the fixture catalog, built once.
  const built = runCli(['build', '--services', FIXTURE_SERVICES, '--out', dist], { cwd: work });
  expect(built.status, built.stderr).toBe(0);
  before = keepTree(dist);
  beforeEntries = readdirSync(site).sort();
  // "nobody" must be able to reach the cases.
  if (isRoot) for (const dir of [work, join(work, 'generated'), join(work, 'fixtures')]) chmodSync(dir, 0o755);
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('the corpus', () => {
  it('holds at least 60 refused cases and some accepted ones, each named once', () => {
    const refused = cases.filter((c) => c.expected.length > 0);
    expect(refused.length).toBeGreaterThanOrEqual(60);
    expect(cases.length - refused.length).toBeGreaterThanOrEqual(10);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it('names every YAML syntax class the parser can be made to report where no code of ours words it', () => {
    const classes = new Set(
      cases.flatMap((c) => c.expected.map((d) => d.args?.parserCode).filter((x) => typeof x === 'string')),
    );
    expect([...classes].sort()).toEqual([
      'ALIAS_PROPS',
      'BAD_ALIAS',
      'BAD_DIRECTIVE',
      'BAD_PROP_ORDER',
      'BLOCK_AS_IMPLICIT_KEY',
      'BLOCK_IN_FLOW',
      'KEY_OVER_1024_CHARS',
      'MISSING_CHAR',
      'MULTILINE_IMPLICIT_KEY',
      'MULTIPLE_ANCHORS',
      'MULTIPLE_TAGS',
      'TAB_AS_INDENT',
      'UNEXPECTED_TOKEN',
    ]);
  });

  it('holds every frequent mistake and refused YAML feature that has a code of its own', () => {
    const codes = new Set(cases.flatMap((c) => c.expected.map((d) => d.code)));
    for (const code of [
      'unclosed-quote',
      'unclosed-bracket',
      'key-indentation',
      'colon-in-text',
      'tab-indentation',
      'missing-space-after-colon',
      'value-not-indented',
      'repeated-directive',
      'reserved-directive',
      'anchor-name-colon',
    ]) {
      expect(codes, code).toContain(code);
    }
  });
});

describe.concurrent('each refused case', () => {
  for (const c of cases.filter((x) => x.expected.length > 0)) {
    const skip = c.unprivileged === true && !canDropPrivileges;
    it.skipIf(skip)(
      `${c.name}${skip ? ' (skipped: running as root without setpriv, any file is readable)' : ''}`,
      async ({ expect }) => {
        // A case about a file the process may not read proves nothing if the process can read it.
        if (c.unprivileged) expect(unreadableFiles(c)).toEqual(c.expected.map((d) => d.file.split('/').at(-1)));
        const text = await run(c, dist, 'text');
        const json = await run(c, dist, 'json');
        expect(text.status, text.stdout + text.stderr).toBe(1);
        expect(textBriefs(text.stdout).sort()).toEqual(sorted(c.expected));
        expect(text.stderr).toMatch(
          new RegExp(
            `^build: \\d+ services? read, \\d+ errors?${SUMMARY_WARNINGS}, nothing written in \\d+\\.\\d\\d s\\n$`,
          ),
        );
        expectNoCrash(text);

        expect(json.status).toBe(1);
        expect(json.stderr).toBe('');
        const report = JSON.parse(json.stdout);
        expect(
          withoutNames(report.diagnostics as ExpectedDiagnostic[])
            .map(briefOf)
            .sort(),
        ).toEqual(sorted(c.expected));
        for (const e of c.expected.filter((x) => x.args !== undefined)) {
          const found = report.diagnostics.find((d: ExpectedDiagnostic) => briefOf(d) === briefOf(e));
          expect(found.args, briefOf(e)).toMatchObject(e.args ?? {});
        }
        expect(report.summary.errors).toBe(c.expected.length);
        expect(report.summary.files).toBeUndefined();

        // Nothing written: the previous site keeps its bytes and times, and no debris appears beside it.
        before.expectUnchanged();
        expect(readdirSync(site).sort()).toEqual(beforeEntries);
      },
    );
  }
});

describe.concurrent('each accepted case', () => {
  for (const c of cases.filter((x) => x.expected.length === 0)) {
    it(c.name, async ({ expect }) => {
      const out = join(work, 'accepted', c.name);
      const text = await run(c, join(out, 'text'), 'text');
      const json = await run(c, join(out, 'json'), 'json');
      expect(text.status, text.stdout + text.stderr).toBe(0);
      expect(text.stdout.split('\n').filter((l) => l !== '' && !aboutNames(l))).toEqual([]);
      expect(text.stderr).toMatch(
        new RegExp(
          `^build: \\d+ services? read(, 0 errors${SUMMARY_WARNINGS})?, \\d+ files written, 0 unchanged, 0 removed in \\d+\\.\\d\\d s\\n$`,
        ),
      );
      expectNoCrash(text);
      expect(json.status).toBe(0);
      expect(withoutNames(JSON.parse(json.stdout).diagnostics)).toEqual([]);

      expect([...digests(join(out, 'json'))]).toEqual([...digests(join(out, 'text'))]);
      const built = readTree(join(out, 'text'));
      for (const [instance, bytes] of c.instances) {
        expect(built.get(`${INSTANCES}/${instance}/index.json`)?.toString(), instance).toBe(bytes.toString());
      }
    });
  }
});

describe('what the corpus must not leak', () => {
  it('never prints the absolute path of a case or the user name in a path', () => {
    // Diagnostics name files relative to the working directory; a target of a link is shown as written.
    const c = cases.find((x) => x.name === 'symbolic-link-outside') as BadCase;
    const r = runCli(['check', '--services', 'services'], { cwd: c.dir });
    expect(r.status).toBe(1);
    expect(r.stdout).not.toContain(work);
    expect(r.stdout).not.toContain(`/home/${userInfo().username}`);
  });
});
