import { userServicesIdentity } from '../kinds/user-services/identity.js';
import { jsonAt, jsonString, objectWriter } from '../model/json.js';
import { FLAGS, type Flag, INSTANCE_FIELDS, LIST_FIELDS, type Service } from '../model/service.js';
import { flagMask, instancePath, sortByPath, utf8 } from '../model/site.js';
import type { Part } from './bytes.js';
import { ownPieces } from './fragments.js';
import { listEntries } from './list.js';
import type { EmitMemo, Piece } from './memo.js';
import { SERVICE_PIECES } from './service-pieces.js';
import type { EmitOptions, KindStep } from './step.js';

/** The first fields of an instance are the list entry's, in its order. */
const ENTRY_KEY_COUNT = LIST_FIELDS.length;
const COMPACT = objectWriter(INSTANCE_FIELDS, '');
const PRETTY = objectWriter(INSTANCE_FIELDS, '\n');

const restValues = (s: Pick<Service, Flag | 'add_data'>, inner: string): string[] => [
  String(s.for_hg),
  String(s.for_ivr),
  String(s.for_cc),
  String(s.for_enduser),
  jsonAt(s.add_data, inner),
];

/** The instance body, as `serialize` writes it. */
export function instanceText(s: Service, pretty: boolean): string {
  const writer = pretty ? PRETTY : COMPACT;
  const first = [
    jsonString(s.technical_name),
    jsonString(s.display_name),
    jsonString(s.description),
    String(s.no_more_assignable),
  ];
  return `${writer.write([...first, ...restValues(s, writer.inner)])}\n`;
}

/** What follows the list entry's keys in a compact instance body. */
const compactRest = (s: Pick<Service, Flag | 'add_data'>): string =>
  `${COMPACT.write(restValues(s, ''), ENTRY_KEY_COUNT)}\n`;

/** The same for each set of flags, with add_data empty (most services), encoded once. */
const EMPTY_DATA_RESTS = Array.from({ length: 1 << FLAGS.length }, (_, mask) => {
  const flags = Object.fromEntries(FLAGS.map((f, bit) => [f, ((mask >> bit) & 1) === 1]));
  return utf8(compactRest({ ...(flags as Record<Flag, boolean>), add_data: new Map() }));
});

/**
 * A compact instance body starts as its compact list entry does, up to the
 * entry's closing brace: that much is copied from the encoded entry, which
 * the list and the filters need anyway, instead of rendered and encoded again.
 */
function compactInstances(memo: EmitMemo, services: readonly Service[], options: EmitOptions): Uint8Array[] {
  // Looked up only if an instance is to be rendered: after an edit, most are kept.
  let entries: Piece[] | undefined;
  return ownPieces(memo, SERVICE_PIECES, services, 'instance', (s, i): Part[] => {
    entries ??= listEntries(memo, services, options);
    const entry = entries[i] as Piece;
    const rest = s.add_data.size === 0 ? EMPTY_DATA_RESTS[flagMask(s)] : compactRest(s);
    return [entry.bytes.subarray(entry.start, entry.end - 1), rest as Part];
  });
}

/** Each service's own file, at its instance's folder. */
export const emitInstances: KindStep<Service> = ({ objects: services, options, memo }) => {
  const bodies = options.pretty
    ? ownPieces(memo, SERVICE_PIECES, services, 'instancePretty', (s) => instanceText(s, true))
    : compactInstances(memo, services, options);
  const { order, paths } = pathOrder(
    memo,
    services.map((s) => s.instance),
  );
  return paths.map((path, i) => [path, bodies[order[i] as number] as Uint8Array]);
};

/**
 * The instances' paths in code-point order, with the index of each one's
 * service: the site's order, so that the site is sorted in one pass over
 * presorted runs. The same for the same names in the same order (`serve
 * --watch` after an edit), for which sorting 10,000 paths again cost as much
 * as all the rest of emitting.
 */
const pathOrder = (memo: EmitMemo, names: readonly string[]): { order: readonly number[]; paths: readonly string[] } =>
  memo.sameAsLast('user_services instance paths', names, () => {
    const sorted = sortByPath(names.map((name, i) => [instancePath(userServicesIdentity, name), i] as const));
    return { order: sorted.map(([, i]) => i), paths: sorted.map(([path]) => path) };
  });
