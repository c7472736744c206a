/**
 * The published JSON Schemas work beyond JavaScript: Debian's python3-jsonschema
 * (the `jsonschema` of /usr/bin/python3) checks every published schema against
 * the 2020-12 meta-schema (every pattern must compile with Python's `re`),
 * validates every body of a built catalog against its schema, standalone and
 * from the OpenAPI document, refuses bodies that break the contract, and gives
 * the same answer as ajv on thousands of names and instance names.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USER_SERVICES_SCHEMA_FILES as SCHEMA_FILES } from '../../scripts/core/kinds/user-services/openapi.js';
import { OPENAPI_PATH } from '../../scripts/core/openapi/document.js';
import { errorBody, HTTP_ERROR_CODES, httpError } from '../../scripts/core/serving/http-error.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { readTree, tempDir, writeTree } from '../helpers/fs.js';
import { corpus } from '../helpers/pattern-corpus.js';
import { SAMPLE_CATALOG } from '../helpers/sample-catalog.js';

const PYTHON = '/usr/bin/python3';
const CHECKER = join(ROOT, 'test/helpers/jsonschema-check.py');
const API = 'api/v1/configs/user_services';
const DRAFT = 'https://json-schema.org/draft/2020-12/schema';

function pythonJsonschema(): boolean {
  if (spawnSync(PYTHON, ['-c', 'import jsonschema']).status === 0) return true;
  if (process.env.REQUIRE_INTEGRATION === '1') return true;
  console.warn(
    `skipping the python3-jsonschema tests: ${PYTHON} cannot import jsonschema (apt-get install python3-jsonschema; REQUIRE_INTEGRATION=1 makes this fail)`,
  );
  return false;
}

type Json = unknown;
interface Job {
  schemas: Record<string, Json>;
  bodies: [string, Json, boolean][];
  strings: Record<string, string[]>;
}
interface Verdict {
  version: string;
  schemas: Record<string, string[]>;
  bodies: [number, string, boolean, string | null][];
  strings: Record<string, boolean[]>;
}

function runPython(job: Job): Verdict {
  const r = spawnSync(PYTHON, [CHECKER], { input: JSON.stringify(job), encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${PYTHON} ${CHECKER} exited with ${r.status}: ${r.stderr}${r.error ?? ''}`);
  return JSON.parse(r.stdout);
}

const work = tempDir('user-services-python-');
let site: Map<string, Buffer>;
const body = (path: string): Json => JSON.parse((site.get(path) as Buffer).toString('utf8'));

beforeAll(() => {
  writeTree(work, Object.fromEntries(Object.entries(SAMPLE_CATALOG).map(([n, t]) => [`services/${n}`, t])));
  const built = runCli(['build', '--no-compress'], { cwd: work });
  expect(built.status, built.stderr).toBe(0);
  site = readTree(join(work, 'dist'));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The schemas as published: the service file's, the standalone ones, and each OpenAPI component. */
function publishedSchemas(): Record<string, Json> {
  // biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document is walked as plain JSON
  const doc = body(OPENAPI_PATH) as any;
  const param = doc.paths[`/${API}/{instance_name}/`].get.parameters[0].schema;
  const components = Object.keys(doc.components.schemas).map((name) => [
    `openapi:${name}`,
    { $schema: DRAFT, $ref: `#/components/schemas/${name}`, components: doc.components },
  ]);
  return {
    'service-file': JSON.parse(readFileSync(join(ROOT, 'schema/user-service.schema.json'), 'utf8')),
    'platform-file': JSON.parse(readFileSync(join(ROOT, 'schema/platform.schema.json'), 'utf8')),
    ...Object.fromEntries(Object.entries(SCHEMA_FILES).map(([path, name]) => [name, body(path)])),
    ...Object.fromEntries(components),
    'instance-name': { $schema: DRAFT, ...param },
  };
}

