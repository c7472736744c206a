/**
 * The core (scripts/core/) is pure: no module-level mutable state (no `let`,
 * no `const` Map, Set, array or object changed in place), and it imports its
 * own modules, the schemas and the packages biome.json allows, nothing else.
 * These scans read the sources in process; that the lint override of
 * biome.json really fires is tested by running biome, in
 * test/e2e/architecture/pure-core-lint.test.ts.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/cli.js';
import {
  importsOf,
  moduleLevelConstants,
  moduleLevelVariables,
  mutatedModuleConstants,
  sourcesBelow,
} from '../../helpers/module-scan.js';

const CORE = join(ROOT, 'scripts', 'core');
const read = (path: string) => readFileSync(path, 'utf8');
const probe = join(CORE, 'probe.ts');

/** biome.json's allow-lists of imports by folder depth below scripts/core/ (0: scripts/core/x.ts). */
function importAllowLists(): Map<number, string[]> {
  const config = JSON.parse(read(join(ROOT, 'biome.json'))) as {
    overrides: { includes: string[]; linter?: { rules?: { style?: { noRestrictedImports?: unknown } } } }[];
  };
  const lists = new Map<number, string[]>();
  for (const o of config.overrides) {
    const depth = /^scripts\/core\/((?:\*\/)*)\*$/.exec(o.includes[0] ?? '')?.[1];
    const rule = o.linter?.rules?.style?.noRestrictedImports as { options: { patterns: { group: string[] }[] } };
    if (depth !== undefined && rule !== undefined) lists.set(depth.length / 2, rule.options.patterns[0]?.group ?? []);
  }
  return lists;
}

/** The packages the core may import (the allow-list's negated entries that are not relative), as patterns. */
const allowedPackages = (list: readonly string[]) =>
  list.filter((p) => p.startsWith('!') && !p.startsWith('!.')).map((p) => p.slice(1));

const matches = (pattern: string, specifier: string) =>
  new RegExp(`^${pattern.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*\*/g, '.*')}$`).test(specifier);

/** Where an import of a core module leads that the core may not follow; null when allowed. */
function forbidden(from: string, specifier: string | null, packages: readonly string[]): string | null {
  if (specifier === null) return 'an import whose module is computed';
  if (!specifier.startsWith('.')) return packages.some((p) => matches(p, specifier)) ? null : specifier;
  const target = resolve(dirname(from), specifier);
  const inCore = target.startsWith(`${CORE}${sep}`);
  const schema = dirname(target) === join(ROOT, 'schema') && target.endsWith('.json');
  return inCore || schema ? null : relative(ROOT, target);
}

describe('the core', () => {
  const sources = sourcesBelow(CORE);

  it('declares no module-level let or var (what a long-lived process keeps is a memo its caller owns)', () => {
    expect(sources.flatMap((path) => moduleLevelVariables(path, read(path)))).toEqual([]);
  });

  it('changes no module-level constant in place, its own or one it imports from another core module', () => {
    const constants = new Map(sources.map((path) => [path, new Set(moduleLevelConstants(path, read(path)))]));
    const found = sources.flatMap((path) => {
      const imported = importsOf(path, read(path)).flatMap(({ specifier, names }) => {
        if (specifier === null || !specifier.startsWith('.')) return [];
        const kept = constants.get(resolve(dirname(path), specifier).replace(/\.js$/, '.ts'));
        return names.filter(([name]) => kept?.has(name)).map(([, local]) => local);
      });
      return mutatedModuleConstants(path, read(path), imported);
    });
    expect(found).toEqual([]);
  });

  it('imports only its own modules, the schemas and the packages biome.json allows', () => {
    const packages = allowedPackages(importAllowLists().get(0) ?? []);
    expect(packages).toEqual(['node:crypto', 'node:zlib', 'ajv', 'ajv/**', 'yaml']);
    const found = sources.flatMap((path) =>
      importsOf(path, read(path)).flatMap(({ at, specifier }) => {
        const to = forbidden(path, specifier, packages);
        return to === null ? [] : [`${at} ${to}`];
      }),
    );
    expect(found).toEqual([]);
  });

  it("has biome.json's allow-list at each depth of its folders, the same list with the depth's own ../", () => {
    const depth = (path: string) => relative(CORE, path).split(sep).length - 1;
    const deepest = Math.max(...sources.map(depth));
    const lists = importAllowLists();
    expect([...lists.keys()].sort()).toEqual([0, 1, 2, 3, 4]);
    expect(deepest).toBeLessThan(lists.size);
    for (const [d, list] of lists) {
      const up = (n: number) => '../'.repeat(n);
      const climbs = d === 0 ? ['../**'] : ['!../**', `${up(d + 1)}**`];
      const packages = ['!node:crypto', '!node:zlib', '!ajv', '!ajv/**', '!yaml'];
      expect(list).toEqual([
        '**',
        '!./**',
        ...climbs,
        ...packages,
        './**/../**',
        '*/**/./**',
        `!${up(d + 2)}schema/*.json`,
      ]);
    }
  });
});

