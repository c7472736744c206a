/**
 * Text to tree. `yaml` does the parsing; this module turns its errors into
 * diagnostics, refuses what a service file must not use (other YAML versions,
 * tags beyond the core schema, more than one document) and expands aliases
 * under a node budget, so that an alias bomb is refused quickly and in bounded memory.
 */
import {
  type Alias,
  Composer,
  type CST,
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  Parser,
  type YAMLError,
  YAMLParseError,
  type Node as YamlNode,
  Scalar as YamlScalar,
} from 'yaml';
import { firstBeyondLimits, type LimitPassed } from './cst-limits.js';
import { type Diagnostic, error } from './diagnostic.js';
import { LIMITS } from './limits.js';
import type { Locator } from './locate.js';
import type { Entry, Node } from './tree.js';

export interface Parsed {
  /** The document's root, or null when the file could not be read as a service at all. */
  readonly root: Node | null;
  readonly diagnostics: readonly Diagnostic[];
}

const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

// YAML 1.2 printable characters: tab, line feed, carriage return, and everything
// visible; not the other C0 controls, DEL, C1 controls (but NEL) or U+FFFE/FFFF. A carriage
// return alone (old Mac line endings) is a line break to YAML but not to editors, diffs or
// locations: only LF and CRLF are accepted.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const NOT_PRINTABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F\uFFFE\uFFFF]|\r(?!\n)/;

