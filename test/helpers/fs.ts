import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { inPathOrder } from './site.js';

/** A fresh folder under the system's temporary folder. */
export function tempDir(prefix = 'user-services-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes files given by relative path. */
export function writeTree(root: string, files: Record<string, string | Uint8Array>): string {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

/** Every file below a folder (links followed), by relative path, as bytes. */
export function readTree(root: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (rel: string) => {
    for (const name of readdirSync(join(root, rel))) {
      const path = rel === '' ? name : `${rel}/${name}`;
      if (statSync(join(root, path)).isDirectory()) walk(path);
      else out.set(path, readFileSync(join(root, path)));
    }
  };
  walk('');
  return inPathOrder(out);
}

export const SCHEMA_LINE = '# yaml-language-server: $schema=../schema/user-service.schema.json\n';

/**
 * Sets the modification time of `path` back to `ns` (nanoseconds since the
 * epoch, as `statSync(path, { bigint: true }).mtimeNs` gives it), exactly, as
 * `touch -m -d`, `cp -a`, `rsync -a` or tar do: Node's utimes rounds.
 */
export function setModified(path: string, ns: bigint): void {
  const s = ns / 1_000_000_000n;
  const frac = (ns % 1_000_000_000n).toString().padStart(9, '0');
  execFileSync('touch', ['-m', '-d', `@${s}.${frac}`, path]);
}