describe('the scans themselves (each can fail)', () => {
  it('find a module-level let and var, not a local one', () => {
    const text =
      'export const a = 1;\nlet kept = new Map();\nexport function f() { let local = 1; return local; }\nvar old = 2;\n';
    expect(moduleLevelVariables(probe, text)).toEqual(['scripts/core/probe.ts:2:1', 'scripts/core/probe.ts:4:1']);
  });

  it('find every way of changing a module-level constant in place, and not reading it or changing a local', () => {
    const text = [
      'const seen = new Map<string, number>();',
      'const names = new Set<string>();',
      'const list: string[] = [];',
      'const table = { a: 1 } as Record<string, number>;',
      'const { x, y: [z] } = { x: [1], y: [[2]] };',
      'export function f(k: string) {',
      '  seen.set(k, 1); names.add(k); names.delete(k); list.push(k); list.sort();',
      '  table[k] = 2; table.a += 1; delete table.b; table.a++; Object.assign(table, {});',
      '  x.push(1); z.pop(); (list as string[]).length = 0;',
      '  const own: string[] = []; own.push(k);',
      '  return [seen.get(k), names.has(k), list.slice().sort(), [...list].reverse(), table.a];',
      '}',
      '',
    ].join('\n');
    const found = mutatedModuleConstants(probe, text).map((f) => f.replace('scripts/core/probe.ts:', ''));
    expect(found).toEqual([
      '7:3 seen',
      '7:19 names',
      '7:33 names',
      '7:50 list',
      '7:64 list',
      '8:3 table',
      '8:17 table',
      '8:31 table',
      '8:47 table',
      '8:58 table',
      '9:3 x',
      '9:14 z',
      '9:23 list',
    ]);
  });

  it('find a sticky or global regular expression matched with exec or test, not one matched otherwise', () => {
    const text = [
      'const STICKY = /a/y;',
      'const GLOBAL = /b/gu;',
      'const PLAIN = /c/u;',
      'export const f = (s: string) => [STICKY.test(s), GLOBAL.exec(s), PLAIN.test(s), [...s.matchAll(GLOBAL)]];',
      '',
    ].join('\n');
    expect(mutatedModuleConstants(probe, text)).toEqual([
      'scripts/core/probe.ts:4:34 STICKY',
      'scripts/core/probe.ts:4:50 GLOBAL',
    ]);
  });

  it('find a change of a constant another module exports, under the name it is imported as', () => {
    const text = "import { FLAGS as flags, other } from './model/service.js';\nflags.push('x');\nother.push(1);\n";
    const imported = importsOf(probe, text).flatMap(({ names }) =>
      names.filter(([name]) => name === 'FLAGS').map(([, local]) => local),
    );
    expect(imported).toEqual(['flags']);
    expect(mutatedModuleConstants(probe, text, imported)).toEqual(['scripts/core/probe.ts:2:1 flags']);
  });

  it('find every import form and refuse what leaves the core, whatever the path looks like', () => {
    const packages = allowedPackages(importAllowLists().get(0) ?? []);
    const from = join(CORE, 'emit', 'probe.ts');
    const text = [
      "import { a } from 'fs';",
      "export * from 'node:http';",
      "export { b } from '../../worker/fs.js';",
      "const c = await import('./../../worker/fs.js');",
      'const d = await import(name);',
      "import e = require('../model/../../page/assets.js');",
      "import { f } from '../model/site.js';",
      "import g from '../../../schema/user-service.schema.json' with { type: 'json' };",
      "import { h } from 'ajv/dist/2020.js';",
      "import { i } from 'node:crypto';",
      "import { j } from '../../../schema/../package.json';",
      '',
    ].join('\n');
    const found = importsOf(from, text).map(({ at, specifier }) => `${at} ${forbidden(from, specifier, packages)}`);
    expect(found.map((f) => f.replace('scripts/core/emit/probe.ts:', ''))).toEqual([
      '1:19 fs',
      '2:15 node:http',
      '3:19 scripts/worker/fs.js',
      '4:17 scripts/worker/fs.js',
      '5:17 an import whose module is computed',
      '6:20 scripts/page/assets.js',
      '7:19 null',
      '8:15 null',
      '9:19 null',
      '10:19 null',
      '11:19 package.json',
    ]);
  });
});
