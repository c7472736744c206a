import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from './helpers/cli.js';
import { SCHEMA_LINE } from './helpers/fs.js';

/**
 * The file name rule of the shipped catalog: the technical name in lower case,
 * every run of other characters than letters and digits turned into one "-".
 * "Call Forwarding Always" -> "call-forwarding-always",
 * "BroadWorks Receptionist - Office" -> "broadworks-receptionist-office".
 */
function instanceNameFor(technicalName: string): string {
  return technicalName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const dir = join(ROOT, 'services');
const files = readdirSync(dir).sort();

describe('the shipped catalog', () => {
  it('has 73 services, each named by the documented rule from its technical name', () => {
    expect(files).toHaveLength(73);
    for (const name of files) {
      const { technical_name } = parse(readFileSync(join(dir, name), 'utf8'));
      expect(name).toBe(`${instanceNameFor(technical_name)}.yaml`);
    }
  });

  it('starts every file with the schema line for editors', () => {
    for (const name of files) expect(readFileSync(join(dir, name), 'utf8').startsWith(SCHEMA_LINE)).toBe(true);
  });

  it('derives file names as the README says', () => {
    expect(instanceNameFor('Call Forwarding Always')).toBe('call-forwarding-always');
    expect(instanceNameFor('BroadWorks Receptionist - Office')).toBe('broadworks-receptionist-office');
    expect(instanceNameFor('Automatic Hold/Retrieve')).toBe('automatic-hold-retrieve');
    expect(instanceNameFor('N-Way Call')).toBe('n-way-call');
  });
});
