/**
 * The cases of the adversarial corpus that cannot be committed: links, a FIFO,
 * a folder named like a service file, an unreadable file, an empty folder,
 * names that not every checkout can hold (case-only twins, non-ASCII letters,
 * Windows device names) and files too large to keep in git.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LIMITS } from '../../scripts/core/reading/limits.js';
import type { BadCase, ExpectedDiagnostic } from './bad-cases.js';

type Files = Record<string, string | Buffer>;

interface Spec {
  readonly files?: Files;
  /** Extra set-up inside the services folder (links, folders, FIFOs, modes). */
  readonly setUp?: (services: string) => void;
  readonly expected: readonly ExpectedDiagnostic[];
  readonly instances?: Record<string, string>;
  readonly unprivileged?: boolean;
}

const at = (file: string, line: number, column: number, code: string, args?: Record<string, unknown>) => ({
  file: file === '' ? 'services' : `services/${file}`,
  line,
  column,
  code,
  ...(args === undefined ? {} : { args }),
});

const service = (name: string) => `technical_name: ${name}\n`;

/** The exact bytes of an instance file with every default. */
const plainInstance = (name: string) =>
  `{"technical_name":${JSON.stringify(name)},"display_name":${JSON.stringify(name)},"description":"",` +
  `"no_more_assignable":false,"for_hg":false,"for_ivr":false,"for_cc":false,"for_enduser":false,"add_data":{}}\n`;

/** A mapping of `count` keys under add_data: `  k00000: 0`, one per line from line 3. */
function manyKeys(count: number): string {
  const lines = Array.from({ length: count }, (_, i) => `  k${String(i).padStart(5, '0')}: ${i}\n`);
  return `technical_name: Many Keys\nadd_data:\n${lines.join('')}`;
}

// Values counted before the keys of add_data: the root mapping, technical_name and its
// value, add_data and its mapping. Key i is value number 6 + 2i, its value 7 + 2i; the
// first value past the limit is therefore the value of key (limit - 6) / 2, rounded up.
const firstKeyPast = Math.ceil((LIMITS.maxNodes - 6) / 2);

