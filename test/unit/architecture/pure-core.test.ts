/**
 * The core (scripts/core/) is pure: no module-level mutable state, and the
 * lint override of biome.json refuses every import and global that would let
 * it touch the file system, the process, threads, the network, the layers
 * above it or the browser parts. These tests check both the sources and that
 * the override really fires.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/fs.js';

const CORE = join(ROOT, 'scripts', 'core');
const BIOME = join(ROOT, 'node_modules', '.bin', 'biome');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** `file:line:col` of every `let` or `var` declared at the top level of a module. */
function moduleLevelVariables(path: string, text: string): string[] {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true);
  return file.statements.flatMap((statement) => {
    if (!ts.isVariableStatement(statement)) return [];
    if (statement.declarationList.flags & ts.NodeFlags.Const) return [];
    const { line, character } = file.getLineAndCharacterOfPosition(statement.getStart(file));
    return [`${relative(ROOT, path)}:${line + 1}:${character + 1}`];
  });
}

describe('the core', () => {
  it('declares no module-level let or var (what a long-lived process keeps is a memo its caller owns)', () => {
    const found = sources(CORE).flatMap((path) => moduleLevelVariables(path, readFileSync(path, 'utf8')));
    expect(found).toEqual([]);
  });

  it('has its module-level let found by this test (the check itself can fail)', () => {
    const text =
      'export const a = 1;\nlet kept = new Map();\nexport function f() { let local = 1; return local; }\nvar old = 2;\n';
    expect(moduleLevelVariables(join(CORE, 'probe.ts'), text)).toEqual([
      'scripts/core/probe.ts:2:1',
      'scripts/core/probe.ts:4:1',
    ]);
  });
});

/** Lints `text` as the file `path` of a copy of this project's lint configuration; `[rule, line:col]` of each finding. */
function lintAs(path: string, text: string): string[] {
  const dir = tempDir('user-services-lint-');
  const config = JSON.parse(readFileSync(join(ROOT, 'biome.json'), 'utf8'));
  delete config.$schema;
  delete config.vcs;
  writeFileSync(join(dir, 'biome.json'), JSON.stringify(config));
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
  const run = spawnSync(BIOME, ['lint', '--reporter=json', path], { cwd: dir, encoding: 'utf8' });
  const report = JSON.parse(run.stdout) as {
    diagnostics: { category: string; location: { start: { line: number; column: number } } }[];
  };
  return report.diagnostics.map((d) => `${d.category} ${d.location.start.line}:${d.location.start.column}`);
}

const RESTRICTED_IMPORT = 'lint/style/noRestrictedImports';
const RESTRICTED_GLOBAL = 'lint/style/noRestrictedGlobals';

describe('the lint override on scripts/core/**', () => {
  const imports = [
    "import { readFileSync } from 'node:fs';",
    "import { readFile } from 'node:fs/promises';",
    "import { spawn } from 'node:child_process';",
    "import { cpus } from 'node:os';",
    "import { Worker } from 'node:worker_threads';",
    "import { connect } from 'node:net';",
    "import { createServer } from 'node:http';",
    "import { readServices } from '../../adapters/read-services.js';",
    "import { CatalogRunner } from '../../app/runner.js';",
    "import { main } from '../../cli/main.js';",
    "import { bundledPageAssets } from '../../page/assets.js';",
    "import { pageAssets } from '../page/assets.js';",
  ];

  it('refuses each import that would make the core impure, at its specifier', () => {
    const names = imports.map((line) => /\{ (\w+) \}/.exec(line)?.[1]);
    const text = `${imports.join('\n')}\nexport const used = [${names.join(', ')}];\n`;
    const found = lintAs('scripts/core/emit/probe.ts', text);
    expect(found).toEqual(imports.map((line, i) => `${RESTRICTED_IMPORT} ${i + 1}:${line.indexOf("'") + 1}`));
  });

  it('refuses process, Buffer and console', () => {
    const text =
      "export const a = process.cwd();\nexport const b = Buffer.from('');\nexport const c = () => console.log('x');\n";
    expect(lintAs('scripts/core/probe.ts', text)).toEqual([
      `${RESTRICTED_GLOBAL} 1:18`,
      `${RESTRICTED_GLOBAL} 2:18`,
      `${RESTRICTED_GLOBAL} 3:24`,
    ]);
  });

  it("allows what the core may use: node:crypto, node:zlib, its own modules, and its page's folder", () => {
    const text = [
      "import { createHash } from 'node:crypto';",
      "import { gzipSync } from 'node:zlib';",
      "import { emitPage } from './page/step.js';",
      "import { pageFrame } from './render.js';",
      'export const a = [createHash, gzipSync, emitPage, pageFrame];',
      '',
    ].join('\n');
    expect(lintAs('scripts/core/emit/probe.ts', text)).toEqual([]);
  });

  it('leaves the other layers free to use the file system and the process', () => {
    const text = "import { readFileSync } from 'node:fs';\nexport const a = [readFileSync, process.cwd()];\n";
    expect(lintAs('scripts/adapters/probe.ts', text)).toEqual([]);
  });
});
