import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { messageFor } from '../../../scripts/core/diagnostics/messages.js';
import { EXTRA_NAMES_KEY, PLATFORM_KEYS } from '../../../scripts/core/model/platform.js';
import { entryRole, PLATFORM_FILE } from '../../../scripts/core/reading/input.js';
import { ROOT } from '../../helpers/cli.js';
import { analyzeTexts } from '../../helpers/core.js';

const SERVICE = { 'a.yaml': 'technical_name: Call Forwarding Always\n' };

const lines = (platform: string) =>
  analyzeTexts({ ...SERVICE, '_platform.yaml': platform }, 'services', { names: true }).diagnostics.map(
    (d) => `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${messageFor(d)}`,
  );

describe('the platform file', () => {
  it('is read as the platform file, by its one exact name, and never as a service', () => {
    expect(PLATFORM_FILE).toBe('_platform.yaml');
    expect(
      ['_platform.yaml', '_platform.yml', '_Platform.yaml', 'platform.yaml', '._platform.yaml'].map((n) =>
        entryRole(n),
      ),
    ).toEqual(['platform', 'service', 'service', 'service', 'hidden']);
    const analysis = analyzeTexts({ ...SERVICE, '_platform.yaml': 'extra_service_names: [X]\n' });
    expect([analysis.fileCount, analysis.services.length, analysis.diagnostics]).toEqual([1, 1, []]);
  });

  it('says, when a file is named like it but not exactly, what its name is', () => {
    const { diagnostics } = analyzeTexts({ ...SERVICE, '_platform.yml': 'extra_service_names: [X]\n' });
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`)).toEqual([
      'services/_platform.yml:1:1 invalid-instance-name',
      'services/_platform.yml:1:1 missing-field',
      'services/_platform.yml:1:1 unknown-field',
    ]);
    expect(messageFor(diagnostics[0] as (typeof diagnostics)[number])).toBe(
      'the instance name "_platform" (the file name without .yaml) is not valid: it must start with a letter or digit and use only letters A-Z, digits, "_", "." and "-"; rename the file (the platform file is named exactly _platform.yaml)',
    );
  });

  it('alone is no catalog', () => {
    const analysis = analyzeTexts({ '_platform.yaml': 'extra_service_names: []\n' });
    expect([analysis.fileCount, analysis.diagnostics.map((d) => d.code)]).toEqual([0, ['no-services']]);
  });

  it('may hold nothing but comments, or an empty list, and declares nothing', () => {
    expect(lines('# nothing yet\n')).toEqual([]);
    expect(lines('')).toEqual([]);
    expect(lines('extra_service_names: []\n')).toEqual([]);
  });

  it('refuses an unknown key at the key, with the key it is likely a typo of', () => {
    expect(lines('extra_servise_names: [A]\ncolour: red\n')).toEqual([
      'services/_platform.yaml:1:1: error platform-unknown-key: unknown key "extra_servise_names" in the platform file; did you mean "extra_service_names"?',
      'services/_platform.yaml:2:1: error platform-unknown-key: unknown key "colour" in the platform file; its only key is extra_service_names',
    ]);
  });

  it('refuses values of the wrong type where they are', () => {
    expect(lines('- A\n')).toEqual([
      'services/_platform.yaml:1:1: error platform-wrong-type: the platform file (_platform.yaml) must be a mapping of keys (extra_service_names: ...), but found a list',
    ]);
    expect(lines('extra_service_names: Premium Concierge\n')).toEqual([
      'services/_platform.yaml:1:22: error platform-wrong-type: extra_service_names must be a list of service names, one "- name" a line, but found the string "Premium Concierge"',
    ]);
    expect(lines('extra_service_names:\n  - A\n  - 5\n  - ""\n  - {x: 1}\n  -\n')).toEqual([
      'services/_platform.yaml:3:5: error platform-wrong-type: extra_service_names[1] must be a service name: text that is not empty, but found the number 5',
      'services/_platform.yaml:4:5: error platform-wrong-type: extra_service_names[2] must be a service name: text that is not empty, but found the string ""',
      'services/_platform.yaml:5:5: error platform-wrong-type: extra_service_names[3] must be a service name: text that is not empty, but found a mapping',
      'services/_platform.yaml:6:4: error platform-wrong-type: extra_service_names[4] must be a service name: text that is not empty, but found no value',
    ]);
  });

  it('refuses a name listed twice, at the second, naming the line of the first', () => {
    expect(lines('extra_service_names:\n  - A\n  - B\n  - A\n  - A\n')).toEqual([
      'services/_platform.yaml:4:5: error platform-duplicate-name: the service name "A" is listed twice (also on line 2); keep one',
      'services/_platform.yaml:5:5: error platform-duplicate-name: the service name "A" is listed twice (also on line 2); keep one',
    ]);
  });

  it('warns of a name the tool ships already', () => {
    expect(lines('extra_service_names:\n  - Call Forwarding Always\n  - Premium\n')).toEqual([
      'services/_platform.yaml:2:5: warning platform-known-name: "Call Forwarding Always" is a BroadWorks user service name the tool knows already; remove it from extra_service_names',
    ]);
  });

  it('gets the problems of reading YAML any file gets', () => {
    expect(lines('extra_service_names: [A]\nextra_service_names: [B]\n').map((l) => l.split(': ')[1])).toEqual([
      'error duplicate-key',
    ]);
    expect(lines('extra_service_names: [A\n').map((l) => l.split(': ')[1])).toEqual(['error unclosed-bracket']);
  });

  it("holds the keys of its published schema, and the tool agrees with the schema's verdict", () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schema/platform.schema.json'), 'utf8'));
    expect(PLATFORM_KEYS).toEqual([EXTRA_NAMES_KEY]);
    expect(Object.keys(schema.properties)).toEqual(PLATFORM_KEYS);
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);
    const documents = [
      'extra_service_names: [A, B]\n',
      'extra_service_names: []\n',
      '{}\n',
      'extra_service_names: [A, A]\n',
      'extra_service_names: [A, 1]\n',
      'extra_service_names: [""]\n',
      'extra_service_names: A\n',
      'extra_service_names:\n',
      'other: [A]\n',
      '- A\n',
      '"text"\n',
    ];
    for (const text of documents) {
      const errors = analyzeTexts({ ...SERVICE, '_platform.yaml': text }).diagnostics.filter(
        (d) => d.severity === 'error',
      );
      expect([text, errors.length > 0]).toEqual([text, !validate(parse(text))]);
    }
  });
});
