/**
 * The seams are documented: every exported function, class and constant of
 * the core, the application layer and the adapters has a doc comment (`/** ...`)
 * giving its input and output shapes, units and what it throws. The check
 * reads the sources with TypeScript's parser and names each declaration that
 * has none, as `file:line name`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/cli.js';

const LAYERS = ['core', 'app', 'adapters'].map((layer) => join(ROOT, 'scripts', layer));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const exported = (node: ts.Node): boolean =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** Whether a `/** ... *\/` comment stands right before the node (a `//` comment is not a doc comment). */
const hasDocComment = (node: ts.Node): boolean => ts.getJSDocCommentsAndTags(node).length > 0;

/** `file:line name` of every exported function, class and constant of `text` without a doc comment. */
function undocumentedExports(path: string, text: string): string[] {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true);
  const at = (node: ts.Node, name: string) =>
    `${path}:${file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1} ${name}`;
  return file.statements.flatMap((statement) => {
    if (!exported(statement)) return [];
    if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) {
      return hasDocComment(statement) ? [] : [at(statement, statement.name?.text ?? 'default')];
    }
    if (ts.isVariableStatement(statement)) {
      // The comment belongs to the statement, and TypeScript hangs it on its first declaration.
      const documented = statement.declarationList.declarations.some(hasDocComment) || hasDocComment(statement);
      return documented ? [] : statement.declarationList.declarations.map((d) => at(statement, d.name.getText(file)));
    }
    return [];
  });
}

describe('doc comments on the seams', () => {
  it('are on every exported function, class and constant of scripts/core, scripts/app and scripts/adapters', () => {
    const missing = LAYERS.flatMap(sources).flatMap((path) =>
      undocumentedExports(relative(ROOT, path), readFileSync(path, 'utf8')),
    );
    expect(missing).toEqual([]);
  });

  it('are found missing, by name and line, whatever else stands before the declaration', () => {
    const probe = [
      '/** Documented. */',
      'export function a(): void {}',
      '// Only a line comment.',
      'export function b(): void {}',
      'export class C {}',
      '/** Documented. */',
      'export const d = 1;',
      'export const e = 2, f = 3;',
      'function g(): void {}',
      'export type H = string;',
      '/**',
      ' * Documented over lines.',
      ' */',
      'export class I {}',
    ].join('\n');
    expect(undocumentedExports('probe.ts', probe)).toEqual([
      'probe.ts:4 b',
      'probe.ts:5 C',
      'probe.ts:8 e',
      'probe.ts:8 f',
    ]);
  });
});