const specs: Record<string, Spec> = {
  'symbolic-link-inside': {
    files: { 'good.yaml': service('Good') },
    setUp: (s) => symlinkSync('good.yaml', join(s, 'inside.yaml')),
    expected: [at('inside.yaml', 1, 1, 'symbolic-link', { target: 'good.yaml' })],
  },
  'symbolic-link-outside': {
    files: { 'good.yaml': service('Good') },
    setUp: (s) => {
      writeFileSync(join(s, '..', 'outside.yaml'), service('Outside'));
      symlinkSync('../outside.yaml', join(s, 'relative.yaml'));
      symlinkSync('/etc/passwd', join(s, 'absolute.yml'));
    },
    expected: [
      at('absolute.yml', 1, 1, 'symbolic-link', { target: '/etc/passwd' }),
      at('relative.yaml', 1, 1, 'symbolic-link', { target: '../outside.yaml' }),
    ],
  },
  'symbolic-link-dangling-and-to-folder': {
    // The folder is hidden, so that it gets no warning of its own.
    files: { 'good.yaml': service('Good'), '.sub/x.yaml': service('Nested') },
    setUp: (s) => {
      symlinkSync('missing.yaml', join(s, 'dangling.yaml'));
      symlinkSync('.sub', join(s, 'folder.yaml'));
    },
    expected: [
      at('dangling.yaml', 1, 1, 'symbolic-link', { target: 'missing.yaml' }),
      at('folder.yaml', 1, 1, 'symbolic-link', { target: '.sub' }),
    ],
  },
  'folder-named-like-a-service': {
    files: { 'good.yaml': service('Good'), 'voicemail.yaml/technical_name': 'x\n' },
    setUp: (s) => mkdirSync(join(s, 'empty.yml')),
    expected: [
      at('empty.yml', 1, 1, 'not-a-file', { kind: 'directory' }),
      at('voicemail.yaml', 1, 1, 'not-a-file', { kind: 'directory' }),
    ],
  },
  'fifo-named-like-a-service': {
    files: { 'good.yaml': service('Good') },
    // Reading a FIFO would block the build for ever; it must be refused unread.
    setUp: (s) => {
      const made = spawnSync('mkfifo', [join(s, 'pipe.yaml')]);
      if (made.status !== 0) throw new Error(`mkfifo failed: ${made.stderr}`);
    },
    expected: [at('pipe.yaml', 1, 1, 'not-a-file', { kind: 'other' })],
  },
  'unreadable-file': {
    files: { 'good.yaml': service('Good'), 'secret.yaml': service('Secret') },
    setUp: (s) => chmodSync(join(s, 'secret.yaml'), 0o000),
    expected: [at('secret.yaml', 1, 1, 'file-unreadable', { reason: 'EACCES' })],
    unprivileged: true,
  },
  'empty-services-folder': { expected: [at('', 1, 1, 'no-services', { dir: 'services' })] },
  // With files that are not hidden, the same folder also gives warnings: see test/e2e/folder-entries.test.ts.
  'only-hidden-files': {
    files: { '.README.md': '# services\n', '.#voicemail.yaml': service('Lock'), '.sub/nested.yaml': service('Nested') },
    expected: [at('', 1, 1, 'no-services', { dir: 'services' })],
  },
  'case-only-duplicates': {
    files: { 'Voicemail.yaml': service('One'), 'voicemail.yaml': service('Two'), 'VOICEMAIL.yml': service('Three') },
    expected: [
      at('VOICEMAIL.yml', 1, 1, 'duplicate-instance-name', { other: 'services/Voicemail.yaml' }),
      at('Voicemail.yaml', 1, 1, 'duplicate-instance-name', { other: 'services/VOICEMAIL.yml' }),
      at('voicemail.yaml', 1, 1, 'duplicate-instance-name', { other: 'services/VOICEMAIL.yml' }),
    ],
  },
  'file-names-non-ascii': {
    files: { 'café.yaml': service('Cafe'), 'straße.yml': service('Strasse'), 'сервис.yaml': service('Service') },
    expected: [
      at('café.yaml', 1, 1, 'invalid-instance-name', { name: 'café', problem: 'pattern' }),
      at('straße.yml', 1, 1, 'invalid-instance-name', { name: 'straße', problem: 'pattern' }),
      at('сервис.yaml', 1, 1, 'invalid-instance-name', { name: 'сервис', problem: 'pattern' }),
    ],
  },
  // The contract reserves "filters" and "index" only; Windows device names are valid instances.
  'windows-device-names-accepted': {
    files: { 'con.yaml': service('Con'), 'NUL.yml': service('Nul'), 'com1.yaml': service('Com One') },
    expected: [],
    instances: { con: plainInstance('Con'), NUL: plainInstance('Nul'), com1: plainInstance('Com One') },
  },
  'file-of-10-mb': {
    files: { 'huge.yaml': `technical_name: Huge\ndescription: ${'x'.repeat(10 * 1024 * 1024)}\n` },
    expected: [at('huge.yaml', 1, 1, 'file-too-large', { size: 10 * 1024 * 1024 + 35, limit: LIMITS.maxFileBytes })],
  },
  'file-one-byte-over-the-limit': {
    files: { 'over.yaml': padTo(LIMITS.maxFileBytes + 1, 'Over') },
    expected: [at('over.yaml', 1, 1, 'file-too-large', { size: LIMITS.maxFileBytes + 1 })],
  },
  'file-at-the-limit-accepted': {
    files: { 'limit.yaml': padTo(LIMITS.maxFileBytes, 'At The Limit') },
    expected: [],
    instances: { limit: plainInstance('At The Limit') },
  },
  'mapping-of-10000-keys': {
    files: { 'many.yaml': manyKeys(10_000) },
    expected: [
      at('many.yaml', 3 + firstKeyPast, 3 + `k${String(firstKeyPast).padStart(5, '0')}: `.length, 'too-many-nodes', {
        limit: LIMITS.maxNodes,
        viaAliases: false,
      }),
    ],
  },
  'mapping-just-under-the-node-limit-accepted': {
    // 5 values before add_data's keys, two per key: 2497 keys make 4999 values.
    files: { 'many.yaml': manyKeys(firstKeyPast) },
    expected: [],
  },
  'very-long-string': {
    files: { 'long.yaml': `technical_name: Long\ndescription: "${'y'.repeat(200_000)}"\n` },
    expected: [at('long.yaml', 2, 14, 'too-long', { field: 'description', limit: 1024, length: 200_000 })],
  },
  'compact-nesting-of-100000-levels': {
    files: { 'deep.yaml': `technical_name: Deep\nadd_data:\n  x:\n    ${'- '.repeat(100_000)}a\n` },
    // The 32nd sequence (2 columns each) has 33 collections around it: the root mapping,
    // add_data's mapping and the 31 sequences before it.
    expected: [at('deep.yaml', 4, 5 + 2 * 31, 'too-deep', { limit: LIMITS.maxDepth })],
  },
  'flow-nesting-of-100000-levels': {
    files: { 'deep.yaml': `technical_name: Deep\nadd_data: ${'['.repeat(100_000)}\n` },
    // The root mapping holds the first bracket, so the 33rd bracket has 33 collections around it.
    expected: [at('deep.yaml', 2, 11 + 32, 'too-deep', { limit: LIMITS.maxDepth })],
  },
};

/** A valid service file of exactly `size` bytes: a comment fills what the service does not. */
function padTo(size: number, name: string): string {
  const body = service(name);
  const filler = size - body.length - '#\n'.length;
  return `#${'-'.repeat(filler)}\n${body}`;
}

/** Writes every generated case under `root` and describes them. */
export function generateCases(root: string): BadCase[] {
  return Object.entries(specs).map(([name, spec]) => {
    const dir = join(root, name);
    const services = join(dir, 'services');
    mkdirSync(services, { recursive: true });
    for (const [path, content] of Object.entries(spec.files ?? {})) {
      mkdirSync(join(services, path, '..'), { recursive: true });
      writeFileSync(join(services, path), content);
    }
    spec.setUp?.(services);
    const instances = new Map(Object.entries(spec.instances ?? {}).map(([k, v]) => [k, Buffer.from(v)]));
    return { name, dir, expected: spec.expected, instances, unprivileged: spec.unprivileged === true };
  });
}
