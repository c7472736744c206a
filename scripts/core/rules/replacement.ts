import { type Diagnostic, error } from '../diagnostics/diagnostic.js';
import { closest } from '../diagnostics/suggest.js';
import { entryOf } from '../reading/tree.js';
import type { Check, ParsedFile, Rule } from './rule.js';

/** `deprecation.replaced_by` of a file, with where it is written; undefined without one. */
function successorOf(f: ParsedFile): { name: string; start: number } | undefined {
  const deprecation = f.root === null ? undefined : entryOf(f.root, 'deprecation')?.value;
  const value = deprecation === undefined ? undefined : entryOf(deprecation, 'replaced_by')?.value;
  return value?.kind === 'scalar' && typeof value.value === 'string'
    ? { name: value.value, start: value.start }
    : undefined;
}

/** Each previous name (ASCII, so lower case is its folding, as instance names compare) with the instance that had it. */
function previousOwners(files: readonly ParsedFile[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of files) {
    const list = f.root === null ? undefined : entryOf(f.root, 'previous_names')?.value;
    if (list?.kind !== 'seq') continue;
    for (const item of list.items) {
      if (item.kind !== 'scalar' || typeof item.value !== 'string') continue;
      const key = item.value.toLowerCase();
      if (!out.has(key)) out.set(key, f.instance);
    }
  }
  return out;
}

const assignable = (f: ParsedFile): boolean => {
  const flag = f.root === null ? undefined : entryOf(f.root, 'no_more_assignable')?.value;
  return !(flag?.kind === 'scalar' && flag.value === true);
};

/**
 * `deprecation.replaced_by` names the service clients should move to: an
 * existing instance (exactly as its URL is written), not the service itself,
 * and one they may assign (not `no_more_assignable`), since the `Link` header
 * sends clients there (rel="successor-version", RFC 5829). A previous name of
 * a service is not its instance name: the message names the service that had it.
 */
const check: Check = ({ files }) => {
  const byInstance = new Map(files.map((f) => [f.instance, f]));
  const instances = [...byInstance.keys()];
  const previous = previousOwners(files);
  return files.flatMap((f): Diagnostic[] => {
    const successor = successorOf(f);
    if (successor === undefined) return [];
    const { name } = successor;
    const at = f.locate(successor.start);
    if (name === f.instance) return [error('replaced-by-itself', at, { name })];
    const target = byInstance.get(name);
    if (target === undefined) {
      const previousOf = previous.get(name.toLowerCase()) ?? null;
      if (previousOf === f.instance) return [error('replaced-by-itself', at, { name })];
      const suggestion =
        previousOf ?? instances.find((i) => i.toLowerCase() === name.toLowerCase()) ?? closest(name, instances);
      return [error('unknown-replacement', at, { name, suggestion, previousOf })];
    }
    return assignable(target) ? [] : [error('replacement-deprecated', at, { name, other: target.path })];
  });
};

/** The rule `replacement`. */
export const replacement: Rule = {
  meta: {
    id: 'replacement',
    scope: 'catalog',
    codes: ['unknown-replacement', 'replaced-by-itself', 'replacement-deprecated'],
    reads: ['deprecation', 'no_more_assignable', 'previous_names'],
    docs: 'A deprecated service is replaced by an existing, assignable service other than itself.',
  },
  check,
};