export function parse(text: string, locate: Locator): Parsed {
  const bad = NOT_PRINTABLE.exec(text);
  if (bad !== null) {
    const codePoint = `U+${(bad[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    return { root: null, diagnostics: [error('invalid-character', locate(bad.index), { codePoint })] };
  }
  // Limits are measured on the syntax tree, before composing meets a hostile depth or size.
  const tokens = [...new Parser().parse(text)];
  const beyond = firstBeyondLimits(tokens, LIMITS);
  if (beyond !== null) return { root: null, diagnostics: [limitPassed(beyond, locate)] };
  const doc = composeOne(tokens, text.length);
  const diagnostics = yamlProblems(doc, text, locate);
  if (diagnostics.length > 0) return { root: null, diagnostics };
  if (isEmpty(doc.contents)) return { root: null, diagnostics: [error('empty-file', locate(0), {})] };
  const builder = new TreeBuilder(doc, text, locate);
  const root = builder.build(doc.contents as YamlNode);
  return builder.problems.length > 0 ? { root: null, diagnostics: builder.problems } : { root, diagnostics: [] };
}

const OPTIONS = { version: '1.2', schema: 'core', merge: false, uniqueKeys: true, strict: true } as const;

/** No document, or one with nothing in it (`---` alone): an empty node has an empty range. */
function isEmpty(contents: Document['contents']): boolean {
  if (contents === null) return true;
  return isScalar(contents) && contents.value === null && contents.range?.[0] === contents.range?.[1];
}

function limitPassed({ limit, offset }: LimitPassed, locate: Locator): Diagnostic {
  return limit === 'too-deep'
    ? error('too-deep', locate(offset), { limit: LIMITS.maxDepth })
    : error('too-many-nodes', locate(offset), { limit: LIMITS.maxNodes, viaAliases: false });
}

/** The first document of the tokens, with a second one reported on it (as `parseDocument` does). */
function composeOne(tokens: readonly CST.Token[], length: number): Document {
  let first: Document | undefined;
  for (const doc of new Composer(OPTIONS).compose(tokens, true, length)) {
    if (first === undefined) first = doc;
    else {
      first.errors.push(new YAMLParseError([doc.range[0], doc.range[1]], 'MULTIPLE_DOCS', 'a second document'));
      break;
    }
  }
  // compose(..., forceDoc = true) always yields at least one document.
  return first as Document;
}

function yamlProblems(doc: Document, text: string, locate: Locator): Diagnostic[] {
  const out: Diagnostic[] = [];
  const lines = new Set<number>();
  // Unknown tags are only warnings to yaml; the tree walk reports every tag outside the core schema.
  // A core tag on a value it cannot describe (`!!int abc`, `!!map A`) is kept: yaml would pass the text on as it is.
  const warnings = doc.warnings.filter((w) => w.code !== 'TAG_RESOLVE_FAILED' || CORE_TAG_MESSAGE.test(w.message));
  for (const e of [...doc.errors, ...warnings]) {
    const at = locate(e.pos[0]);
    // One parse problem tends to cause several reports on its line; the first says most.
    if (lines.has(at.line)) continue;
    lines.add(at.line);
    out.push(toDiagnostic(e, text, locate));
  }
  const version = doc.directives?.yaml;
  if (version?.explicit && version.version !== '1.2') {
    out.push(error('yaml-version', directiveAt(text, locate), { version: version.version }));
  }
  return out;
}

const CORE_TAG_MESSAGE = /^Unresolved tag: tag:yaml\.org,2002:(str|int|float|bool|null|map|seq)$/;

function toDiagnostic(e: YAMLError, text: string, locate: Locator): Diagnostic {
  const at = locate(e.pos[0]);
  const unsupported = e.code === 'BAD_DIRECTIVE' ? /^Unsupported YAML version (\S+)/.exec(e.message) : null;
  if (unsupported !== null) return error('yaml-version', directiveAt(text, locate), { version: unsupported[1] ?? '' });
  const coreTag = CORE_TAG_MESSAGE.exec(e.message);
  if (coreTag !== null) return error('tag-mismatch', at, { tag: `!!${coreTag[1]}` });
  // An undeclared handle (`!x!y`) is a tag yaml cannot even name: as unknown as any other.
  if (e.code === 'TAG_RESOLVE_FAILED') return error('unknown-tag', at, { tag: tagTextAt(text, e.pos[0]) });
  if (e.code === 'MULTIPLE_DOCS') return error('multiple-documents', at, {});
  if (e.code === 'DUPLICATE_KEY') return error('duplicate-key', at, { key: keyTextAt(text, e.pos[0]) });
  return error('yaml-syntax', at, { detail: lowerFirst(e.message), parserCode: e.code });
}

/** The tag as written at an offset. */
function tagTextAt(text: string, offset: number): string {
  return /^\S*/.exec(text.slice(offset, offset + 200))?.[0] ?? '';
}

/** Where the %YAML directive stands (it may follow comments). */
function directiveAt(text: string, locate: Locator) {
  return locate(Math.max(0, text.search(/^%YAML\b/m)));
}

/** The key as written at an offset, unquoted, for duplicate-key messages. */
function keyTextAt(text: string, offset: number): string {
  const rest = text.slice(offset);
  const quoted = /^(["'])(.*?)\1/.exec(rest);
  if (quoted) return quoted[2] ?? '';
  return (/^[^:\n]*/.exec(rest)?.[0] ?? '').trim();
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

class TreeBuilder {
  readonly problems: Diagnostic[] = [];
  private budget: number = LIMITS.maxNodes;
  private limitPassed = false;
  /** Anchored nodes being expanded right now, to catch an alias inside its own anchor. */
  private readonly expanding = new Set<unknown>();
  /** Where the outermost alias being expanded stands, or null outside aliases. */
  private outerAlias: number | null = null;
  private readonly reported = new Set<string>();
  private depth = 0;

  constructor(
    private readonly doc: Document,
    private readonly text: string,
    private readonly locate: Locator,
  ) {}

  build(node: YamlNode): Node {
    const start = node.range?.[0] ?? 0;
    if (this.depth > LIMITS.maxDepth || --this.budget < 0) return this.beyondLimit(start);
    if (node.tag !== undefined && !CORE_TAGS.has(node.tag)) {
      const tag = node.tag.replace(/^tag:yaml\.org,2002:/, '!!');
      this.report(error('unknown-tag', this.locate(this.tagStart(start)), { tag }));
    }
    if (isAlias(node)) return this.alias(node);
    if (isScalar(node)) return this.scalar(node, start);
    this.depth++;
    try {
      return this.collection(node, start);
    } finally {
      this.depth--;
    }
  }

  /** Each problem once: every alias of an anchored node repeats the node, not its problems. */
  private report(d: Diagnostic): void {
    const key = `${d.code}@${d.line}:${d.column}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.problems.push(d);
  }

  /** The first limit passed is reported once, at the alias that expanded past it if any. */
  private beyondLimit(start: number): Node {
    if (!this.limitPassed) {
      this.limitPassed = true;
      const at = this.locate(this.outerAlias ?? start);
      this.report(
        this.depth > LIMITS.maxDepth
          ? error('too-deep', at, { limit: LIMITS.maxDepth })
          : error('too-many-nodes', at, { limit: LIMITS.maxNodes, viaAliases: this.outerAlias !== null }),
      );
    }
    return { kind: 'scalar', value: null, source: '', quoted: false, start };
  }

  private collection(node: YamlNode, start: number): Node {
    if (isMap(node)) {
      const entries: Entry[] = [];
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = this.build(this.orEmpty(pair.key as YamlNode | null, start));
        const value = this.build(this.orEmpty(pair.value as YamlNode | null, key.start));
        this.checkUnique(seen, key, pair.key as YamlNode | null);
        entries.push({ key, value });
      }
      return { kind: 'map', entries, start };
    }
    if (isSeq(node)) {
      return {
        kind: 'seq',
        items: node.items.map((i) => this.build(this.orEmpty(i as YamlNode | null, start))),
        start,
      };
    }
    return { kind: 'scalar', value: null, source: '', quoted: false, start };
  }

  /** yaml compares keys as written; an alias (`*k : x`) can still repeat a key once expanded. */
  private checkUnique(seen: Set<string>, key: Node, written: YamlNode | null): void {
    if (key.kind !== 'scalar' || typeof key.value !== 'string') return;
    if (seen.has(key.value)) {
      const at = this.locate(written?.range?.[0] ?? key.start);
      this.report(error('duplicate-key', at, { key: key.value }));
    }
    seen.add(key.value);
  }

  /** The node's range starts at its value; its tag stands before it on the same line. */
  private tagStart(start: number): number {
    const lineStart = this.text.lastIndexOf('\n', start - 1) + 1;
    const bang = this.text.lastIndexOf('!', start);
    return bang >= lineStart ? this.text.lastIndexOf(' ', bang) + 1 || lineStart : start;
  }

  private alias(node: Alias): Node {
    const start = node.range?.[0] ?? 0;
    const target = node.resolve(this.doc);
    if (target === undefined || this.expanding.has(target)) {
      const code = target === undefined ? 'unknown-alias' : 'recursive-alias';
      this.report(error(code, this.locate(start), { alias: node.source }));
      return { kind: 'scalar', value: null, source: '', quoted: false, start };
    }
    const outer = this.outerAlias;
    this.outerAlias ??= start;
    this.expanding.add(target);
    try {
      return this.build(target as YamlNode);
    } finally {
      this.expanding.delete(target);
      this.outerAlias = outer;
    }
  }

  private scalar(node: YamlScalar, start: number): Node {
    const end = node.range?.[1] ?? start;
    const v = node.value;
    // `!!null ""` resolves to undefined in yaml: it is null all the same.
    const value =
      v === undefined
        ? null
        : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null
          ? v
          : String(v);
    const quoted = node.type === YamlScalar.QUOTE_DOUBLE || node.type === YamlScalar.QUOTE_SINGLE;
    return { kind: 'scalar', value, source: this.text.slice(start, end), quoted, start };
  }

  /** A missing key or value (`key:` with nothing after it) stands for null. */
  private orEmpty(node: YamlNode | null, at: number): YamlNode {
    if (node !== null) return node;
    const empty = new YamlScalar(null);
    empty.range = [at, at, at];
    return empty;
  }
}
