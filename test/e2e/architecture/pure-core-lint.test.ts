/**
 * The lint override of biome.json on scripts/core/** fires: biome, run on
 * probe files in a copy of this project's lint configuration, refuses every
 * import outside the core's allow-list (node:crypto, node:zlib, ajv, yaml, the
 * schemas, its own modules) at every folder depth, bare Node.js built-ins, and
 * the globals that reach the process, the console, timers and the network;
 * and it leaves the other layers free. biome matches the specifier as
 * written, so a path that climbs back after a name (`../a/../../x`) is beyond
 * its patterns: the scans of the core's own sources in
 * test/unit/architecture/pure-core.test.ts resolve every import and refuse it.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/cli.js';
import { tempDir, writeTree } from '../../helpers/fs.js';

const BIOME = join(ROOT, 'node_modules', '.bin', 'biome');

/** Lints `files` (path to text) in a copy of this project's lint configuration; `path rule line:col` of each finding. */
function lint(files: Record<string, string>): string[] {
  const dir = tempDir('user-services-lint-');
  const config = JSON.parse(readFileSync(join(ROOT, 'biome.json'), 'utf8'));
  delete config.$schema;
  delete config.vcs;
  writeFileSync(join(dir, 'biome.json'), JSON.stringify(config));
  writeTree(dir, files);
  const run = spawnSync(BIOME, ['lint', '--reporter=json', '--max-diagnostics=none', ...Object.keys(files)], {
    cwd: dir,
    encoding: 'utf8',
  });
  const report = JSON.parse(run.stdout) as {
    diagnostics: { category: string; location: { path: string; start: { line: number; column: number } } }[];
  };
  return report.diagnostics
    .map(
      (d) =>
        `${d.location.path} ${d.category.replace('lint/style/', '')} ${d.location.start.line}:${d.location.start.column}`,
    )
    .sort();
}

/** A module importing each specifier in turn (one line each), all names used. */
const importing = (specifiers: readonly string[]) =>
  `${specifiers.map((s, i) => `import * as m${i} from '${s}';`).join('\n')}\nexport const used = [${specifiers.map((_, i) => `m${i}`).join(', ')}];\n`;

/** `path rule line:col` for each line of `importing(specifiers)`, at the specifier. */
const refusedAt = (path: string, specifiers: readonly string[], rule = 'noRestrictedImports') =>
  specifiers.map((_, i) => `${path} ${rule} ${i + 1}:${`import * as m${i} from '`.length}`);

describe('the lint override on scripts/core/**', () => {
  it('refuses every Node.js built-in but node:crypto and node:zlib, with or without node:', () => {
    const modules = [
      ...['fs', 'fs/promises', 'child_process', 'process', 'os', 'worker_threads', 'cluster'],
      ...['http', 'https', 'http2', 'net', 'dgram', 'dns', 'tls', 'vm', 'inspector', 'readline', 'v8', 'module'],
    ];
    const prefixed = modules.map((m) => `node:${m}`);
    const path = 'scripts/core/emit/probe.ts';
    const bare = 'scripts/core/emit/bare.ts';
    expect(lint({ [path]: importing(prefixed), [bare]: importing(modules) })).toEqual(
      [
        ...refusedAt(path, prefixed),
        ...refusedAt(bare, modules),
        ...refusedAt(bare, modules, 'useNodejsImportProtocol'),
      ].sort(),
    );
  });

  it('refuses at every depth what lies outside the core, however many ../ it takes, and a path that is not normalized', () => {
    const files: Record<string, string> = {};
    const expected: string[] = [];
    for (const depth of [0, 1, 2, 3, 4]) {
      const folder = ['scripts/core', ...['a', 'b', 'c', 'd'].slice(0, depth)].join('/');
      const out = '../'.repeat(depth + 1);
      const specifiers = [
        `${out}worker/fs.js`,
        `${out}page/assets.js`,
        `${out}adapters/read-services.js`,
        `${out}app/runner.js`,
        `${out}cli/main.js`,
        `${out}bundle.mjs`,
        `${out}../test/helpers/fs.js`,
        `${out}../package.json`,
        `./../${out}worker/fs.js`,
        `./x/../${out}worker/fs.js`,
        '@broadworks-config/user-services',
        'esbuild',
      ];
      files[`${folder}/probe.ts`] = importing(specifiers);
      expected.push(...refusedAt(`${folder}/probe.ts`, specifiers));
    }
    files['scripts/core/a/b/c/d/e/probe.ts'] = importing(['./own.js']);
    expected.push(...refusedAt('scripts/core/a/b/c/d/e/probe.ts', ['./own.js']));
    expect(lint(files)).toEqual(expected.sort());
  });

  it("allows at every depth its own modules, the schemas, node:crypto, node:zlib, ajv and yaml, and its page's folder", () => {
    const files: Record<string, string> = {};
    for (const depth of [0, 1, 2, 3, 4]) {
      const folder = ['scripts/core', ...['emit', 'page', 'c', 'd'].slice(0, depth)].join('/');
      const up = '../'.repeat(depth);
      files[`${folder}/probe.ts`] = importing([
        './own.js',
        ...(depth > 0 ? [`${up}model/site.js`, '../page/step.js'] : []),
        `${up}../../schema/user-service.schema.json`,
        ...['node:crypto', 'node:zlib', 'ajv', 'ajv/dist/2020.js', 'yaml'],
      ]);
    }
    expect(lint(files)).toEqual([]);
  });

  it('refuses the globals that reach the process, the console, timers and the network, directly or through globalThis', () => {
    const text = [
      'export const a = process.cwd();',
      "export const b = Buffer.from('');",
      "export const c = () => console.log('x');",
      'export const d = globalThis.process;',
      'export const e = globalThis.console;',
      'export const f = global.process;',
      "export const g = () => require('node:fs');",
      "export const h = () => fetch('https://example.org/');",
      'export const i = () => setTimeout(() => 0, 1);',
      'export const j = module;',
      '',
    ].join('\n');
    const path = 'scripts/core/probe.ts';
    const at = [18, 18, 24, 18, 18, 18, 24, 24, 24, 18];
    expect(lint({ [path]: text })).toEqual(at.map((col, i) => `${path} noRestrictedGlobals ${i + 1}:${col}`).sort());
  });

  it('leaves the other layers free to use the file system and the process', () => {
    const text =
      "import { readFileSync } from 'node:fs';\nexport const a = [readFileSync, process.cwd(), globalThis];\n";
    expect(lint({ 'scripts/adapters/probe.ts': text, 'scripts/worker/probe.ts': text })).toEqual([]);
  });
});
