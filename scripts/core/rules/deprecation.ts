import { type Diagnostic, error } from '../diagnostics/diagnostic.js';
import { closest } from '../diagnostics/suggest.js';
import { dateProblem } from '../model/calendar-date.js';
import { DEPRECATION_REASONS } from '../model/service.js';
import type { Locator } from '../reading/locate.js';
import { entryOf, type Node } from '../reading/tree.js';
import type { Check, Rule } from './rule.js';

/** The text of a scalar string entry of `map`, with the node; undefined for anything else (the schema says why). */
function textOf(map: Node, name: string): { value: string; node: Node } | undefined {
  const e = entryOf(map, name);
  return e?.value.kind === 'scalar' && typeof e.value.value === 'string'
    ? { value: e.value.value, node: e.value }
    : undefined;
}

/**
 * A `deprecation` mapping on its own: its dates are calendar days (the
 * schema's `$defs.date`, from model/calendar-date.ts), its reason one of the
 * documented set, the service no more assignable (a deprecation of a service
 * still offered would tell clients two things), and the sunset not before the
 * deprecation (RFC 9745 section 2.1 asks the same of the two headers).
 */
function checkDeprecation(root: Node, locate: Locator): Diagnostic[] {
  const entry = entryOf(root, 'deprecation');
  if (entry?.value.kind !== 'map') return [];
  const map = entry.value;
  const out: Diagnostic[] = [];
  const dates = ['since', 'sunset'].map((name) => {
    const t = textOf(map, name);
    const problem = t === undefined ? null : dateProblem(t.value);
    if (t !== undefined && problem !== null) {
      out.push(error('invalid-date', locate(t.node.start), { field: `deprecation.${name}`, value: t.value, problem }));
    }
    return problem === null ? t : undefined;
  });
  const [since, sunset] = dates;
  if (since !== undefined && sunset !== undefined && sunset.value < since.value) {
    out.push(error('sunset-before-since', locate(sunset.node.start), { since: since.value, sunset: sunset.value }));
  }
  const reason = textOf(map, 'reason');
  if (reason !== undefined && !DEPRECATION_REASONS.includes(reason.value)) {
    const suggestion = closest(reason.value, DEPRECATION_REASONS);
    out.push(error('unknown-reason', locate(reason.node.start), { value: reason.value, suggestion }));
  }
  const flag = entryOf(root, 'no_more_assignable')?.value;
  const unset = flag === undefined ? 'absent' : flag.kind === 'scalar' && flag.value === false ? 'false' : null;
  if (unset !== null)
    out.push(error('deprecation-while-assignable', locate(entry.key.start), { noMoreAssignable: unset }));
  return out;
}

const check: Check = ({ files }) => files.flatMap((f) => (f.root === null ? [] : checkDeprecation(f.root, f.locate)));

/** The rule `deprecation`. */
export const deprecation: Rule = {
  meta: {
    id: 'deprecation',
    scope: 'file',
    codes: ['invalid-date', 'unknown-reason', 'deprecation-while-assignable', 'sunset-before-since'],
    docs: 'A deprecation has calendar dates, a documented reason, a sunset not before it, and a service no more assignable.',
  },
  check,
};
