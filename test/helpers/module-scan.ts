/**
 * Scans of TypeScript sources with the compiler's parser (no type checking, no
 * child process), for the architecture tests: what a module keeps at its top
 * level and mutates, and which modules it imports.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { ROOT } from './cli.js';

/** Every `.ts`, `.mts` and `.mjs` file below `dir`, in code-unit order of the paths. */
export function sourcesBelow(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? sourcesBelow(join(dir, e.name)) : /\.(ts|mts|mjs)$/.test(e.name) ? [join(dir, e.name)] : [],
    )
    .sort();
}

/** Parsed files by path, kept while their text is the same: each scan of the core would parse every file again. */
const parsed = new Map<string, ts.SourceFile>();
function parse(path: string, text: string): ts.SourceFile {
  const kept = parsed.get(path);
  if (kept?.text === text) return kept;
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true);
  parsed.set(path, file);
  return file;
}
const where = (file: ts.SourceFile, node: ts.Node) => {
  const { line, character } = file.getLineAndCharacterOfPosition(node.getStart(file));
  return `${relative(ROOT, file.fileName)}:${line + 1}:${character + 1}`;
};

/** `file:line:col` of every `let` or `var` declared at the top level of a module. */
export function moduleLevelVariables(path: string, text: string): string[] {
  const file = parse(path, text);
  return file.statements.flatMap((statement) => {
    if (!ts.isVariableStatement(statement)) return [];
    if (statement.declarationList.flags & ts.NodeFlags.Const) return [];
    return [where(file, statement)];
  });
}

/** The names a module binds with `const` at its top level (simple names; destructured ones too). */
export function moduleLevelConstants(path: string, text: string): string[] {
  const names: string[] = [];
  const collect = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) names.push(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) collect(element.name);
  };
  for (const statement of parse(path, text).statements)
    if (ts.isVariableStatement(statement) && statement.declarationList.flags & ts.NodeFlags.Const)
      for (const d of statement.declarationList.declarations) collect(d.name);
  return names;
}

/**
 * The top-level constants of a module that are regular expressions with the
 * `g` or `y` flag: `exec` and `test` move their `lastIndex`, state kept
 * between calls.
 */
export function statefulRegExps(path: string, text: string): string[] {
  return parse(path, text).statements.flatMap((statement) =>
    ts.isVariableStatement(statement) && statement.declarationList.flags & ts.NodeFlags.Const
      ? statement.declarationList.declarations.flatMap((d) =>
          ts.isIdentifier(d.name) &&
          d.initializer !== undefined &&
          ts.isRegularExpressionLiteral(d.initializer) &&
          /\/[a-z]*[gy][a-z]*$/.test(d.initializer.text)
            ? [d.name.text]
            : [],
        )
      : [],
  );
}

/** Methods that change a Map, Set, WeakMap, WeakSet or array in place. */
const MUTATORS = new Set([
  ...['set', 'add', 'delete', 'clear'],
  ...['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin'],
]);

/** The identifier an access chain starts from (`a` of `a.b[c].d`), or undefined. */
function rootName(node: ts.Expression): string | undefined {
  let n: ts.Expression = node;
  while (
    ts.isPropertyAccessExpression(n) ||
    ts.isElementAccessExpression(n) ||
    ts.isParenthesizedExpression(n) ||
    ts.isAsExpression(n) ||
    ts.isSatisfiesExpression(n) ||
    ts.isNonNullExpression(n) ||
    ts.isTypeAssertionExpression(n)
  )
    n = n.expression;
  return ts.isIdentifier(n) ? n.text : undefined;
}

const isAccess = (n: ts.Node): n is ts.PropertyAccessExpression | ts.ElementAccessExpression =>
  ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n);

/** The name of the module-level value `node` changes in place, if it does: a mutator call, an assignment, delete, ++. */
function mutated(node: ts.Node): string | undefined {
  if (ts.isCallExpression(node)) {
    const callee = node.expression;
    if (ts.isPropertyAccessExpression(callee) && MUTATORS.has(callee.name.text)) return rootName(callee.expression);
    // Object.assign(X, ...), Object.defineProperty(X, ...)
    const first = node.arguments[0];
    if (ts.isPropertyAccessExpression(callee) && rootName(callee) === 'Object' && first !== undefined)
      return ['assign', 'defineProperty', 'defineProperties', 'setPrototypeOf'].includes(callee.name.text) &&
        ts.isIdentifier(first)
        ? first.text
        : undefined;
  }
  if (ts.isBinaryExpression(node) && isAssignment(node.operatorToken.kind) && isAccess(node.left))
    return rootName(node.left);
  if (ts.isDeleteExpression(node) && isAccess(node.expression)) return rootName(node.expression);
  if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && isAccess(node.operand))
    return [ts.SyntaxKind.PlusPlusToken, ts.SyntaxKind.MinusMinusToken].includes(node.operator)
      ? rootName(node.operand)
      : undefined;
  return undefined;
}

/** The name of the stateful regular expression (`statefulRegExps`) whose `exec` or `test` `node` calls, if it does. */
function matchedWith(node: ts.Node, regExps: ReadonlySet<string>): string | undefined {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return undefined;
  const { expression: target, name } = node.expression;
  return ['exec', 'test'].includes(name.text) && ts.isIdentifier(target) && regExps.has(target.text)
    ? target.text
    : undefined;
}

const isAssignment = (kind: ts.SyntaxKind) =>
  kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;

/**
 * `file:line:col name` of every place that changes in place a value bound at
 * the top level of a module: its own top-level constants, and `imported`
 * (local names of what it imports from other modules' top levels). A `const`
 * Map, Set or array that a function fills is state kept between calls, as a
 * `let` would be; so is a `g` or `y` regular expression that `exec` or `test`
 * moves on.
 */
export function mutatedModuleConstants(path: string, text: string, imported: readonly string[] = []): string[] {
  const file = parse(path, text);
  const names = new Set([...moduleLevelConstants(path, text), ...imported]);
  const regExps = new Set(statefulRegExps(path, text));
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    const name = mutated(node) ?? matchedWith(node, regExps);
    if (name !== undefined && names.has(name)) found.push(`${where(file, node)} ${name}`);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** One import of a module: its specifier (null when not a string literal) and its local names. */
export interface ImportOf {
  readonly at: string;
  readonly specifier: string | null;
  /** `[imported, local]` of each named import. */
  readonly names: readonly (readonly [string, string])[];
}

/** Every import, re-export and dynamic `import()` of a module, `import x = require()` included. */
export function importsOf(path: string, text: string): ImportOf[] {
  const file = parse(path, text);
  const out: ImportOf[] = [];
  const literal = (e: ts.Node | undefined) => (e !== undefined && ts.isStringLiteralLike(e) ? e.text : null);
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const bindings = node.importClause?.namedBindings;
      const names =
        bindings !== undefined && ts.isNamedImports(bindings)
          ? bindings.elements.map((e) => [(e.propertyName ?? e.name).text, e.name.text] as const)
          : [];
      out.push({ at: where(file, node.moduleSpecifier), specifier: literal(node.moduleSpecifier), names });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier !== undefined) {
      out.push({ at: where(file, node.moduleSpecifier), specifier: literal(node.moduleSpecifier), names: [] });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const e = node.moduleReference.expression;
      out.push({ at: where(file, e), specifier: literal(e), names: [] });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      out.push({ at: where(file, node), specifier: literal(node.arguments[0]), names: [] });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}
