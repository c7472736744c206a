/**
 * yaml's document to the tree the rules read (see `tree.ts`): aliases expanded
 * under the node and depth budgets, so that an alias bomb is refused quickly
 * and in bounded memory, and every tag outside the core schema, unknown or
 * recursive alias and key repeated through an alias reported where it stands.
 * Those problems leave the tree whole (the value stands for itself, or null),
 * so that the rules still check the rest of the file; a budget passed does not
 * (`limitPassed`).
 */
import {
  type Alias,
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type Node as YamlNode,
  Scalar as YamlScalar,
} from 'yaml';
import { type Diagnostic, error, warning } from '../diagnostics/diagnostic.js';
import { LIMITS } from './limits.js';
import type { Locator } from './locate.js';
import type { Entry, Node } from './tree.js';

const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

/**
 * Builds the core's tree from yaml's document, collecting the problems found
 * on the way (unknown tags, aliases expanded too far, ...) in `problems`.
 */
export class TreeBuilder {
  readonly problems: Diagnostic[] = [];
  private budget: number = LIMITS.maxNodes;
  /** A budget was passed: the tree is cut short and must not be checked further. */
  limitPassed = false;
  /** Anchored nodes being expanded right now, to catch an alias inside its own anchor. */
  private readonly expanding = new Set<unknown>();
  /** Where the outermost alias being expanded stands, or null outside aliases. */
  private outerAlias: number | null = null;
  private readonly reported = new Set<string>();
  private depth = 0;
  /** Anchored nodes in document order, and those an alias resolved to. */
  private readonly anchored: YamlNode[] = [];
  private readonly aliased = new Set<unknown>();

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
    if (node.anchor !== undefined && this.outerAlias === null) this.anchored.push(node);
    if (isScalar(node)) return this.scalar(node, start);
    this.depth++;
    try {
      return this.collection(node, start);
    } finally {
      this.depth--;
    }
  }

  /**
   * Anchors no alias uses, as warnings at their `&`: on a plain text
   * (`description: &word of mouth`), the `&word` was most likely meant as
   * text, which YAML takes away from the value. Call after `build`; nothing
   * when a limit was passed (the walk stopped before the aliases) or an alias
   * is unknown (it may have meant one of them), nor on a
   * line that `busy` holds (a problem of reading is reported there already,
   * such as two anchors on a value).
   */
  unusedAnchors(busy: ReadonlySet<number>): void {
    // An alias before its anchor is reported as unknown; the anchor it meant is no news.
    if (this.limitPassed || this.problems.some((d) => d.code === 'unknown-alias')) return;
    for (const node of this.anchored) {
      if (this.aliased.has(node)) continue;
      const name = node.anchor ?? '';
      const start = node.range?.[0] ?? 0;
      const at = Math.max(this.text.lastIndexOf(`&${name}`, start), 0);
      const onText = isScalar(node) && node.type === YamlScalar.PLAIN && typeof node.value === 'string';
      if (busy.has(this.locate(at).line)) continue;
      this.report(warning('unused-anchor', this.locate(at), { name, onText }));
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
      const items = node.items.map((i) => this.build(this.orEmpty(i as YamlNode | null, start)));
      return node.flow === true ? { kind: 'seq', items, start, flow: true } : { kind: 'seq', items, start };
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
    this.aliased.add(target);
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
    // `!!null ""` resolves to undefined in yaml: it is null all the same. A value of another type (a
    // `!!timestamp`'s Date, refused as `unknown-tag`) stands for the text written, not for JavaScript's words.
    const value =
      v === undefined
        ? null
        : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null
          ? v
          : (node.source ?? this.text.slice(start, end));
    const quoted = node.type === YamlScalar.QUOTE_DOUBLE || node.type === YamlScalar.QUOTE_SINGLE;
    const scalar = { kind: 'scalar', value, source: this.text.slice(start, end), quoted, start } as const;
    const commentAt = node.type === YamlScalar.PLAIN ? this.commentAfter(end) : -1;
    if (commentAt < 0) return scalar;
    return this.text[commentAt - 1] === '\t' ? { ...scalar, commentAt, commentTab: true } : { ...scalar, commentAt };
  }

  /** The offset of a `#` that follows `end` after spaces or tabs on the same line, or -1. */
  private commentAfter(end: number): number {
    let i = end;
    while (this.text[i] === ' ' || this.text[i] === '\t') i++;
    return i > end && this.text[i] === '#' ? i : -1;
  }

  /** A missing key or value (`key:` with nothing after it) stands for null. */
  private orEmpty(node: YamlNode | null, at: number): YamlNode {
    if (node !== null) return node;
    const empty = new YamlScalar(null);
    empty.range = [at, at, at];
    return empty;
  }
}
