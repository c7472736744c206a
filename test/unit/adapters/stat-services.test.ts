/**
 * The folder listing that lets a build answer without reading a file
 * (`scripts/adapters/stat-services.ts`): trusted only once every entry is
 * older than a clock tick, and different after any change.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { statServices } from '../../../scripts/adapters/stat-services.js';
import { tempDir } from '../../helpers/fs.js';

const settle = () => new Promise((r) => setTimeout(r, 120));

describe('statServices', () => {
  it('doubts a listing with a change younger than a clock tick, and trusts it once older', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.yaml'), 'technical_name: A\n');
    writeFileSync(join(dir, 'notes.txt'), 'not a service\n');
    expect(statServices(dir, dir)).toBeNull();
    await settle();
    const listed = statServices(dir, dir);
    expect(listed).toMatch(/^[0-9a-f]{40}$/);
    expect(statServices(dir, dir)).toBe(listed);
    // The content of a file that is not a service file does not count (its name and type do).
    writeFileSync(join(dir, 'notes.txt'), 'changed\n');
    expect(statServices(dir, dir)).toBe(listed);
  });

  it('changes with a file rewritten to the same size, and with a file added', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.yaml'), 'technical_name: A\n');
    await settle();
    const before = statServices(dir, dir);
    writeFileSync(join(dir, 'a.yaml'), 'technical_name: B\n');
    expect(statServices(dir, dir)).toBeNull();
    await settle();
    const rewritten = statServices(dir, dir);
    expect(rewritten).not.toBeNull();
    expect(rewritten).not.toBe(before);
    writeFileSync(join(dir, 'b.yml'), 'technical_name: B\n');
    await settle();
    const added = statServices(dir, dir);
    expect([before, rewritten]).not.toContain(added);
  });

  it('names the folder it cannot list', () => {
    const dir = tempDir();
    expect(() => statServices(join(dir, 'missing'), dir)).toThrow(/services folder not found/);
  });
});
