/**
 * The pure heart of a run: from what was read to the valid services and every
 * problem found, in all files at once.
 */
import { decode } from './decode.js';
import { compareCodePoints, compareDiagnostics, type Diagnostic, error } from './diagnostic.js';
import { type Input, type InputFile, instanceNameOf } from './input.js';
import { LIMITS } from './limits.js';
import { makeLocator } from './locate.js';
import { parse } from './parse.js';
import { rules } from './rules/index.js';
import type { ParsedFile } from './rules/rule.js';
import { type Service, toService } from './service.js';

export interface Analysis {
  /** Valid services, sorted by technical name in code-point order. */
  readonly services: readonly Service[];
  /** Every problem, sorted by file, line and column. */
  readonly diagnostics: readonly Diagnostic[];
  /** How many candidate files were read. */
  readonly fileCount: number;
}

/** Reads one file into what the rules see, with the problems that stopped it. */
export function parseFile(file: InputFile): { parsed: ParsedFile; diagnostics: readonly Diagnostic[] } {
  const head = { path: file.path, instance: instanceNameOf(file.path) };
  const start = { file: file.path, line: 1, column: 1 };
  const stopped = (d: Diagnostic) => ({ parsed: { ...head, root: null, locate: () => start }, diagnostics: [d] });
  switch (file.kind) {
    case 'directory':
    case 'other':
      return stopped(error('not-a-file', start, { kind: file.kind }));
    case 'symbolic-link':
      return stopped(error('symbolic-link', start, { target: file.target }));
    case 'unreadable':
      return stopped(error('file-unreadable', start, { reason: file.reason }));
    case 'too-large':
      return stopped(error('file-too-large', start, { size: file.size, limit: LIMITS.maxFileBytes }));
    case 'file': {
      const decoded = decode(file.path, file.bytes);
      if (!decoded.ok) return stopped(decoded.diagnostic);
      const locate = makeLocator(file.path, decoded.text);
      const { root, diagnostics } = parse(decoded.text, locate);
      return { parsed: { ...head, root, locate }, diagnostics };
    }
  }
}

export function analyze(input: Input, parsed = input.files.map(parseFile)): Analysis {
  const files = parsed.map((p) => p.parsed);
  const diagnostics = [
    ...parsed.flatMap((p) => p.diagnostics),
    ...rules.flatMap((rule) => rule({ dir: input.dir, files })),
  ];
  const broken = new Set(diagnostics.map((d) => d.file));
  const services = files
    .filter((f) => f.root !== null && !broken.has(f.path))
    .map((f) => toService(f.instance, f.root as NonNullable<ParsedFile['root']>))
    .sort((a, b) => compareCodePoints(a.technical_name, b.technical_name));
  return { services, diagnostics: diagnostics.sort(compareDiagnostics), fileCount: input.files.length };
}
