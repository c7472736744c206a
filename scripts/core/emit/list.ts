import { userServicesIdentity } from '../kinds/user-services/identity.js';
import { jsonString, objectWriter, serialize } from '../model/json.js';
import { LIST_FIELDS, type Service } from '../model/service.js';
import { listPath, utf8 } from '../model/site.js';
import { type Frame, joinedFile, joinPieces, piecesOf } from './fragments.js';
import type { EmitMemo, Piece } from './memo.js';
import { entrySlot } from './service-pieces.js';
import type { EmitOptions, KindStep } from './step.js';

// An entry is an item of the array `user_services`, two levels into the body.
const COMPACT_ENTRY = objectWriter(LIST_FIELDS, '');
const PRETTY_ENTRY = objectWriter(LIST_FIELDS, '\n    ');

/** The body around a list of entries, as `serialize` writes `{"user_services": [...]}`. */
const COMPACT_FRAME: Frame = { head: '{"user_services":[', separator: ',', tail: ']}\n' };
const PRETTY_FRAME: Frame = { head: '{\n  "user_services": [\n    ', separator: ',\n    ', tail: '\n  ]\n}\n' };

const frameOf = (options: EmitOptions): Frame => (options.pretty ? PRETTY_FRAME : COMPACT_FRAME);

/** One service's list entry, as it appears in the list body (a template: this runs for every service). */
export function entryText(s: Service, pretty: boolean): string {
  const { before, end } = pretty ? PRETTY_ENTRY : COMPACT_ENTRY;
  const [name, display, description, nma] = before as [string, string, string, string];
  return `${name}${jsonString(s.technical_name)}${display}${jsonString(s.display_name)}${description}${jsonString(s.description)}${nma}${s.no_more_assignable}${end}`;
}

/** Each service's list entry, encoded (kept in `memo`: see fragments.ts). */
export function listEntries(memo: EmitMemo, services: readonly Service[], options: EmitOptions): Piece[] {
  const { table, slot } = entrySlot(options.pretty);
  return piecesOf(memo, table, services, slot, (s) => entryText(s, options.pretty));
}

/** The list body of these entries, `{"user_services": [...]}`, as UTF-8. */
export function listBody(entries: readonly Piece[], options: EmitOptions): Uint8Array {
  if (entries.length === 0) return utf8(serialize(new Map([['user_services', []]]), options.pretty));
  return joinPieces(frameOf(options), entries);
}

/** The list of every service (the spec's `GET /api/v1/configs/user_services/`). */
export const emitList: KindStep<Service> = ({ objects: services, options, memo }) => [
  [
    listPath(userServicesIdentity),
    services.length === 0
      ? listBody([], options)
      : joinedFile(memo, entrySlot(options.pretty), services, (s) => entryText(s, options.pretty), frameOf(options)),
  ],
];