/** Every body of the built site with the schema it answers to, each once standalone and once from the OpenAPI document. */
function publishedBodies(): [string, Json, boolean][] {
  const lists = [...site.keys()].filter((p) => p === `${API}/index.json` || p.startsWith(`${API}/filters/`));
  // The folders for mirrors (`_full/`, ...) answer to schemas of their own.
  const instances = [...site.keys()].filter(
    (p) => p.startsWith(`${API}/`) && !lists.includes(p) && p.endsWith('/index.json') && !p.startsWith(`${API}/_`),
  );
  const sync: [string, Json][] = [
    ['FullList', body(`${API}/_full/index.json`)],
    ['HashIndex', body(`${API}/_index/index.json`)],
    ['Manifest', body(`${API}/_manifest/index.json`)],
    ['Deprecations', body(`${API}/_deprecations/index.json`)],
    ['Renames', body(`${API}/_renames/index.json`)],
    ['Deprecations', DEPRECATIONS],
    ['Renames', RENAMES],
  ];
  const errors = [
    body('404.json'),
    ...HTTP_ERROR_CODES.map((c) => JSON.parse(new TextDecoder().decode(errorBody(httpError(c, `${c} ✓ 😀`))))),
  ];
  const filters = [{}, { for_hg: true }, { for_hg: true, for_cc: false, for_ivr: true, for_enduser: false }];
  const pairs: [string, Json][] = [
    ...lists.map((p): [string, Json] => ['UserServiceList', body(p)]),
    ...instances.map((p): [string, Json] => ['UserService', body(p)]),
    ...errors.map((e): [string, Json] => ['Error', e]),
    ...filters.map((f): [string, Json] => ['ListFilter', f]),
    ...sync,
  ];
  expect([lists.length, instances.length]).toEqual([16, Object.keys(SAMPLE_CATALOG).length]);
  return pairs.flatMap(([name, b]) => [[name, b, true] as [string, Json, boolean], [`openapi:${name}`, b, true]]);
}

/** Life-cycle files with entries (the sample catalog has none): a deprecation in a leap year, a rename. */
const DEPRECATION = {
  instance_name: 'fax',
  technical_name: 'Fax',
  url: '../fax/',
  since: '2024-02-29',
  reason: 'replaced',
  note: null,
  replaced_by: { instance_name: 'voicemail', url: '../voicemail/' },
  sunset: '2025-12-31',
};
const DEPRECATIONS = { api_version: 1, user_services: [DEPRECATION] };
const RENAMES = {
  api_version: 1,
  renames: [{ previous_name: 'vm', previous_url: '../vm/', instance_name: 'voicemail', url: '../voicemail/' }],
};

/** Bodies that break the contract, each of which both schemas must refuse. */
function refusedBodies(): [string, Json, boolean][] {
  const good = body(`${API}/voicemail/index.json`) as Record<string, Json>;
  const bad: [string, Json][] = [
    ['UserService', { ...good, extra: 1 }],
    ['UserService', { ...good, for_hg: 'true' }],
    ['UserService', { ...good, technical_name: ' padded' }],
    ['UserService', { ...good, technical_name: 'Voicemail\u00a0' }],
    ['UserService', { ...good, display_name: 'Voice\u{E0001}mail' }],
    ['UserService', { ...good, technical_name: 'a  b' }],
    ['UserService', { ...good, technical_name: '' }],
    ['UserService', { ...good, technical_name: '😀'.repeat(81) }],
    ['UserService', { ...good, add_data: [] }],
    ['UserServiceList', { user_services: [good] }],
    ['ListFilter', { limit: 1 }],
    ['Error', { error: { status: 404, code: 'lost', message: 'x' } }],
    ['Deprecations', { ...DEPRECATIONS, user_services: [{ ...DEPRECATION, since: '2023-02-29' }] }],
    ['Deprecations', { ...DEPRECATIONS, user_services: [{ ...DEPRECATION, reason: 'obsolete' }] }],
    ['Deprecations', { ...DEPRECATIONS, user_services: [{ ...DEPRECATION, replaced_by: 'voicemail' }] }],
    ['Renames', { ...RENAMES, renames: [{ previous_name: 'vm', instance_name: 'voicemail' }] }],
  ];
  const serviceFiles: [string, Json, boolean][] = [
    ['service-file', { technical_name: 'Numéro Privé 😀', add_data: { x: [1] } }, true],
    ['service-file', { technical_name: 'A', colour: 'red' }, false],
    ['service-file', { technical_name: 'A\u200b' }, false],
    ['service-file', { display_name: 'A' }, false],
    [
      'service-file',
      {
        technical_name: 'A',
        no_more_assignable: true,
        deprecation: { since: '2000-02-29', reason: 'security', replaced_by: 'b', sunset: '2100-02-28' },
        previous_names: ['a-old', 'A.v1'],
      },
      true,
    ],
    ['service-file', { technical_name: 'A', deprecation: { since: '2100-02-29' } }, false],
    ['service-file', { technical_name: 'A', deprecation: { reason: 'security' } }, false],
    ['service-file', { technical_name: 'A', previous_names: ['Index'] }, false],
    ['service-file', { technical_name: 'A', previous_names: ['a.'] }, false],
    // Every value of deprecation and previous_names the tool refuses, the schema refuses too.
    ...[['replaced'], { a: 1 }, true, 5, null].map((reason): [string, Json, boolean] => [
      'service-file',
      { technical_name: 'A', no_more_assignable: true, deprecation: { since: '2025-03-01', reason } },
      false,
    ]),
    ...(['note', 'sunset', 'replaced_by'] as const).map((field): [string, Json, boolean] => [
      'service-file',
      { technical_name: 'A', no_more_assignable: true, deprecation: { since: '2025-03-01', [field]: null } },
      false,
    ]),
    ['service-file', { technical_name: 'A', previous_names: ['cw', ['x']] }, false],
    ['service-file', { technical_name: 'A', previous_names: null }, false],
    // The platform file's names follow the technical_name rule.
    ['platform-file', { extra_service_names: ['Lead', 'Caⅼl Notify'] }, true],
    ['platform-file', { extra_service_names: [' Lead'] }, false],
    ['platform-file', { extra_service_names: ['Night  Mode'] }, false],
    ['platform-file', { extra_service_names: ['A\u200bB'] }, false],
    ['platform-file', { extra_service_names: ['Lead', 'Lead'] }, false],
  ];
  return [
    ...bad.flatMap(([name, b]): [string, Json, boolean][] => [
      [name, b, false],
      [`openapi:${name}`, b, false],
    ]),
    ...serviceFiles,
  ];
}

