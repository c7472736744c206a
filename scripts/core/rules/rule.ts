import { type Code, compareCodePoints, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Locator } from '../reading/locate.js';
import type { Node } from '../reading/tree.js';

/** A file of some kind (a service file, ...) after reading and parsing, as every rule sees it. */
export interface ParsedFile {
  /** Path as shown to the user. */
  readonly path: string;
  /** File name without `.yaml` / `.yml`. */
  readonly instance: string;
  /** The name of the kind whose file it is (`user_services`, ...): each kind has its own URLs. */
  readonly configKind: string;
  /** The document, or null when the file could not be parsed (its problems are already reported). */
  readonly root: Node | null;
  readonly locate: Locator;
}

export interface ParsedCatalog {
  /** The services folder as shown to the user. */
  readonly dir: string;
  /**
   * The files the rule judges: a shared rule's, every kind's; a kind's own
   * rule's, that kind's alone.
   */
  readonly files: readonly ParsedFile[];
  /**
   * The platform file (`_platform.yaml`), when the folder has one (for a
   * catalog rule, its outline: the names it declares). Only the rules that say
   * so read it; it is never a service.
   */
  readonly platform?: ParsedFile | null;
  /**
   * For a catalog rule, every kind's files (outlines) by kind name, each kind
   * present even without files: what a rule that checks one kind against
   * another reads. Absent for file rules.
   */
  readonly byKind?: ReadonlyMap<string, readonly ParsedFile[]>;
}

/** What a rule checks: the problems it finds in the files it is given, each with a code its meta declares. */
export type Check = (catalog: ParsedCatalog) => Diagnostic[];

/**
 * What a rule declares of itself, as eslint's rules carry `meta`: the codes it
 * reports (each code is reported by exactly one rule or reading stage: a test
 * checks it), and for a catalog rule the top-level fields it reads of its own
 * kind's files and of other kinds', from which `catalogFields` (what the
 * files' outlines keep) is derived.
 */
export interface RuleMeta {
  /** The rule's file name in `rules/`. */
  readonly id: string;
  /** `file`: judges each file on its own (cacheable per file); `catalog`: compares files, on their outlines. */
  readonly scope: 'file' | 'catalog';
  readonly codes: readonly Code[];
  /** For catalog rules: the top-level fields the rule reads of each file's outline (of its own kind's files). */
  readonly reads?: readonly string[];
  /**
   * For a kind's catalog rules: the top-level fields it reads of other kinds'
   * files (through `byKind`), by kind name (`{ user_services:
   * ['technical_name'] }`): those kinds' outlines keep them too.
   */
  readonly readsOf?: Readonly<Record<string, readonly string[]>>;
  /** One sentence: what the rule refuses, and why. */
  readonly docs: string;
}

/** Every validation rule is such an object, listed in `rules/index.ts`. */
export interface Rule {
  readonly meta: RuleMeta;
  readonly check: Check;
}

/** A stage of reading that reports problems of its own (the folder reader, decode, parse), declared as rules are. */
export interface StageMeta {
  readonly id: string;
  readonly codes: readonly Code[];
  readonly docs: string;
}

/** Keys reported by their own rules, which the schema rule therefore leaves alone. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
/** YAML 1.1's merge key, which YAML 1.2 reads as a plain key. */
export const MERGE_KEY = '<<';

/**
 * Items whose keys collide, each paired with another item of its group: every
 * member of a clash is reported, and each report names one other member.
 */
export function clashes<T extends { readonly path: string }>(
  items: readonly T[],
  keyOf: (item: T) => string,
): [T, T][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const out: [T, T][] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const sorted = [...group].sort((a, b) => compareCodePoints(a.path, b.path));
    for (const [i, item] of sorted.entries()) out.push([item, sorted[i === 0 ? 1 : 0] as T]);
  }
  return out;
}
