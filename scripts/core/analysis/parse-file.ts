/** The first step of the file stage: one file read, decoded and parsed into what the rules see. */
import { type Diagnostic, error } from '../diagnostics/diagnostic.js';
import { decode } from '../reading/decode.js';
import { fastParse } from '../reading/fast-parse.js';
import { type InputFile, instanceNameOf } from '../reading/input.js';
import { LIMITS } from '../reading/limits.js';
import { makeLocator } from '../reading/locate.js';
import { parse } from '../reading/parse.js';
import type { ParsedFile } from '../rules/rule.js';

/** A file parsed, with the problems that stopped it or that parsing found. */
export interface Parsed {
  readonly parsed: ParsedFile;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Reads one file (of the kind named `configKind`) into what the rules see,
 * with the problems that stopped it: an entry that is no regular file, or
 * that could not be read or decoded, has a null `root` and one diagnostic at
 * line 1, column 1. Never throws.
 */
export function parseFile(file: InputFile, configKind: string): Parsed {
  const head = { path: file.path, instance: instanceNameOf(file.path), configKind };
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
      // Most files are plain enough for the fast path, which gives the parser's tree or declines.
      const fast = fastParse(decoded.text);
      if (fast !== null) return { parsed: { ...head, root: fast, locate }, diagnostics: [] };
      const { root, diagnostics } = parse(decoded.text, locate);
      return { parsed: { ...head, root, locate }, diagnostics };
    }
  }
}

/**
 * The platform file as read: one that holds nothing but comments declares no
 * name, which is no problem (a service file so empty is one: `empty-file`), so
 * it stands for an empty mapping.
 */
export function platformParsed(p: Parsed): Parsed {
  if (!p.diagnostics.some((d) => d.code === 'empty-file')) return p;
  const diagnostics = p.diagnostics.filter((d) => d.code !== 'empty-file');
  const root = diagnostics.length === 0 ? ({ kind: 'map', entries: [], start: 0 } as const) : null;
  return { parsed: { ...p.parsed, root }, diagnostics };
}
