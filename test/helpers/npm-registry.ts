/**
 * A registry of npm on loopback for the package's releases, so that npm
 * installs `@scope/name@version` as it would from registry.npmjs.org, offline:
 * the packument (the package's document) at `/@scope%2fname` and each version's
 * tarball below `/-/`, served by Python's static file server.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { expect } from 'vitest';
import { must } from './adoption.js';
import { freePort, type Running, startServer } from './program.js';

/**
 * A copy of the release tree `tree` as the release `version`: package.json and
 * the version the bundle says (`--version`) both changed. Returns its folder.
 */
export function releaseAs(tree: string, version: string, to: string): string {
  cpSync(tree, to, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(to, 'package.json'), 'utf8'));
  const was = `version: ${JSON.stringify(manifest.version)},`;
  const chunks = readdirSync(join(to, 'lib/chunks')).map((f) => join(to, 'lib/chunks', f));
  // The bundle holds package.json as an object literal, once.
  const holding = chunks.filter((f) => readFileSync(f, 'utf8').includes(was));
  expect(holding).toHaveLength(1);
  const chunk = holding[0] as string;
  writeFileSync(chunk, readFileSync(chunk, 'utf8').replace(was, `version: ${JSON.stringify(version)},`));
  writeFileSync(join(to, 'package.json'), `${JSON.stringify({ ...manifest, version }, null, 2)}\n`);
  return to;
}

/** Serves the packages of the folders `trees` (release trees, each one version of one package) from `dir`. */
export async function npmRegistry(
  env: Record<string, string>,
  dir: string,
  trees: readonly string[],
): Promise<Running> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  mkdirSync(join(dir, '-'), { recursive: true });
  const packuments = new Map<string, { name: string; 'dist-tags': { latest: string }; versions: object }>();
  for (const tree of trees) {
    const [packed] = JSON.parse(must(env, tree, 'npm', ['pack', '--json', '--pack-destination', join(dir, '-')]));
    const file = join(dir, '-', basename(packed.filename));
    const bytes = readFileSync(file);
    const manifest = JSON.parse(readFileSync(join(tree, 'package.json'), 'utf8'));
    const dist = {
      tarball: `${origin}/-/${basename(file)}`,
      shasum: createHash('sha1').update(bytes).digest('hex'),
      integrity: `sha512-${createHash('sha512').update(bytes).digest('base64')}`,
    };
    const doc = packuments.get(manifest.name) ?? {
      name: manifest.name,
      'dist-tags': { latest: manifest.version },
      versions: {},
    };
    doc.versions = { ...doc.versions, [manifest.version]: { ...manifest, dist } };
    packuments.set(manifest.name, doc);
  }
  for (const [name, doc] of packuments) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), JSON.stringify(doc));
  }
  return startServer('python3', ['-m', 'http.server', '--bind', '127.0.0.1', '--directory', dir, String(port)], port);
}
