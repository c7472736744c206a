/** Signed builds to verify, their manifest rewritten as an attacker would, and where its entries lie. */
import { readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { sha256Hex } from '../../scripts/core/emit/sync/hash-index.js';
import { runCli, untimed } from './cli.js';
import { tempDir, writeTree } from './fs.js';
import type { TestKey } from './signing.js';

export const API = 'api/v1/configs/user_services';
export const MANIFEST = `${API}/_manifest/index.json`;
export const SIGNATURE = `${API}/_manifest/signature.json`;

export interface ManifestEntry {
  path: string;
  sha256: string;
  size: number;
}

/** A fresh build of a two-service catalog in a new folder, signed with `key` when given; returns the folder. */
export function buildSite(key?: TestKey): string {
  const work = writeTree(tempDir('user-services-verify-'), {
    'services/a.yaml': 'technical_name: Alpha\n',
    'services/b.yaml': 'technical_name: Beta\nfor_hg: true\n',
  });
  const signing = key === undefined ? [] : ['--signing-key', key.privateFile];
  expect(runCli(['build', '--no-cache', ...signing], { cwd: work }).status).toBe(0);
  return work;
}

/** The build folder `dist` links to: files put there are the published site's. */
export const published = (work: string): string => realpathSync(join(work, 'dist'));

/** Runs verify in `cwd`, its timing replaced. */
export function verify(cwd: string, ...args: string[]) {
  const r = runCli(['verify', ...args], { cwd });
  return { status: r.status, stdout: r.stdout, stderr: untimed(r.stderr) };
}

/** The manifest's entries as built. */
export const entriesOf = (work: string): ManifestEntry[] =>
  JSON.parse(readFileSync(join(work, 'dist', MANIFEST), 'utf8')).files;

/**
 * Writes the manifest of `work` anew with the entries `edit` returns (and
 * `api_version` 1), one key a line (so entries have lines of their own), the
 * signature removed; returns its text.
 */
export function rewriteManifest(work: string, edit: (files: ManifestEntry[]) => ManifestEntry[], top = {}): string {
  const text = `${JSON.stringify({ api_version: 1, ...top, files: edit(entriesOf(work)) }, null, 1)}\n`;
  const file = join(published(work), MANIFEST);
  rmSync(file);
  writeFileSync(file, text);
  rmSync(join(published(work), SIGNATURE), { force: true });
  return text;
}

/** `line:column` of the value of the `n`-th (0-based) entry whose path is `path` in a manifest's text. */
export function pathAt(text: string, path: string, n = 0): string {
  const needle = `"path": ${JSON.stringify(path)}`;
  let at = -1;
  for (let i = 0; i <= n; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`${path} is not in the manifest`);
  const offset = at + '"path": '.length;
  const line = text.slice(0, offset).split('\n').length;
  return `${line}:${offset - text.lastIndexOf('\n', offset - 1)}`;
}

/** An entry for `path` with the facts of `bytes`. */
export const entryFor = (path: string, bytes: Uint8Array): ManifestEntry => ({
  path,
  sha256: sha256Hex(bytes),
  size: bytes.length,
});
