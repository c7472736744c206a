import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BROADWORKS_SERVICE_NAMES } from '../../../scripts/core/model/broadworks-names.js';
import { validateService } from '../../../scripts/core/model/service-schema.js';
import { nameKey } from '../../../scripts/core/unicode/fold.js';
import { DATA, namesOf, OUTPUT, serviceNamesModule } from '../../../scripts/service-names.mjs';
import { ROOT } from '../../helpers/cli.js';

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

describe('the shipped BroadWorks user service names', () => {
  it('are what scripts/service-names.mjs makes of the data file (run it after changing the file)', () => {
    expect(read(OUTPUT)).toBe(serviceNamesModule(read(DATA)));
  });

  it('are the 212 values of the data file, in its order, its header saying where they come from', () => {
    const text = read(DATA);
    expect(text.split('\n')[0]).toMatch(/^# BroadWorks user service names: the values of the UserService enumeration/);
    expect(BROADWORKS_SERVICE_NAMES).toEqual(namesOf(text));
    expect(BROADWORKS_SERVICE_NAMES).toHaveLength(212);
    expect(BROADWORKS_SERVICE_NAMES.slice(0, 3)).toEqual(['3G/4G Continuity', '5G', 'Advice Of Charge']);
    expect(BROADWORKS_SERVICE_NAMES).toContain('Call Forwarding Always');
  });

  it('are each unique, also as a reader sees them (case, accents, compatibility forms)', () => {
    expect(new Set(BROADWORKS_SERVICE_NAMES).size).toBe(BROADWORKS_SERVICE_NAMES.length);
    expect(new Set(BROADWORKS_SERVICE_NAMES.map(nameKey)).size).toBe(BROADWORKS_SERVICE_NAMES.length);
  });

  it('are each a valid technical_name of a service file', () => {
    const refused = BROADWORKS_SERVICE_NAMES.filter((name) => !validateService({ technical_name: name }));
    expect(refused).toEqual([]);
  });

  it('are read from lines that are neither comments nor blank, and a bad data file is refused', () => {
    expect(namesOf('# source\n\nA\nB C\n')).toEqual(['A', 'B C']);
    expect(() => namesOf('A\nB\nA\n')).toThrow('data/broadworks-user-service-names.txt: "A" is listed twice');
    expect(() => namesOf('A \n')).toThrow('data/broadworks-user-service-names.txt: blanks around the name "A "');
  });
});
