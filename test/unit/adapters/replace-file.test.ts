import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replaceFile } from '../../../scripts/adapters/replace-file.js';
import { tempDir } from '../../helpers/fs.js';
import { keepTree } from '../../helpers/snapshot.js';

const bytes = (s: string) => Buffer.from(s, 'utf8');

describe('replacing a service file', () => {
  it('writes the new bytes in one rename, keeps the permission bits, and leaves nothing beside', () => {
    const dir = tempDir();
    const path = join(dir, 'a.yaml');
    writeFileSync(path, 'old\n');
    chmodSync(path, 0o640);
    const inode = statSync(path).ino;
    expect(replaceFile(path, bytes('old\n'), bytes('new\n'))).toEqual({ kind: 'replaced' });
    expect(readFileSync(path, 'utf8')).toBe('new\n');
    expect(statSync(path).mode & 0o7777).toBe(0o640);
    expect(statSync(path).ino).not.toBe(inode);
    expect(readdirSync(dir)).toEqual(['a.yaml']);
  });

  it('keeps a file whose bytes changed since they were read (an editor saved it), and says so', () => {
    const dir = tempDir();
    const path = join(dir, 'a.yaml');
    writeFileSync(path, "the editor's\n");
    const kept = keepTree(dir);
    expect(replaceFile(path, bytes('what fmt read\n'), bytes('formatted\n'))).toEqual({ kind: 'changed' });
    kept.expectUnchanged();
  });

  it('never writes through a symbolic link, nor into a folder in the file’s place', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'target.yaml'), 'old\n');
    symlinkSync('target.yaml', join(dir, 'a.yaml'));
    mkdirSync(join(dir, 'b.yaml'));
    const kept = keepTree(dir);
    const notAFile = { kind: 'failed', reason: 'not-a-file', errno: 'not a plain file' };
    expect(replaceFile(join(dir, 'a.yaml'), bytes('old\n'), bytes('new\n'))).toEqual(notAFile);
    expect(replaceFile(join(dir, 'b.yaml'), bytes('old\n'), bytes('new\n'))).toEqual(notAFile);
    kept.expectUnchanged();
  });

  it('fails, keeping everything, when the file is gone', () => {
    const dir = tempDir();
    const kept = keepTree(dir);
    expect(replaceFile(join(dir, 'gone.yaml'), bytes('old\n'), bytes('new\n'))).toEqual({
      kind: 'failed',
      reason: 'missing',
      errno: 'ENOENT',
    });
    kept.expectUnchanged();
  });
});