describe.skipIf(!pythonJsonschema())("Debian's python3-jsonschema", () => {
  const names = corpus(5000);
  let verdict: Verdict;
  let job: Job;

  beforeAll(() => {
    job = {
      schemas: publishedSchemas(),
      bodies: [...publishedBodies(), ...refusedBodies()],
      strings: { 'openapi:Name': names, 'instance-name': names },
    };
    verdict = runPython(job);
  });

  it('is the Debian package, a release that knows draft 2020-12', () => {
    expect(verdict.version).toMatch(/^4\./);
  });

  it('finds every published schema valid against the 2020-12 meta-schema, patterns included', () => {
    expect(Object.keys(verdict.schemas).sort()).toEqual(
      [
        'Error',
        'ListFilter',
        'UserService',
        'UserServiceList',
        'instance-name',
        'openapi:Error',
        'openapi:ListFilter',
        'openapi:Name',
        'openapi:UserService',
        'openapi:UserServiceList',
        'openapi:UserServiceSummary',
        'platform-file',
        'service-file',
        // The files for mirrors.
        ...['FullList', 'HashIndex', 'History', 'Manifest', 'Signature', 'Deprecations', 'Renames'].flatMap((n) => [
          n,
          `openapi:${n}`,
        ]),
      ].sort(),
    );
    for (const [name, errors] of Object.entries(verdict.schemas)) expect([name, errors]).toEqual([name, []]);
  });

  it('validates every published body and refuses every broken one, as expected', () => {
    expect(job.bodies.length).toBeGreaterThan(80);
    expect(verdict.bodies).toEqual([]);
  });

  it('answers as ajv does on names and instance names, astral characters and lone surrogates included', () => {
    const ajv = new Ajv2020({ strict: false });
    for (const [name, strings] of Object.entries(job.strings)) {
      const validate = ajv.compile(job.schemas[name] as object);
      const differ = strings.filter((s, i) => validate(s) !== verdict.strings[name]?.[i]);
      expect([name, differ]).toEqual([name, []]);
      // Random code points are mostly unassigned or private use, which names refuse: fewer names pass.
      expect(verdict.strings[name]?.filter(Boolean).length).toBeGreaterThan(150);
    }
  });

  it('would refuse a pattern with \\p{...}, as the former schema had, so the checks above can fail', () => {
    const former = { $schema: DRAFT, type: 'string', pattern: '^[^\\p{Cc}]*$' };
    const r = runPython({ schemas: { former }, bodies: [['former', 'a', true]], strings: {} });
    expect(r.schemas.former).toEqual(["'^[^\\\\p{Cc}]*$' is not a 'regex'"]);
    expect(r.bodies[0]?.[3]).toMatch(/bad escape \\p/);
  });
});
