/**
 * The check that a refusal touched nothing (test/helpers/snapshot.ts): it
 * must fail on every kind of change, or the refusal tests that use it prove
 * nothing.
 */
import { mkdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, writeTree } from '../../helpers/fs.js';
import { keepTree } from '../../helpers/snapshot.js';

function tree(): string {
  const root = tempDir('user-services-keep-');
  writeTree(root, { '.git/HEAD': 'ref: refs/heads/main\n', 'services/a.yaml': 'technical_name: A\n' });
  symlinkSync('services', join(root, 'link'));
  return root;
}

const changes: [string, (root: string) => void][] = [
  ['a file added', (root) => writeFileSync(join(root, 'services', 'b.yaml'), 'technical_name: B\n')],
  ['an empty folder added', (root) => mkdirSync(join(root, 'dist'))],
  ['a hidden file removed', (root) => rmSync(join(root, '.git', 'HEAD'))],
  ['a file’s bytes changed', (root) => writeFileSync(join(root, 'services', 'a.yaml'), 'technical_name: Z\n')],
  ['a file’s time changed', (root) => utimesSync(join(root, 'services', 'a.yaml'), 1, 1)],
  [
    'a link pointing elsewhere',
    (root) => {
      rmSync(join(root, 'link'));
      symlinkSync('.git', join(root, 'link'));
    },
  ],
];

describe('keepTree', () => {
  it('passes when nothing changed', () => {
    const root = tree();
    const kept = keepTree(root);
    expect(() => kept.expectUnchanged()).not.toThrow();
  });

  it.each(changes)('fails on %s', (_, change) => {
    const root = tree();
    const kept = keepTree(root);
    change(root);
    expect(() => kept.expectUnchanged()).toThrow(/the tree under/);
  });

  it('leaves out only the paths it is told to', () => {
    const root = tree();
    const kept = keepTree(root);
    writeFileSync(join(root, '.out.lock'), '1\n');
    expect(() => kept.expectUnchanged((path) => path === '.out.lock')).not.toThrow();
    writeFileSync(join(root, 'services', 'b.yaml'), 'technical_name: B\n');
    expect(() => kept.expectUnchanged((path) => path === '.out.lock')).toThrow(/the tree under/);
  });
});
