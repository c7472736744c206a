import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { instanceNameFor } from '../scripts/core/input.js';
import { ROOT } from './helpers/cli.js';
import { SCHEMA_LINE } from './helpers/fs.js';

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
